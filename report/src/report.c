/* report.c - the report's entry point: picks the format's writer. */
#include <string.h>

#include "rep_internal.h"
#include "rep_locale.h"

int rep_format_parse(const char *name, rep_format *out) {
  static const char *const names[] = {"table", "csv", "json"};
  static const rep_format formats[] = {REP_FORMAT_TABLE, REP_FORMAT_CSV, REP_FORMAT_JSON};
  if (!name) return -1;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(name, names[i]) == 0) {
      *out = formats[i];
      return 0;
    }
  }
  return -1;
}

int rep_write(FILE *f, rep_format format, const scn_scenario *scn, const sim_result *results, int n,
              const rep_opts *opts) {
  int rc = -1;
  rep_locale loc;
  rep_locale_enter(&loc); /* numbers with '.', whatever the program's locale */
  switch (format) {
  case REP_FORMAT_TABLE:
    rc = rep_write_table(f, scn, results, n, opts);
    break;
  case REP_FORMAT_CSV:
    rc = rep_write_csv(f, scn, results, n, opts);
    break;
  case REP_FORMAT_JSON:
    rc = rep_write_json(f, scn, results, n, opts);
    break;
  }
  rep_locale_leave(&loc);
  if (fflush(f) != 0 || ferror(f)) rc = -1;
  return rc;
}

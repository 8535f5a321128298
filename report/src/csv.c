/* csv.c - one CSV row per result (RFC 4180, CRLF line ends), for spreadsheets
 * and pandas. Quoting goes through libcsv: labels such as
 * "threads:gil=off,cores=4" carry commas, and task names are whatever the
 * file says.
 */
#include <csv.h>
#include <inttypes.h>
#include <string.h>

#include "rep_explain.h"
#include "rep_internal.h"

/* A field quoted only when it must be (RFC 4180's minimal quoting, as Python's
 * csv module writes by default); libcsv does the quoting itself. */
void rep_csv_field(FILE *f, const char *text, int first) {
  if (!first) fputc(',', f);
  if (strpbrk(text, ",\"\r\n"))
    csv_fwrite(f, text, strlen(text));
  else
    fputs(text, f);
}

void rep_csv_header(FILE *f, const scn_scenario *scn, const sim_result *counts,
                    const rep_opts *opts, int first) {
  static const char *const header[] = {"strategy",
                                       "makespan_s",
                                       "busy_s",
                                       "utilization",
                                       "tasks",
                                       "events",
                                       "switches",
                                       "completion_mean_s",
                                       "completion_p50_s",
                                       "completion_p95_s",
                                       "completion_max_s",
                                       "ready_wait_mean_s",
                                       "ready_wait_max_s",
                                       "speedup_vs_sync",
                                       "cores",
                                       "response_mean_s",
                                       "response_p50_s",
                                       "response_p95_s",
                                       "response_p99_s",
                                       "response_max_s",
                                       "throughput_per_s",
                                       "in_system_mean",
                                       "ok",
                                       "timeout",
                                       "failed",
                                       "cancelled"};
  static const char *const ci_header[] = {"runs",
                                          "makespan_s_ci95",
                                          "busy_s_ci95",
                                          "utilization_ci95",
                                          "speedup_vs_sync_ci95",
                                          "response_mean_s_ci95",
                                          "throughput_per_s_ci95",
                                          "in_system_mean_ci95"};
  const rep_summary *sum =
      opts && opts->summary && opts->summary[0].runs > 1 ? opts->summary : NULL;
  char buf[256], name[160];
  for (size_t c = 0; c < sizeof header / sizeof header[0]; c++)
    rep_csv_field(f, header[c], first && c == 0);
  for (size_t c = 0; sum && c < sizeof ci_header / sizeof ci_header[0]; c++)
    rep_csv_field(f, ci_header[c], 0);
  static const char *const memory_header[] = {"memory_peak_bytes", "memory_mean_bytes",
                                              "memory_reserved_peak_bytes", "in_system_peak"};
  int memory = opts && opts->memory;
  for (size_t c = 0; memory && c < sizeof memory_header / sizeof memory_header[0]; c++)
    rep_csv_field(f, memory_header[c], 0);
  if (opts && opts->task_ends) {
    for (int32_t t = 0, ntasks = rep_ntasks(scn, counts); t < ntasks; t++) {
      snprintf(buf, sizeof buf, "task_end_s:%s", rep_task_name(scn, counts, t, name, sizeof name));
      rep_csv_field(f, buf, 0);
    }
  }
  const char *why[EXP_PATH_KIND_COUNT + 8];
  int nwhy = rep_explain_csv_header(opts, why, (int)(sizeof why / sizeof why[0]));
  for (int c = 0; c < nwhy; c++) rep_csv_field(f, why[c], 0);
}

void rep_csv_row(FILE *f, const scn_scenario *scn, const sim_result *results, int n, int i,
                 const rep_opts *opts, int first) {
  const rep_summary *sum =
      opts && opts->summary && opts->summary[0].runs > 1 ? opts->summary : NULL;
  int memory = opts && opts->memory;
  char buf[256];
  const sim_result *r = &results[i];
  const double stats[] = {r->completion.mean, r->completion.p50,  r->completion.p95,
                          r->completion.max,  r->ready_wait.mean, r->ready_wait.max};
  rep_csv_field(f, r->strategy, first);
  rep_format_seconds(r->makespan, buf, sizeof buf);
  rep_csv_field(f, buf, 0);
  rep_format_seconds(r->busy, buf, sizeof buf);
  rep_csv_field(f, buf, 0);
  rep_format_double(r->utilization, buf, sizeof buf);
  rep_csv_field(f, buf, 0);
  snprintf(buf, sizeof buf, "%" PRId32, r->ntasks);
  rep_csv_field(f, buf, 0);
  snprintf(buf, sizeof buf, "%" PRId64, r->events);
  rep_csv_field(f, buf, 0);
  snprintf(buf, sizeof buf, "%" PRId64, r->switches);
  rep_csv_field(f, buf, 0);
  for (size_t s = 0; s < sizeof stats / sizeof stats[0]; s++) {
    rep_format_double(stats[s], buf, sizeof buf);
    rep_csv_field(f, buf, 0);
  }
  double up = rep_speedup(results, n, i, opts);
  buf[0] = '\0'; /* an empty field: no sync to compare with */
  if (up > 0) rep_format_double(up, buf, sizeof buf);
  rep_csv_field(f, buf, 0);
  snprintf(buf, sizeof buf, "%d", r->cores);
  rep_csv_field(f, buf, 0);
  const double more[] = {r->response.mean, r->response.p50, r->response.p95,  r->response.p99,
                         r->response.max,  r->throughput,   r->in_system_mean};
  for (size_t s = 0; s < sizeof more / sizeof more[0]; s++) {
    rep_format_double(more[s], buf, sizeof buf);
    rep_csv_field(f, buf, 0);
  }
  for (int o = 0; o < SIM_OUTCOME_COUNT; o++) {
    snprintf(buf, sizeof buf, "%" PRId32, r->outcomes[o]);
    rep_csv_field(f, buf, 0);
  }
  if (sum) {
    const rep_ci *ci = &sum[i].ci;
    snprintf(buf, sizeof buf, "%d", sum[i].runs);
    rep_csv_field(f, buf, 0);
    const double half[] = {ci->makespan_s,    ci->busy_s,          ci->utilization,
                           ci->speedup,       ci->response_mean_s, ci->throughput_per_s,
                           ci->in_system_mean};
    for (size_t s = 0; s < sizeof half / sizeof half[0]; s++) {
      buf[0] = '\0';
      if (s != 3 || up > 0) rep_format_double(half[s], buf, sizeof buf);
      rep_csv_field(f, buf, 0);
    }
  }
  if (memory) {
    const int64_t mem[] = {r->memory_peak, r->memory_mean, r->memory_reserved_peak,
                           r->in_system_peak};
    for (size_t s = 0; s < sizeof mem / sizeof mem[0]; s++) {
      snprintf(buf, sizeof buf, "%" PRId64, mem[s]);
      rep_csv_field(f, buf, 0);
    }
  }
  if (opts && opts->task_ends) {
    /* One column per task of the header's run, in every row. */
    for (int32_t t = 0, ntasks = rep_ntasks(scn, rep_counts(results, n)); t < ntasks; t++) {
      buf[0] = '\0';
      if (t < r->ntasks && r->task_end) rep_format_seconds(r->task_end[t], buf, sizeof buf);
      rep_csv_field(f, buf, 0);
    }
  }
  char cells[EXP_PATH_KIND_COUNT + 8][96];
  int ncells = rep_explain_csv_row(r, i, opts, cells, (int)(sizeof cells / sizeof cells[0]));
  for (int c = 0; c < ncells; c++) rep_csv_field(f, cells[c], 0);
}

int rep_write_csv(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                  const rep_opts *opts) {
  rep_csv_header(f, scn, rep_counts(results, n), opts, 1);
  fputs("\r\n", f);
  for (int i = 0; i < n; i++) {
    rep_csv_row(f, scn, results, n, i, opts, 1);
    fputs("\r\n", f);
  }
  return 0;
}

/* report.c - batch mode's output: the timing table, CSV, JSON and the trace.
 *
 * Everything here is a pure function of the results, so two identical runs
 * print identical bytes: numbers come from int64 microseconds or from doubles
 * printed with a fixed rule (the shortest decimal that reads back exactly),
 * never from anything that depends on the clock. (The C locale is assumed:
 * simul never calls setlocale, so the decimal point is always '.'.)
 *
 * JSON goes through cJSON and CSV quoting through libcsv rather than our own
 * escaping: labels such as "threads:gil=off,cores=4" carry commas, and task
 * names are whatever the file says. The trace can hold millions of spans, so
 * it is streamed one event at a time (each event one small cJSON tree printed
 * into a reused buffer) instead of being built as one tree.
 */
#include <cjson/cJSON.h>
#include <csv.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rep_explain.h"
#include "report/report.h"

/* --- shared helpers ---------------------------------------------------------- */

int sim_format_parse(const char *name, sim_format *out) {
  static const char *const names[] = {"table", "csv", "json"};
  static const sim_format formats[] = {SIM_FORMAT_TABLE, SIM_FORMAT_CSV, SIM_FORMAT_JSON};
  if (!name) return -1;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(name, names[i]) == 0) {
      *out = formats[i];
      return 0;
    }
  }
  return -1;
}

/* The first result whose label is exactly "sync": "sync:switch_cost=1s" is a
 * different experiment and must not become everyone's baseline. */
static int rep_sync_index(const sim_result *results, int n) {
  for (int i = 0; i < n; i++)
    if (strcmp(results[i].strategy, "sync") == 0) return i;
  return -1;
}

double sim_report_speedup(const sim_result *results, int n, int i) {
  int s = rep_sync_index(results, n);
  if (s < 0 || i < 0 || i >= n) return 0;
  sim_time base = results[s].makespan, mine = results[i].makespan;
  /* An empty scenario takes no time under any strategy: call that a tie
   * rather than divide by zero. */
  if (mine <= 0) return base <= 0 ? 1.0 : 0.0;
  return (double)base / (double)mine;
}

/* Seconds (a double from the engine's stats) back to microseconds, for h:mm:ss. */
static sim_time rep_seconds_to_time(double s) {
  if (!isfinite(s)) return 0;
  return (sim_time)llround(s * (double)SIM_S);
}

/* The shortest text that reads back as exactly the same double (15, 16 or
 * 17 significant digits), integers without a fraction: 0.08333333333333333,
 * not cJSON's 0.083333333333333329. CSV and JSON share it, so they agree to
 * the last digit, and it depends on nothing but the value. */
static void rep_format_double(double d, char *buf, size_t size) {
  if (!isfinite(d)) {
    buf[0] = '\0';
  } else if (d == floor(d) && fabs(d) < 1e15) {
    snprintf(buf, size, "%.0f", d == 0 ? 0.0 : d); /* never "-0" */
  } else {
    for (int prec = 15; prec <= 17; prec++) {
      snprintf(buf, size, "%.*g", prec, d);
      if (strtod(buf, NULL) == d) break;
    }
  }
}

/* Exact seconds from microseconds, trailing zeros dropped: 3655, 0.25, 1.000001. */
void rep_format_seconds(sim_time t, char *buf, size_t size) {
  const char *sign = t < 0 ? "-" : "";
  uint64_t u = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
  uint64_t whole = u / (uint64_t)SIM_S, frac = u % (uint64_t)SIM_S;
  if (frac == 0) {
    snprintf(buf, size, "%s%" PRIu64, sign, whole);
    return;
  }
  char digits[8];
  snprintf(digits, sizeof digits, "%06" PRIu64, frac);
  size_t len = strlen(digits);
  while (len > 0 && digits[len - 1] == '0') digits[--len] = '\0';
  snprintf(buf, size, "%s%" PRIu64 ".%s", sign, whole, digits);
}

static const char *rep_task_name(const scn_scenario *scn, int32_t task, char *buf, size_t size) {
  if (scn_task_name(scn, task, buf, size) < 0) snprintf(buf, size, "task %" PRId32, task + 1);
  return buf;
}

/* --- table ----------------------------------------------------------------- */

/* A grid of owned strings; column 0 is left-aligned, the rest right-aligned
 * (numbers and times line up on their last digit). */
typedef struct rep_grid {
  int ncols;
  int count, cap; /* cells added and room for; rows = count / ncols */
  char **cells;
  int failed;
} rep_grid;

static void rep_grid_add(rep_grid *g, const char *text) {
  if (g->failed) return;
  if (g->count == g->cap) {
    int cap = g->cap ? 2 * g->cap : 64;
    char **cells = realloc(g->cells, (size_t)cap * sizeof *cells);
    if (!cells) {
      g->failed = 1;
      return;
    }
    g->cells = cells;
    g->cap = cap;
  }
  char *copy = malloc(strlen(text) + 1);
  if (!copy) {
    g->failed = 1;
    return;
  }
  strcpy(copy, text);
  g->cells[g->count++] = copy;
}

static void rep_grid_free(rep_grid *g) {
  for (int i = 0; i < g->count; i++) free(g->cells[i]);
  free(g->cells);
  memset(g, 0, sizeof *g);
}

/* Columns are measured in characters, not bytes, so a task named in UTF-8
 * ("échiquier 1") still lines up. */
static int rep_display_width(const char *s) {
  int w = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) w++;
  return w;
}

#define REP_GAP 3

/* Gives a column of h:mm:ss times one precision: when any of its cells has
 * milliseconds, whole seconds get ".000", so the digits line up under each
 * other instead of "0:00:03" sitting under "0:00:03.060". Row 0 is the header. */
static void rep_grid_even_times(rep_grid *g, int col) {
  int nrows = g->count / g->ncols, any = 0;
  for (int r = 1; r < nrows && !any; r++) any = strchr(g->cells[r * g->ncols + col], '.') != NULL;
  for (int r = 1; any && r < nrows && !g->failed; r++) {
    char **cell = &g->cells[r * g->ncols + col];
    if (strchr(*cell, '.') || strchr(*cell, ':') == NULL) continue; /* "-" stays */
    char *longer = realloc(*cell, strlen(*cell) + 5);
    if (!longer) {
      g->failed = 1;
      return;
    }
    strcat(longer, ".000");
    *cell = longer;
  }
}

static int rep_grid_write(FILE *f, const rep_grid *g) {
  if (g->failed) return -1;
  int nrows = g->count / g->ncols;
  int *width = calloc((size_t)g->ncols, sizeof *width);
  if (!width) return -1;
  for (int r = 0; r < nrows; r++)
    for (int c = 0; c < g->ncols; c++) {
      int w = rep_display_width(g->cells[r * g->ncols + c]);
      if (w > width[c]) width[c] = w;
    }
  for (int r = 0; r < nrows; r++) {
    for (int c = 0; c < g->ncols; c++) {
      const char *cell = g->cells[r * g->ncols + c];
      int pad = width[c] - rep_display_width(cell);
      if (c > 0) pad += REP_GAP;
      if (c == 0) {
        fputs(cell, f);
        /* No trailing blanks after the last column. */
        if (g->ncols > 1) fprintf(f, "%*s", pad, "");
      } else {
        fprintf(f, "%*s%s", pad, "", cell);
      }
    }
    fputc('\n', f);
  }
  free(width);
  return 0;
}

/* "boards" from "board": enough English for a title line. */
static void rep_plural(const char *noun, char *buf, size_t size) {
  size_t len = strlen(noun);
  const char *end = len ? noun + len - 1 : noun;
  if (len >= 2 && *end == 'y' && !strchr("aeiou", end[-1]))
    snprintf(buf, size, "%.*sies", (int)(len - 1), noun);
  else if (len && (strchr("sxz", *end) || (len >= 2 && end[-1] == 'c' && *end == 'h') ||
                   (len >= 2 && end[-1] == 's' && *end == 'h')))
    snprintf(buf, size, "%ses", noun);
  else
    snprintf(buf, size, "%ss", noun);
}

/* "24 boards x 30 rounds", "checklist x 12 rounds, 3 loads": what the file
 * asks for, in its own words. Past a few groups the count says more. */
static void rep_title(FILE *f, const scn_scenario *scn) {
  enum { REP_TITLE_GROUPS = 4 };
  fputs(scn->name ? scn->name : "(unnamed)", f);
  if (scn->ngroups == 0) {
    fputc('\n', f);
    return;
  }
  fputs(" \xe2\x80\x94 ", f); /* an em dash */
  if (scn->ngroups > REP_TITLE_GROUPS) {
    fprintf(f, "%d groups, %" PRId32 " tasks\n", scn->ngroups, scn->ntasks);
    return;
  }
  for (int g = 0; g < scn->ngroups; g++) {
    const scn_group *grp = &scn->groups[g];
    char plural[256];
    if (g > 0) fputs(", ", f);
    if (grp->count > 1) {
      rep_plural(grp->name, plural, sizeof plural);
      fprintf(f, "%" PRId32 " %s", grp->count, plural);
    } else {
      fputs(grp->name, f);
    }
    if (grp->repeat > 1) fprintf(f, " x %" PRId32 " rounds", grp->repeat);
  }
  if (scn->ngroups > 1) fprintf(f, " (%" PRId32 " tasks)", scn->ntasks);
  fputc('\n', f);
}

/* "master busy" when every strategy has one lane of the same name, which is
 * what the reader pictures (the master); "busy" (all lanes) otherwise. */
static void rep_busy_header(const sim_result *results, int n, char *buf, size_t size) {
  int same = n > 0;
  for (int i = 0; i < n && same; i++)
    same = results[i].nlanes == 1 && results[i].lanes &&
           strcmp(results[i].lanes[0].name, results[0].lanes[0].name) == 0;
  if (same)
    snprintf(buf, size, "%s busy", results[0].lanes[0].name);
  else
    snprintf(buf, size, "busy");
}

static void rep_table_tasks(rep_grid *g, const scn_scenario *scn, const sim_result *results,
                            int n) {
  char buf[160];
  rep_grid_add(g, "task");
  for (int i = 0; i < n; i++) rep_grid_add(g, results[i].strategy);
  for (int32_t t = 0; t < scn->ntasks; t++) {
    rep_grid_add(g, rep_task_name(scn, t, buf, sizeof buf));
    for (int i = 0; i < n; i++) {
      if (t < results[i].ntasks && results[i].task_end)
        sim_time_format(results[i].task_end[t], buf, sizeof buf);
      else
        snprintf(buf, sizeof buf, "-");
      rep_grid_add(g, buf);
    }
  }
}

/* The speed-up shown for result i: the mean of the paired per-seed ratios
 * over several seeds, else the ratio of the makespans. */
static double rep_speedup(const sim_result *results, int n, int i, const sim_report_opts *opts) {
  if (opts && opts->summary) return opts->summary[i].speedup;
  return sim_report_speedup(results, n, i);
}

/* "5 ok, 1 timeout": the outcomes that occurred, in sim_outcome order. */
static void rep_outcomes(const sim_result *r, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int o = 0; o < SIM_OUTCOME_COUNT && len < size; o++)
    if (r->outcomes[o] > 0 || (o == SIM_OUTCOME_OK && r->ntasks == 0))
      len += (size_t)snprintf(buf + len, size - len, "%s%" PRId32 " %s", len ? ", " : "",
                              r->outcomes[o], sim_outcome_name((sim_outcome)o));
}

/* A response time in a short unit ("50.0ms", "2.97s", "1:02:03"): response
 * times span microseconds to hours, and h:mm:ss.fff hides the small ones. */
static void rep_short_seconds(double s, char *buf, size_t size) {
  if (!isfinite(s)) s = 0;
  if (s < 1e-3)
    snprintf(buf, size, "%.0fus", s * 1e6);
  else if (s < 1)
    snprintf(buf, size, "%.1fms", s * 1e3);
  else if (s < 60)
    snprintf(buf, size, "%.2fs", s);
  else
    sim_time_format(rep_seconds_to_time(s), buf, size);
}

/* Appends " ±H" to a cell when the report summarises several seeds: H with
 * `decimals` decimals, or (decimals < 0) H seconds in a short time unit. */
static void rep_ci(char *buf, size_t size, const sim_summary *sum, int decimals, double half) {
  if (!sum || sum->runs < 2) return;
  char h[64];
  if (decimals >= 0)
    snprintf(h, sizeof h, "%.*f", decimals, half);
  else
    rep_short_seconds(half, h, sizeof h);
  size_t len = strlen(buf);
  snprintf(buf + len, size - len, " \xc2\xb1%s", h); /* U+00B1 PLUS-MINUS SIGN */
}

static int rep_write_table(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                           const sim_report_opts *opts) {
  int open = 0, errors = 0;
  for (int i = 0; i < n; i++) {
    open |= results[i].open;
    errors |= results[i].outcomes[SIM_OUTCOME_OK] != results[i].ntasks;
  }
  const sim_summary *sum = opts ? opts->summary : NULL;
  rep_grid g = {.ncols = 7 + (open ? 3 : 0) + errors};
  char buf[160];
  rep_title(f, scn);
  if (sum && sum[0].runs > 1)
    fprintf(f,
            "means over %d seeds (%" PRIu64 "..%" PRIu64 "), \xc2\xb1 a 95%% confidence interval\n",
            sum[0].runs, results[0].seed, results[0].seed + (uint64_t)sum[0].runs - 1);
  rep_grid_add(&g, "strategy");
  rep_grid_add(&g, "makespan");
  rep_busy_header(results, n, buf, sizeof buf);
  rep_grid_add(&g, buf);
  rep_grid_add(&g, "utilization");
  rep_grid_add(&g, "speed-up");
  if (open) {
    rep_grid_add(&g, "resp mean");
    rep_grid_add(&g, "resp p95");
    rep_grid_add(&g, "resp p99");
    rep_grid_add(&g, "throughput");
  } else {
    rep_grid_add(&g, "p95 end");
  }
  rep_grid_add(&g, "switches");
  if (errors) rep_grid_add(&g, "outcomes");
  for (int i = 0; i < n; i++) {
    const sim_result *r = &results[i];
    const sim_summary *s = sum ? &sum[i] : NULL;
    rep_grid_add(&g, r->strategy);
    sim_time_format(r->makespan, buf, sizeof buf);
    if (s) rep_ci(buf, sizeof buf, s, -1, s->ci.makespan_s);
    rep_grid_add(&g, buf);
    sim_time_format(r->busy, buf, sizeof buf);
    rep_grid_add(&g, buf);
    snprintf(buf, sizeof buf, "%.1f%%", isfinite(r->utilization) ? r->utilization * 100 : 0.0);
    if (s) rep_ci(buf, sizeof buf, s, 1, s->ci.utilization * 100);
    rep_grid_add(&g, buf);
    double up = rep_speedup(results, n, i, opts);
    if (up > 0) {
      snprintf(buf, sizeof buf, "%.2fx", up);
      if (s) rep_ci(buf, sizeof buf, s, 2, s->ci.speedup);
    } else {
      snprintf(buf, sizeof buf, "-");
    }
    rep_grid_add(&g, buf);
    if (open) {
      rep_short_seconds(r->response.mean, buf, sizeof buf);
      if (s) rep_ci(buf, sizeof buf, s, -1, s->ci.response_mean_s);
      rep_grid_add(&g, buf);
      rep_short_seconds(r->response.p95, buf, sizeof buf);
      rep_grid_add(&g, buf);
      rep_short_seconds(r->response.p99, buf, sizeof buf);
      rep_grid_add(&g, buf);
      snprintf(buf, sizeof buf, "%.3g/s", r->throughput);
      rep_grid_add(&g, buf);
    } else {
      sim_time_format(rep_seconds_to_time(r->completion.p95), buf, sizeof buf);
      rep_grid_add(&g, buf);
    }
    snprintf(buf, sizeof buf, "%" PRId64, r->switches);
    rep_grid_add(&g, buf);
    if (errors) {
      rep_outcomes(r, buf, sizeof buf);
      rep_grid_add(&g, buf);
    }
  }
  if (!sum || sum[0].runs < 2) rep_grid_even_times(&g, 1);
  rep_grid_even_times(&g, 2);
  if (!open) rep_grid_even_times(&g, 5);
  int rc = rep_grid_write(f, &g);
  rep_grid_free(&g);
  if (rc == 0 && opts && opts->task_ends) {
    rep_grid tg = {.ncols = 1 + n};
    fputs("\ntask end times\n", f);
    rep_table_tasks(&tg, scn, results, n);
    for (int c = 1; c < tg.ncols; c++) rep_grid_even_times(&tg, c);
    rc = rep_grid_write(f, &tg);
    rep_grid_free(&tg);
  }
  if (rc == 0 && opts && opts->what_if) rc = rep_what_if_table(f, results, n, opts->what_if);
  if (rc == 0 && opts && opts->explain) rc = rep_explain_table(f, results, n, opts->explain);
  return rc;
}

/* --- CSV ------------------------------------------------------------------- */

/* A field quoted only when it must be (RFC 4180's minimal quoting, as Python's
 * csv module writes by default); libcsv does the quoting itself. */
static void rep_csv_field(FILE *f, const char *text, int first) {
  if (!first) fputc(',', f);
  if (strpbrk(text, ",\"\r\n"))
    csv_fwrite(f, text, strlen(text));
  else
    fputs(text, f);
}

static int rep_write_csv(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                         const sim_report_opts *opts) {
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
  const sim_summary *sum =
      opts && opts->summary && opts->summary[0].runs > 1 ? opts->summary : NULL;
  char buf[256], name[160];
  for (size_t c = 0; c < sizeof header / sizeof header[0]; c++) rep_csv_field(f, header[c], c == 0);
  for (size_t c = 0; sum && c < sizeof ci_header / sizeof ci_header[0]; c++)
    rep_csv_field(f, ci_header[c], 0);
  if (opts && opts->task_ends) {
    for (int32_t t = 0; t < scn->ntasks; t++) {
      snprintf(buf, sizeof buf, "task_end_s:%s", rep_task_name(scn, t, name, sizeof name));
      rep_csv_field(f, buf, 0);
    }
  }
  const char *why[EXP_PATH_KIND_COUNT + 8];
  int nwhy = rep_explain_csv_header(opts, why, (int)(sizeof why / sizeof why[0]));
  for (int c = 0; c < nwhy; c++) rep_csv_field(f, why[c], 0);
  fputs("\r\n", f);
  for (int i = 0; i < n; i++) {
    const sim_result *r = &results[i];
    const double stats[] = {r->completion.mean, r->completion.p50,  r->completion.p95,
                            r->completion.max,  r->ready_wait.mean, r->ready_wait.max};
    rep_csv_field(f, r->strategy, 1);
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
      const sim_ci *ci = &sum[i].ci;
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
    if (opts && opts->task_ends) {
      for (int32_t t = 0; t < scn->ntasks; t++) {
        buf[0] = '\0';
        if (t < r->ntasks && r->task_end) rep_format_seconds(r->task_end[t], buf, sizeof buf);
        rep_csv_field(f, buf, 0);
      }
    }
    char cells[EXP_PATH_KIND_COUNT + 8][96];
    int ncells = rep_explain_csv_row(r, i, opts, cells, (int)(sizeof cells / sizeof cells[0]));
    for (int c = 0; c < ncells; c++) rep_csv_field(f, cells[c], 0);
    fputs("\r\n", f);
  }
  return 0;
}

/* --- JSON ------------------------------------------------------------------ */

/* Prints a cJSON tree without a newline and frees it; -1 when it could not. */
static int rep_json_emit(FILE *f, cJSON *item) {
  if (!item) return -1;
  char *s = cJSON_PrintUnformatted(item);
  cJSON_Delete(item);
  if (!s) return -1;
  fputs(s, f);
  cJSON_free(s);
  return 0;
}

/* A number as rep_format_double writes it; null when it is not finite. */
void rep_json_number(cJSON *obj, const char *key, double d) {
  char buf[40];
  rep_format_double(d, buf, sizeof buf);
  if (buf[0])
    cJSON_AddRawToObject(obj, key, buf);
  else
    cJSON_AddNullToObject(obj, key);
}

/* Counts exactly, whatever their size. */
static void rep_json_int(cJSON *obj, const char *key, int64_t v) {
  char buf[24];
  snprintf(buf, sizeof buf, "%" PRId64, v);
  cJSON_AddRawToObject(obj, key, buf);
}

/* detail 0: mean, max; 1: and p50, p95; 2: and p99 (SPEC §4's shapes). */
static cJSON *rep_json_stats(const sim_stats *s, int detail) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  rep_json_number(o, "mean", s->mean);
  if (detail >= 1) {
    rep_json_number(o, "p50", s->p50);
    rep_json_number(o, "p95", s->p95);
  }
  if (detail >= 2) rep_json_number(o, "p99", s->p99);
  rep_json_number(o, "max", s->max);
  return o;
}

static cJSON *rep_json_result(const scn_scenario *scn, const sim_result *results, int n, int i,
                              const sim_report_opts *opts) {
  const sim_result *r = &results[i];
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  cJSON_AddStringToObject(o, "strategy", r->strategy);
  rep_json_number(o, "makespan_s", sim_time_seconds(r->makespan));
  rep_json_number(o, "busy_s", sim_time_seconds(r->busy));
  rep_json_number(o, "utilization", isfinite(r->utilization) ? r->utilization : 0.0);
  rep_json_int(o, "tasks", r->ntasks);
  rep_json_int(o, "events", r->events);
  rep_json_int(o, "switches", r->switches);
  cJSON_AddItemToObject(o, "completion_s", rep_json_stats(&r->completion, 1));
  cJSON_AddItemToObject(o, "ready_wait_s", rep_json_stats(&r->ready_wait, 0));
  double up = rep_speedup(results, n, i, opts);
  if (up > 0)
    rep_json_number(o, "speedup_vs_sync", up);
  else
    cJSON_AddNullToObject(o, "speedup_vs_sync");
  rep_json_int(o, "cores", r->cores);
  cJSON *lanes = cJSON_AddArrayToObject(o, "lanes");
  for (int l = 0; lanes && l < r->nlanes; l++)
    cJSON_AddItemToArray(lanes, cJSON_CreateString(r->lanes[l].name));
  cJSON *outcomes = cJSON_AddObjectToObject(o, "outcomes");
  for (int k = 0; outcomes && k < SIM_OUTCOME_COUNT; k++)
    rep_json_int(outcomes, sim_outcome_name((sim_outcome)k), r->outcomes[k]);
  cJSON_AddItemToObject(o, "response_s", rep_json_stats(&r->response, 2));
  rep_json_number(o, "throughput_per_s", r->throughput);
  rep_json_number(o, "in_system_mean", r->in_system_mean);
  const sim_summary *sum =
      opts && opts->summary && opts->summary[0].runs > 1 ? &opts->summary[i] : NULL;
  if (sum) {
    rep_json_int(o, "runs", sum->runs);
    cJSON *ci = cJSON_AddObjectToObject(o, "ci95");
    if (ci) {
      rep_json_number(ci, "makespan_s", sum->ci.makespan_s);
      rep_json_number(ci, "busy_s", sum->ci.busy_s);
      rep_json_number(ci, "utilization", sum->ci.utilization);
      if (up > 0)
        rep_json_number(ci, "speedup_vs_sync", sum->ci.speedup);
      else
        cJSON_AddNullToObject(ci, "speedup_vs_sync");
      rep_json_number(ci, "completion_mean_s", sum->ci.completion_mean_s);
      rep_json_number(ci, "response_mean_s", sum->ci.response_mean_s);
      rep_json_number(ci, "response_p95_s", sum->ci.response_p95_s);
      rep_json_number(ci, "throughput_per_s", sum->ci.throughput_per_s);
      rep_json_number(ci, "in_system_mean", sum->ci.in_system_mean);
    }
  }
  if (opts && opts->task_ends) {
    cJSON *ends = cJSON_AddObjectToObject(o, "task_end_s");
    char name[160];
    for (int32_t t = 0; ends && t < r->ntasks && t < scn->ntasks && r->task_end; t++)
      rep_json_number(ends, rep_task_name(scn, t, name, sizeof name),
                      sim_time_seconds(r->task_end[t]));
  }
  rep_explain_json(o, scn, r, i, opts);
  return o;
}

/* One object, streamed result by result: with --tasks and a million tasks a
 * single tree of everything would cost hundreds of megabytes. */
static int rep_write_json(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                          const sim_report_opts *opts) {
  /* The seed is printed as an integer of its own: as a double it would be
   * rounded above 2^53. */
  uint64_t seed = n > 0 ? results[0].seed : scn->seed;
  fputs("{\"scenario\":", f);
  if (rep_json_emit(f, cJSON_CreateString(scn->name ? scn->name : "")) != 0) return -1;
  fprintf(f, ",\"seed\":%" PRIu64, seed);
  if (opts && opts->summary && n > 0) fprintf(f, ",\"runs\":%d", opts->summary[0].runs);
  fputs(",\"results\":[", f);
  for (int i = 0; i < n; i++) {
    if (i > 0) fputc(',', f);
    if (rep_json_emit(f, rep_json_result(scn, results, n, i, opts)) != 0) return -1;
  }
  fputs("]}\n", f);
  return 0;
}

int sim_report_write_ext(FILE *f, sim_format format, const scn_scenario *scn,
                         const sim_result *results, int n, const sim_report_opts *opts) {
  int rc = -1;
  switch (format) {
  case SIM_FORMAT_TABLE:
    rc = rep_write_table(f, scn, results, n, opts);
    break;
  case SIM_FORMAT_CSV:
    rc = rep_write_csv(f, scn, results, n, opts);
    break;
  case SIM_FORMAT_JSON:
    rc = rep_write_json(f, scn, results, n, opts);
    break;
  }
  if (fflush(f) != 0 || ferror(f)) rc = -1;
  return rc;
}

int sim_report_write(FILE *f, sim_format format, const scn_scenario *scn, const sim_result *results,
                     int n) {
  return sim_report_write_ext(f, format, scn, results, n, NULL);
}

/* --- trace ----------------------------------------------------------------- */

/* The stream and the buffer every event is printed into, reused so a trace
 * of millions of spans never holds more than one event in memory. */
typedef struct rep_trace {
  FILE *f;
  char *buf;
  int cap;
  int started; /* an event was written: the next one needs a comma */
  int failed;
} rep_trace;

static void rep_trace_emit(rep_trace *tr, cJSON *ev) {
  if (!ev) {
    tr->failed = 1;
    return;
  }
  fputs(tr->started ? ",\n" : "\n", tr->f);
  tr->started = 1;
  if (tr->buf && cJSON_PrintPreallocated(ev, tr->buf, tr->cap, 0)) {
    fputs(tr->buf, tr->f);
  } else {
    /* Longer than the buffer (a very long label): print it on its own. */
    char *s = cJSON_PrintUnformatted(ev);
    if (s)
      fputs(s, tr->f);
    else
      tr->failed = 1;
    cJSON_free(s);
  }
  cJSON_Delete(ev);
}

static cJSON *rep_trace_event(const char *ph, const char *name, int pid, int64_t tid) {
  cJSON *ev = cJSON_CreateObject();
  if (!ev) return NULL;
  cJSON_AddStringToObject(ev, "name", name);
  cJSON_AddStringToObject(ev, "ph", ph);
  cJSON_AddNumberToObject(ev, "pid", pid);
  if (tid >= 0) cJSON_AddNumberToObject(ev, "tid", (double)tid);
  return ev;
}

/* A metadata event: {"name":"thread_name","ph":"M",...,"args":{"name":...}}. */
static void rep_trace_meta(rep_trace *tr, const char *what, int pid, int64_t tid, const char *name,
                           int sort_index) {
  cJSON *ev = rep_trace_event("M", what, pid, tid);
  cJSON *args = ev ? cJSON_AddObjectToObject(ev, "args") : NULL;
  if (args) {
    if (name)
      cJSON_AddStringToObject(args, "name", name);
    else
      cJSON_AddNumberToObject(args, "sort_index", sort_index);
  }
  rep_trace_emit(tr, ev);
}

/* Trace thread ids: tasks 1..N in file order, then the worker lanes. The sort
 * indices put the lanes on top in Perfetto: the worker's row is the one that
 * shows the strategy at work (idle gaps under sync, back-to-back under async),
 * and the boards follow it. */
int64_t rep_task_tid(int32_t task) {
  return (int64_t)task + 1;
}
int64_t rep_lane_tid(const sim_result *r, int32_t lane) {
  return (int64_t)r->ntasks + lane + 1;
}

/* The slice's name, which Perfetto also colours by: the step's label ("master
 * moves") for cpu and wait, else the step's kind; "ready", "switch" and
 * "blocked on washer" for the states between steps, so a task waiting for the
 * worker never looks like one running. */
static const char *rep_span_name(const scn_scenario *scn, const sim_span *sp, const scn_step *step,
                                 char *buf, size_t size) {
  switch ((sim_span_kind)sp->kind) {
  case SIM_SPAN_READY:
  case SIM_SPAN_SWITCH:
    return sim_span_kind_name((sim_span_kind)sp->kind);
  case SIM_SPAN_BLOCKED:
    if (step && step->label) return step->label;
    if (sp->resource_plus1 > 0) {
      snprintf(buf, size, "blocked on %s", scn_resource_name(scn, sp->resource_plus1 - 1));
      return buf;
    }
    return "blocked";
  default:
    if (step && step->label) return step->label;
    if (step) return scn_step_kind_name(step->kind);
    return sim_span_kind_name((sim_span_kind)sp->kind);
  }
}

static void rep_trace_span(rep_trace *tr, const scn_scenario *scn, const sim_result *r, int pid,
                           const sim_span *sp, int critical) {
  const scn_step *step = NULL;
  char task_name[160], name_buf[192];
  int has_task = sp->task >= 0 && sp->task < r->ntasks && sp->task < scn->ntasks;
  int has_lane = sp->lane >= 0 && sp->lane < r->nlanes;
  if (has_task) {
    int32_t inst;
    int g = scn_task_group(scn, sp->task, &inst);
    if (g >= 0 && g < scn->ngroups && sp->step < scn->groups[g].nsteps)
      step = &scn->groups[g].steps[sp->step];
    rep_task_name(scn, sp->task, task_name, sizeof task_name);
  }
  const char *name = rep_span_name(scn, sp, step, name_buf, sizeof name_buf);
  const char *cat = sim_span_kind_name((sim_span_kind)sp->kind);

  /* Which rows the span belongs to: run.h's rule. */
  /* run.h's rows: CPU on both, lane-only kinds (switch, gil, stall) on the
   * lane, the task's own states on the task. */
  int lane_only = sim_span_kind_lane_only((sim_span_kind)sp->kind);
  int on_task = has_task && !lane_only;
  int on_lane = has_lane && (sp->kind == SIM_SPAN_CPU || lane_only);
  for (int row = 0; row < 2; row++) {
    if (row == 0 ? !on_task : !on_lane) continue;
    int64_t tid = row == 0 ? rep_task_tid(sp->task) : rep_lane_tid(r, sp->lane);
    cJSON *ev = rep_trace_event("X", name, pid, tid);
    if (!ev) {
      tr->failed = 1;
      return;
    }
    cJSON_AddStringToObject(ev, "cat", cat);
    /* Doubles hold integers exactly up to 2^53 us (285 years), and cJSON
     * prints integral values without a fraction or an exponent. */
    cJSON_AddNumberToObject(ev, "ts", (double)sp->start);
    cJSON_AddNumberToObject(ev, "dur", (double)(sp->end - sp->start));
    cJSON *args = cJSON_AddObjectToObject(ev, "args");
    if (args) {
      if (has_task) {
        cJSON_AddStringToObject(args, "task", task_name);
        /* 1-based, as people count moves and loads. */
        cJSON_AddNumberToObject(args, "step", sp->step + 1);
        cJSON_AddNumberToObject(args, "repetition", (double)sp->rep + 1);
      }
      if (has_lane) cJSON_AddStringToObject(args, "lane", r->lanes[sp->lane].name);
      /* One past the file's resources is the to_thread pool offloads queue on. */
      if (sp->kind == SIM_SPAN_BLOCKED && sp->resource_plus1 > 0)
        cJSON_AddStringToObject(args, "resource", scn_resource_name(scn, sp->resource_plus1 - 1));
      if (critical) cJSON_AddTrueToObject(args, "critical");
    }
    rep_trace_emit(tr, ev);
  }
}

static void rep_trace_emit_fn(void *ctx, cJSON *ev) {
  rep_trace_emit(ctx, ev);
}

int sim_trace_write(FILE *f, const scn_scenario *scn, const sim_result *results, int n) {
  return sim_trace_write_ext(f, scn, results, n, NULL);
}

int sim_trace_write_ext(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                        const exp_explain *explain) {
  rep_trace tr = {.f = f, .cap = 4096};
  char name[160];
  tr.buf = malloc((size_t)tr.cap);
  fputs("{\"traceEvents\":[", f);
  for (int i = 0; i < n && !tr.failed; i++) {
    const sim_result *r = &results[i];
    int pid = i + 1;
    rep_trace_meta(&tr, "process_name", pid, -1, r->strategy, 0);
    rep_trace_meta(&tr, "process_sort_index", pid, -1, NULL, i);
    for (int32_t l = 0; l < r->nlanes; l++) {
      rep_trace_meta(&tr, "thread_name", pid, rep_lane_tid(r, l), r->lanes[l].name, 0);
      rep_trace_meta(&tr, "thread_sort_index", pid, rep_lane_tid(r, l), NULL, l);
    }
    for (int32_t t = 0; t < r->ntasks && t < scn->ntasks; t++) {
      rep_task_name(scn, t, name, sizeof name);
      rep_trace_meta(&tr, "thread_name", pid, rep_task_tid(t), name, 0);
      rep_trace_meta(&tr, "thread_sort_index", pid, rep_task_tid(t), NULL, r->nlanes + t);
    }
    const exp_explain *ex = explain ? &explain[i] : NULL;
    for (size_t s = 0; s < r->nspans && !tr.failed; s++)
      rep_trace_span(&tr, scn, r, pid, &r->spans[s], ex && ex->critical && ex->critical[s]);
    if (ex && ex->critical) rep_explain_flows(r, pid, ex, rep_trace_emit_fn, &tr);
  }
  fputs("\n],\"otherData\":{\"scenario\":", f);
  if (rep_json_emit(f, cJSON_CreateString(scn->name ? scn->name : "")) != 0) tr.failed = 1;
  fputs("}}\n", f);
  free(tr.buf);
  if (fflush(f) != 0 || ferror(f)) tr.failed = 1;
  return tr.failed ? -1 : 0;
}

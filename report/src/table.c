/* table.c - the timing table: aligned columns for a person to read.
 *
 * Times are h:mm:ss (sim_time_format), response times in a short unit,
 * a column of times gets one precision, and with --runs N each cell carries
 * its confidence interval as " ±H".
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rep_explain.h"
#include "rep_internal.h"

void rep_grid_add(rep_grid *g, const char *text) {
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

void rep_grid_free(rep_grid *g) {
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
void rep_grid_even_times(rep_grid *g, int col) {
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

int rep_grid_write(FILE *f, const rep_grid *g) {
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
void rep_plural(const char *noun, char *buf, size_t size) {
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
void rep_write_title(FILE *f, const scn_scenario *scn, const sim_result *counts) {
  enum { REP_TITLE_GROUPS = 4 };
  fputs(scn->name ? scn->name : "(unnamed)", f);
  if (scn->ngroups == 0) {
    fputc('\n', f);
    return;
  }
  fputs(" \xe2\x80\x94 ", f); /* an em dash */
  if (scn->ngroups > REP_TITLE_GROUPS) {
    fprintf(f, "%d groups, %" PRId32 " tasks\n", scn->ngroups, rep_ntasks(scn, counts));
    return;
  }
  for (int g = 0; g < scn->ngroups; g++) {
    const scn_group *grp = &scn->groups[g];
    char plural[256];
    if (g > 0) fputs(", ", f);
    int32_t count = sim_group_count(scn, counts, g);
    if (count > 1) {
      rep_plural(grp->name, plural, sizeof plural);
      fprintf(f, "%" PRId32 " %s", count, plural);
    } else {
      fputs(grp->name, f);
    }
    if (grp->repeat > 1) fprintf(f, " x %" PRId32 " rounds", grp->repeat);
  }
  if (scn->ngroups > 1) fprintf(f, " (%" PRId32 " tasks)", rep_ntasks(scn, counts));
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
  const sim_result *counts = rep_counts(results, n);
  for (int32_t t = 0, nt = rep_ntasks(scn, counts); t < nt; t++) {
    rep_grid_add(g, rep_task_name(scn, counts, t, buf, sizeof buf));
    for (int i = 0; i < n; i++) {
      if (t < results[i].ntasks && results[i].task_end)
        sim_time_format(results[i].task_end[t], buf, sizeof buf);
      else
        snprintf(buf, sizeof buf, "-");
      rep_grid_add(g, buf);
    }
  }
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
void rep_short_seconds(double s, char *buf, size_t size) {
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
void rep_ci_cell(char *buf, size_t size, const rep_summary *sum, int decimals, double half) {
  if (!sum || sum->runs < 2) return;
  char h[64];
  if (decimals >= 0)
    snprintf(h, sizeof h, "%.*f", decimals, half);
  else
    rep_short_seconds(half, h, sizeof h);
  size_t len = strlen(buf);
  snprintf(buf + len, size - len, " \xc2\xb1%s", h); /* U+00B1 PLUS-MINUS SIGN */
}

/* --what-if: "what if 'master moves' took 50% less time", then a row per
 * strategy: its makespan, the rerun's, and the change ("-0:30:00", "-49.2%"). */
static int rep_what_if_table(FILE *f, const sim_result *results, int n, const rep_what_if *wi) {
  rep_grid g = {.ncols = 5};
  char buf[96];
  fprintf(f, "\nwhat if %s'%s' took %g%% %s time\n", wi->by_group ? "the cpu of " : "", wi->target,
          fabs(wi->percent), wi->percent < 0 ? "less" : "more");
  static const char *const head[] = {"strategy", "makespan", "what-if", "change", "%"};
  for (int c = 0; c < 5; c++) rep_grid_add(&g, head[c]);
  for (int i = 0; i < n; i++) {
    sim_time before = results[i].makespan, after = wi->makespan[i];
    rep_grid_add(&g, results[i].strategy);
    sim_time_format(before, buf, sizeof buf);
    rep_grid_add(&g, buf);
    if (!wi->ok[i]) {
      for (int c = 0; c < 3; c++) rep_grid_add(&g, "-");
      continue;
    }
    sim_time_format(after, buf, sizeof buf);
    rep_grid_add(&g, buf);
    buf[0] = after >= before ? '+' : '\0';
    sim_time_format(after - before, buf + (after >= before), sizeof buf - 1);
    rep_grid_add(&g, buf);
    if (before > 0)
      snprintf(buf, sizeof buf, "%+.1f%%", 100.0 * (double)(after - before) / (double)before);
    else
      snprintf(buf, sizeof buf, "-");
    rep_grid_add(&g, buf);
  }
  for (int c = 1; c <= 3; c++) rep_grid_even_times(&g, c);
  int rc = rep_grid_write(f, &g);
  rep_grid_free(&g);
  return rc;
}

int rep_write_table(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                    const rep_opts *opts) {
  int open = 0, errors = 0;
  for (int i = 0; i < n; i++) {
    open |= results[i].open;
    errors |= results[i].outcomes[SIM_OUTCOME_OK] != results[i].ntasks;
  }
  const rep_summary *sum = opts ? opts->summary : NULL;
  int memory = opts && opts->memory;
  rep_grid g = {.ncols = 7 + (open ? 3 : 0) + errors + memory};
  char buf[160];
  rep_write_title(f, scn, rep_counts(results, n));
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
  if (memory) rep_grid_add(&g, "peak memory");
  for (int i = 0; i < n; i++) {
    const sim_result *r = &results[i];
    const rep_summary *s = sum ? &sum[i] : NULL;
    rep_grid_add(&g, r->strategy);
    sim_time_format(r->makespan, buf, sizeof buf);
    if (s) rep_ci_cell(buf, sizeof buf, s, -1, s->ci.makespan_s);
    rep_grid_add(&g, buf);
    sim_time_format(r->busy, buf, sizeof buf);
    rep_grid_add(&g, buf);
    snprintf(buf, sizeof buf, "%.1f%%", isfinite(r->utilization) ? r->utilization * 100 : 0.0);
    if (s) rep_ci_cell(buf, sizeof buf, s, 1, s->ci.utilization * 100);
    rep_grid_add(&g, buf);
    double up = rep_speedup(results, n, i, opts);
    if (up > 0) {
      snprintf(buf, sizeof buf, "%.2fx", up);
      if (s) rep_ci_cell(buf, sizeof buf, s, 2, s->ci.speedup);
    } else {
      snprintf(buf, sizeof buf, "-");
    }
    rep_grid_add(&g, buf);
    if (open) {
      rep_short_seconds(r->response.mean, buf, sizeof buf);
      if (s) rep_ci_cell(buf, sizeof buf, s, -1, s->ci.response_mean_s);
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
    if (memory) {
      rep_format_bytes(r->memory_peak, buf, sizeof buf);
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

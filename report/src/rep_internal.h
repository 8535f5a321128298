/* rep_internal.h - internal to report/: the helpers the formats share and
 * each format's writer. The public API is report/report.h.
 *
 * One file per job: format.c (numbers, times, names, the speed-up a row
 * shows), table.c, csv.c, json.c, trace.c, summary.c; report.c dispatches.
 */
#ifndef REP_INTERNAL_H
#define REP_INTERNAL_H

#include <stdio.h>

#include "report/report.h"

/* Seconds (a double from the engine's stats) back to microseconds, for h:mm:ss. */
sim_time rep_seconds_to_time(double s);

/* The shortest text that reads back as the same double, "" when not finite. */
void rep_format_double(double d, char *buf, size_t size);

/* Exact seconds from microseconds, trailing zeros dropped: 3655, 0.25, 1.000001. */
void rep_format_seconds(sim_time t, char *buf, size_t size);

/* The result whose counts name the tasks of a report: the first made by
 * sim_run (every strategy run with one seed counts alike; a --runs mean
 * carries the last seed's). NULL when there is none: the counts as written. */
const sim_result *rep_counts(const sim_result *results, int n);

/* Tasks in run r: the sum of its groups' counts (sim_group_count). */
int32_t rep_ntasks(const scn_scenario *scn, const sim_result *r);

/* The task's name in run r ("board 3"), or "task N" when it has none;
 * returns buf. */
const char *rep_task_name(const scn_scenario *scn, const sim_result *r, int32_t task, char *buf,
                          size_t size);

/* The speed-up shown for result i: the mean of the paired per-seed ratios
 * over several seeds (opts->summary), else sim_speedup_vs_sync's ratio. */
double rep_speedup(const sim_result *results, int n, int i, const rep_opts *opts);

/* The writers behind rep_report_write; each returns 0 or -1. */
int rep_write_table(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                    const rep_opts *opts);
int rep_write_csv(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                  const rep_opts *opts);
int rep_write_json(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                   const rep_opts *opts);

/* json.c: prints a cJSON tree (a cJSON *, freed) without a newline; -1 when
 * it could not. Shared with trace.c for the scenario's name. */
struct cJSON;
int rep_json_emit(FILE *f, struct cJSON *item);

/* --- shared with the sweep's writers (sweep_report.c, sweep_part.c), so a
 * sweep's cells, CSV rows and JSON results are the run report's, byte for
 * byte. */

/* A grid of owned strings; column 0 is left-aligned, the rest right-aligned
 * (numbers and times line up on their last digit). */
typedef struct rep_grid {
  int ncols;
  int count, cap; /* cells added and room for; rows = count / ncols */
  char **cells;
  int failed;
} rep_grid;

void rep_grid_add(rep_grid *g, const char *text);
void rep_grid_free(rep_grid *g);
/* One precision per column of h:mm:ss times (row 0 is the header). */
void rep_grid_even_times(rep_grid *g, int col);
int rep_grid_write(FILE *f, const rep_grid *g);
/* "50.0ms", "2.97s", "1:02:03". */
void rep_short_seconds(double s, char *buf, size_t size);
/* Appends " ±H" when sum has several runs (decimals < 0: H as a time). */
void rep_ci_cell(char *buf, size_t size, const rep_summary *sum, int decimals, double half);
void rep_plural(const char *noun, char *buf, size_t size);

void rep_csv_field(FILE *f, const char *text, int first);
/* The run CSV's header and one result's row, without the line end; `first`
 * 0 when columns come before them. The header's task columns (with
 * opts->task_ends) are those of run `counts` (rep_counts). */
void rep_csv_header(FILE *f, const scn_scenario *scn, const sim_result *counts,
                    const rep_opts *opts, int first);
void rep_csv_row(FILE *f, const scn_scenario *scn, const sim_result *results, int n, int i,
                 const rep_opts *opts, int first);

void rep_json_number(struct cJSON *obj, const char *key, double d);
void rep_json_int(struct cJSON *obj, const char *key, int64_t v);
/* One object of `simul run`'s "results". */
struct cJSON *rep_json_result(const scn_scenario *scn, const sim_result *results, int n, int i,
                              const rep_opts *opts);

#endif

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

/* The task's name ("board 3"), or "task N" when it has none; returns buf. */
const char *rep_task_name(const scn_scenario *scn, int32_t task, char *buf, size_t size);

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

/* json.c: adds a number as rep_format_double writes it; null when not finite. */
void rep_json_number(struct cJSON *obj, const char *key, double d);

#endif

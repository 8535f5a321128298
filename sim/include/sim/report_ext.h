/* report_ext.h - report options beyond report.h's defaults (per-task end times).
 *
 * `simul run --tasks` adds each task's end time to the report: a second table
 * section (one row per task, one column per strategy), a "task_end_s" object
 * keyed by task name in each JSON result, and "task_end_s:NAME" columns in CSV.
 * sim_report_write(f, fmt, scn, r, n) is sim_report_write_ext with no options.
 *
 * Kept apart from report.h only because that header belongs to the engine's
 * contract; it can be folded into report.h unchanged.
 */
#ifndef SIM_REPORT_EXT_H
#define SIM_REPORT_EXT_H

#include "report.h"

typedef struct sim_report_opts {
  int task_ends; /* 1: add every task's end time */
} sim_report_opts;

/* As sim_report_write; `opts` may be NULL (the defaults). */
int sim_report_write_ext(FILE *f, sim_format format, const scn_scenario *scn,
                         const sim_result *results, int n, const sim_report_opts *opts);

#endif

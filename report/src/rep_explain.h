/* rep_explain.h - internal: the --explain and --what-if parts of the
 * reports and the trace (rep_explain.c), called by the writers. */
#ifndef REP_EXPLAIN_H
#define REP_EXPLAIN_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "report/report.h"
#include "sim/explain.h"

/* The table's "why" section: a paragraph per result. */
int rep_explain_table(FILE *f, const sim_result *results, int n, const exp_explain *explain);

/* The table's what-if section. */
int rep_what_if_table(FILE *f, const sim_result *results, int n, const sim_what_if_report *wi);

/* Adds "explain" and "what_if" to result i's JSON object, as opts asks. */
void rep_explain_json(cJSON *o, const scn_scenario *scn, const sim_result *r, int i,
                      const sim_report_opts *opts);

/* The CSV columns: their names, and result i's cells, appended to `cells`
 * (the caller writes them). Returns the number of columns. */
int rep_explain_csv_header(const sim_report_opts *opts, const char **names, int max);
int rep_explain_csv_row(const sim_result *r, int i, const sim_report_opts *opts, char cells[][96],
                        int max);

/* Flow events linking each span of the path to the next, for Perfetto's
 * arrows; `emit` writes one event. */
typedef void (*rep_emit_fn)(void *ctx, cJSON *ev);
void rep_explain_flows(const sim_result *r, int pid, const exp_explain *ex, rep_emit_fn emit,
                       void *ctx);

/* report.c's helpers the explain parts share. */
void rep_json_number(cJSON *obj, const char *key, double d);
void rep_format_seconds(sim_time t, char *buf, size_t size);
int64_t rep_task_tid(int32_t task);
int64_t rep_lane_tid(const sim_result *r, int32_t lane);

#endif

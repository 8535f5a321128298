/* rep_explain.h - internal: the --explain and --what-if parts of the table,
 * CSV and JSON (rep_explain.c), called by their writers; trace.c draws the
 * critical path itself. */
#ifndef REP_EXPLAIN_H
#define REP_EXPLAIN_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "rep_internal.h"
#include "sim/explain.h"

/* The table's "why" section: a paragraph per result. */
int rep_explain_table(FILE *f, const sim_result *results, int n, const exp_explain *explain);

/* Adds "explain" and "what_if" to result i's JSON object, as opts asks. */
void rep_explain_json(cJSON *o, const scn_scenario *scn, const sim_result *r, int i,
                      const rep_opts *opts);

/* The CSV columns opts asks for: their names, and result i's cells. Each
 * returns the number of columns (at most max). */
int rep_explain_csv_header(const rep_opts *opts, const char **names, int max);
int rep_explain_csv_row(const sim_result *r, int i, const rep_opts *opts, char cells[][96],
                        int max);

#endif

/* report.h - what batch mode prints: the timing table, CSV, JSON, and the trace.
 *
 * All writers take the results of one scenario under several strategies, in
 * the order they were run. The speed-up over sync is makespan(sync) /
 * makespan(strategy) when one of the results is plain "sync", else absent
 * (JSON null, "-" in the table): simul never runs a strategy you did not ask for.
 * Output is a pure function of the results: byte-identical for identical runs.
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <stdio.h>

#include "run.h"
#include "scenario.h"

typedef enum sim_format { SIM_FORMAT_TABLE, SIM_FORMAT_CSV, SIM_FORMAT_JSON } sim_format;

/* "table", "csv", "json" -> 0 and *out; anything else -> -1. */
int sim_format_parse(const char *name, sim_format *out);

/* Speed-up of results[i] over the plain "sync" result; 0 when there is none. */
double sim_report_speedup(const sim_result *results, int n, int i);

/* Writes the report; returns 0, or -1 when the stream failed. */
int sim_report_write(FILE *f, sim_format format, const scn_scenario *scn,
                     const sim_result *results, int n);

/* Writes every span of every result as Chrome trace-event JSON
 * ({"traceEvents": [...]}, opens in Perfetto and chrome://tracing): pid = one
 * per strategy, tid = one per task and one per worker lane, ts/dur in
 * microseconds, cat = the span kind, metadata events naming processes and
 * threads. Returns 0, or -1 when the stream failed. */
int sim_trace_write(FILE *f, const scn_scenario *scn, const sim_result *results, int n);

#endif

/* report.h - what batch mode prints: the timing table, CSV, JSON, and the trace.
 *
 * One header for every format (each is one file in report/src: table.c,
 * csv.c, json.c, trace.c), because callers pick the format at run time;
 * the multi-seed summary they can show is summary.h.
 *
 * All writers take the results of one scenario under several strategies, in
 * the order they were run. The speed-up is sim_speedup_vs_sync's (sim/run.h)
 * when one of the results is plain "sync", else absent
 * (JSON null, "-" in the table): simul never runs a strategy you did not ask for.
 * Output is a pure function of the results: byte-identical for identical runs.
 *
 * Beside the fields of README.md ("Reading the table", "JSON and CSV") every
 * result carries its outcomes (ok, timeout, failed, cancelled), response times (end - arrival; for
 * tasks that all arrive at t=0 the same as completion), throughput and the mean number of tasks in
 * the system. The table shows response columns instead of the completion percentile when a group
 * has arrivals, and an outcomes column when any task did not end ok.
 */
#ifndef SIM_REPORT_H
#define SIM_REPORT_H

#include <stdio.h>

#include "report/summary.h"
#include "sim/run.h"
#include "sim/scenario.h"

typedef enum rep_format { REP_FORMAT_TABLE, REP_FORMAT_CSV, REP_FORMAT_JSON } rep_format;

/* "table", "csv", "json" -> 0 and *out; anything else -> -1. */
int rep_format_parse(const char *name, rep_format *out);

/* The table's first line: the scenario's name and counts, as loaded (so
 * after --set) and as run (`counts`: a group whose arrivals stop at `until`
 * has that run's count; NULL: the counts as written), e.g. "Chess
 * exhibition — 24 boards x 30 rounds\n". The window's title bar shows it too. */
void rep_write_title(FILE *f, const scn_scenario *scn, const sim_result *counts);

/* `simul run --what-if 'LABEL=-50%'`: the makespan of each result's
 * strategy rerun with LABEL's steps (or, by_group, group LABEL's cpu steps)
 * scaled by 1 + percent/100 (sim/explain.h's exp_what_if). */
typedef struct rep_what_if {
  const char *target;
  double percent;
  int by_group;
  const sim_time *makespan; /* [n], aligned with the results */
  const int *ok;            /* [n]: 0 when that rerun did not finish (shown as -) */
} rep_what_if;

struct exp_explain;

/* What a report may add to the defaults. */
typedef struct rep_opts {
  /* `simul run --tasks`: every task's end time: a second table section (a
   * row per task, a column per strategy), a "task_end_s" object keyed by task
   * name in each JSON result, "task_end_s:NAME" columns in CSV. */
  int task_ends;
  /* `simul run --runs N`: results are means over N seeds and summary[i]
   * holds result i's confidence intervals (shown as "+-" in the table, a
   * "ci95" object in JSON, "_ci95" columns in CSV). NULL: a single run. */
  const rep_summary *summary;
  /* `simul run --explain`: explain[i] explains result i (sim/explain.h): a
   * "why" paragraph per strategy after the table, an "explain" object in
   * each JSON result, bottleneck and critical-path columns in CSV. */
  const struct exp_explain *explain;
  /* `simul run --what-if`: a section after the table, a "what_if" object in
   * JSON, what_if_* columns in CSV. NULL: none. */
  const rep_what_if *what_if;
  /* `simul run --memory`: a "peak memory" column in the table; in JSON and
   * CSV memory_peak_bytes, memory_mean_bytes, memory_reserved_peak_bytes
   * (thread stacks' virtual reservation) and in_system_peak. Off by default
   * so that reports without it stay as they were. */
  int memory;
} rep_opts;

/* Writes the report; `opts` may be NULL (the defaults). Returns 0, or -1
 * when the stream failed. */
int rep_write(FILE *f, rep_format format, const scn_scenario *scn, const sim_result *results, int n,
              const rep_opts *opts);

/* Formats bytes for people: "1.1 KiB", "24.0 MiB", "812 B". */
int rep_format_bytes(int64_t bytes, char *buf, size_t size);

/* Writes every span of every result as Chrome trace-event JSON
 * ({"traceEvents": [...]}, opens in Perfetto and chrome://tracing): pid = one
 * per strategy, tid = one per task and one per worker lane, ts/dur in
 * microseconds, cat = the span kind, metadata events naming processes and
 * threads. Returns 0, or -1 when the stream failed. */
int rep_trace_write(FILE *f, const scn_scenario *scn, const sim_result *results, int n);

/* As rep_trace_write; with explain (explain[i] for result i, NULL: none)
 * the spans on each critical path carry "critical": true in their args and
 * flow events ("ph": "s" / "f", cat "critical") chain them, so Perfetto
 * draws the path as arrows. Without it, the bytes of rep_trace_write. */
int rep_trace_write_ext(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                        const struct exp_explain *explain);

/* How far a trace got: bytes written, and spans written of all there are. */
typedef struct rep_trace_stats {
  int64_t bytes;
  size_t spans, spans_total;
} rep_trace_stats;

/* rep_trace_write_capped's answer when the next write would have passed
 * max_bytes: nothing past the limit was written, the file is cut short. */
#define REP_TRACE_TOO_BIG (-2)

/* As rep_trace_write_ext, but writing at most max_bytes (0: no limit): a
 * trace the estimate put under a limit can still pass it (random durations,
 * preemptions), and the bytes are counted as they go out, for nothing.
 * Returns 0, -1 when the stream failed, or REP_TRACE_TOO_BIG; fills *stats
 * (may be NULL) either way. */
int rep_trace_write_capped(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                           const struct exp_explain *explain, int64_t max_bytes,
                           rep_trace_stats *stats);

#endif

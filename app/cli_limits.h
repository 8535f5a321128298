/* cli_limits.h - how big a run may be before a command refuses it: the
 * estimate (sim/estimate.h) against --max-tasks, --max-events and, where
 * the command records spans, --max-trace-size (`run --trace`) or
 * --max-span-memory (the window), checked before anything runs.
 *
 * `run`, `view`, `render` and `sweep` share the options, their defaults,
 * their parsing and their messages ("CMD: error: ...; raise it with
 * --max-events N if you mean it", exit 2) through this file.
 */
#ifndef APP_CLI_LIMITS_H
#define APP_CLI_LIMITS_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "report/report.h"

/* Defaults: a run of about a minute, a trace Perfetto can still open in a
 * browser, tasks in about a GB of memory, a window's spans in 2 GiB. */
#define CLI_MAX_EVENTS_DEFAULT      ((int64_t)1000000000)
#define CLI_MAX_TRACE_DEFAULT       ((int64_t)1 << 30)
#define CLI_MAX_TASKS_DEFAULT       ((int64_t)10000000)
#define CLI_MAX_SPAN_MEMORY_DEFAULT ((int64_t)2 << 30)

/* What the window holds per recorded span: the span (32 bytes), its index
 * in up to two rows (8) and, while the set is built, the instants of every
 * span's start and end in three lists (48) plus each track's own list (16). */
#define CLI_SPAN_BYTES ((int64_t)sizeof(sim_span) + 72)

typedef struct cli_limits {
  int64_t max_events, max_trace, max_tasks, max_span_memory;
  int quiet; /* --no-progress: no estimate line either */
} cli_limits;

#define CLI_LIMITS_INIT                                                                            \
  {                                                                                                \
    CLI_MAX_EVENTS_DEFAULT, CLI_MAX_TRACE_DEFAULT, CLI_MAX_TASKS_DEFAULT,                          \
        CLI_MAX_SPAN_MEMORY_DEFAULT, 0                                                             \
  }

/* The options' getopt_long values, between the shared ones and CLI_OPT_USER. */
enum {
  CLI_OPT_MAX_EVENTS = 0x180,
  CLI_OPT_MAX_TASKS,
  CLI_OPT_MAX_TRACE,
  CLI_OPT_MAX_SPAN_MEMORY,
};

/* getopt_long entries, for a command's table. */
#define CLI_LIMITS_COUNT_OPTIONS                                                                   \
  {"max-events", required_argument, NULL, CLI_OPT_MAX_EVENTS}, {                                   \
    "max-tasks", required_argument, NULL, CLI_OPT_MAX_TASKS                                        \
  }
#define CLI_LIMITS_TRACE_OPTION                                                                    \
  { "max-trace-size", required_argument, NULL, CLI_OPT_MAX_TRACE }
#define CLI_LIMITS_SPAN_OPTION                                                                     \
  { "max-span-memory", required_argument, NULL, CLI_OPT_MAX_SPAN_MEMORY }

/* Their lines in a command's --help. */
#define CLI_LIMITS_COUNT_HELP                                                                      \
  "  --max-events N    refuse a run estimated at more events (default 1G = 10^9;\n"                \
  "                    k, M, G suffixes), and stop one that gets there anyway\n"                   \
  "  --max-tasks N     refuse a scenario with more tasks (default 10M)\n"
#define CLI_LIMITS_TRACE_HELP                                                                      \
  "  --max-trace-size SIZE  refuse a --trace estimated larger, and stop writing\n"                 \
  "                    one that gets larger anyway (default 1G = 1 GiB; K, M, G)\n"
#define CLI_LIMITS_EXPLAIN_SPAN_HELP                                                               \
  "  --max-span-memory SIZE  refuse an --explain whose spans would take more\n"                    \
  "                    memory (default 2G = 2 GiB; K, M, G suffixes)\n"
#define CLI_LIMITS_SPAN_HELP                                                                       \
  "  --max-span-memory SIZE  refuse runs whose spans the window would hold in\n"                   \
  "                    more memory (default 2G = 2 GiB; K, M, G suffixes)\n"

/* "1000000", "5M", "2G": a count (k, M, G = 10^3, 10^6, 10^9) or, with
 * bytes set, a size (K, M, G = KiB, MiB, GiB). Returns 0 or -1. */
int cli_limit_parse(const char *text, int bytes, int64_t *out);

/* One of the CLI_OPT_MAX_* options, for the `default:` of a command's option
 * switch: 0, or 2 after printing the usage error ("unknown option" when
 * `opt` is none of them). */
int cli_limits_option(cli_limits *l, const cli_args *a, int opt, const char *arg);

/* What a run records beyond its timings, for the estimate. */
enum {
  CLI_RECORD_TRACE = 1,  /* run --trace: the trace's size */
  CLI_RECORD_SPANS = 2,  /* the window: its spans in memory */
  CLI_RECORD_EXPLAIN = 4 /* run --explain: the spans it reads, in memory */
};

/* Estimates each of strategies[0..n) on scn, with its `until` groups'
 * counts fixed for `seed`: past a limit fills err with "CMD: error: ..."
 * naming the option that raises it and returns 2. `record` is a set of
 * CLI_RECORD_*. Prints nothing: threads (a sweep's points) may call it. */
int cli_limits_refuse(const cli_limits *l, const scn_scenario *scn, sim_strategy *const *strategies,
                      int n, uint64_t seed, int record, const char *cmd, sim_error *err);

/* cli_limits_refuse for a job's strategies (times `runs` seeds), printing
 * the message. A run expected to be long gets a one-line estimate on stderr
 * first, unless quiet. Returns 0 or an exit status. */
int cli_limits_check(const cli_limits *l, const cli_job *job, const char *cmd, int record,
                     int runs);

/* The trace writer stopped at the limit (rep_trace_write_capped returned
 * REP_TRACE_TOO_BIG): prints "CMD: error: the trace passed the limit ..."
 * with how far it got, and returns 2. */
int cli_limits_trace_passed(const cli_limits *l, const char *cmd, const rep_trace_stats *st);

/* Writes the estimate table of `simul run --estimate` to f. */
int cli_estimate_write(FILE *f, const cli_job *job, int trace);

#endif

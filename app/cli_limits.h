/* cli_limits.h - how big a run may be before `simul run` refuses it: the
 * estimate (sim/estimate.h) against --max-tasks, --max-events and
 * --max-trace-size, checked before anything runs. */
#ifndef APP_CLI_LIMITS_H
#define APP_CLI_LIMITS_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* Defaults: a run of about a minute, a trace Perfetto can still open in a
 * browser, tasks in about a GB of memory. */
#define CLI_MAX_EVENTS_DEFAULT ((int64_t)1000000000)
#define CLI_MAX_TRACE_DEFAULT  ((int64_t)1 << 30)
#define CLI_MAX_TASKS_DEFAULT  ((int64_t)10000000)

typedef struct cli_limits {
  int64_t max_events, max_trace, max_tasks;
  int quiet; /* --no-progress: no estimate line either */
} cli_limits;

/* "1000000", "5M", "2G": a count (k, M, G = 10^3, 10^6, 10^9) or, with
 * bytes set, a size (K, M, G = KiB, MiB, GiB). Returns 0 or -1. */
int cli_limit_parse(const char *text, int bytes, int64_t *out);

/* Estimates every strategy's run (times `runs` seeds); past a limit prints
 * "CMD: error: ..." naming the option that raises it and returns 2. A run
 * expected to be long gets a one-line estimate on stderr first, unless quiet. */
int cli_limits_check(const cli_limits *l, const cli_job *job, const char *cmd, int trace, int runs);

/* Writes the estimate table of `simul run --estimate` to f. */
int cli_estimate_write(FILE *f, const cli_job *job, int trace);

#endif

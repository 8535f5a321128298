/* cli_progress.h - a progress line on stderr for long runs: a bar with an ETA
 * on a terminal, a plain line every 10 s otherwise; nothing for a run that
 * ends within about 2 s. Fed by sim_run's progress callback. */
#ifndef APP_CLI_PROGRESS_H
#define APP_CLI_PROGRESS_H

#include <stdint.h>

#include "sim/sim_time.h"

typedef struct cli_progress {
  const char *cmd;      /* "simul run" */
  const char *strategy; /* the run under way */
  int64_t expected;     /* events the estimate expects; the bar's 100% */
  const char *unit;     /* what is counted: "events" (NULL), "seeds" */
  int64_t max_events;   /* stop past this many (0: no limit) */
  int stopped;          /* the last run was stopped at max_events */
  int enabled;
  int tty;
  double start, last; /* monotonic seconds: the run's start, the last line */
  double after;       /* seconds before the first line (2) */
  int shown;          /* a line was printed (a bar to clear) */
} cli_progress;

/* Before each run. */
void cli_progress_begin(cli_progress *p, const char *strategy, int64_t expected);
/* The sim_run_opts.progress callback; ctx is a cli_progress. */
int cli_progress_tick(void *ctx, int64_t events, sim_time now);
/* After each run: clears the bar. */
void cli_progress_end(cli_progress *p);

#endif

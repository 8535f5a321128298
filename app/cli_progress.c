/* cli_progress.c - see cli_progress.h. */
#define _POSIX_C_SOURCE 200809L
#include "cli_progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_begin(cli_progress *p, const char *strategy, int64_t expected) {
  p->strategy = strategy;
  p->expected = expected > 0 ? expected : 1;
  p->start = now_s();
  p->last = p->start - 60; /* the first line as soon as the run is long */
  /* SIMUL_PROGRESS_AFTER=SECONDS moves the ~2 s threshold: the CLI tests
   * set 0 to see the lines of a short run. */
  const char *after = getenv("SIMUL_PROGRESS_AFTER");
  p->after = after && *after ? atof(after) : 2.0;
  p->shown = 0;
  p->stopped = 0;
  p->tty = isatty(STDERR_FILENO);
}

static void eta_text(double secs, char *buf, size_t size) {
  long s = secs < 0 ? 0 : (long)(secs + 0.5);
  snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
}

int cli_progress_tick(void *ctx, int64_t events, sim_time now) {
  cli_progress *p = ctx;
  if (p->max_events > 0 && events > p->max_events) {
    p->stopped = 1;
    return 1;
  }
  if (!p->enabled) return 0;
  double t = now_s(), elapsed = t - p->start;
  /* Runs over in about 2 s say nothing; a terminal's bar is redrawn 5 times
   * a second, a log gets a line every 10 s. */
  if (elapsed < p->after || t - p->last < (p->tty ? 0.2 : 10.0)) return 0;
  p->last = t;
  double f = (double)events / (double)p->expected;
  if (f > 0.99) f = 0.99; /* the estimate is an upper bound: never claim done */
  char eta[32], clock[32];
  eta_text(elapsed * (1 - f) / (f > 0.001 ? f : 0.001), eta, sizeof eta);
  sim_time_format(now, clock, sizeof clock);
  if (p->tty) {
    char bar[31];
    int fill = (int)(f * 30);
    for (int i = 0; i < 30; i++) bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r%s: %s [%s] %3d%%  %s left", p->cmd, p->strategy, bar, (int)(f * 100), eta);
    if (!p->unit) fprintf(stderr, "  (simulated %s)", clock);
    fputs("\033[K", stderr);
  } else {
    fprintf(stderr, "%s: %s: %d%% of about %lld %s, about %s left", p->cmd, p->strategy,
            (int)(f * 100), (long long)p->expected, p->unit ? p->unit : "events", eta);
    if (!p->unit) fprintf(stderr, " (simulated %s)", clock);
    fputc('\n', stderr);
  }
  fflush(stderr);
  p->shown = 1;
  return 0;
}

void cli_progress_end(cli_progress *p) {
  if (p->shown && p->tty) fputs("\r\033[K", stderr);
  p->shown = 0;
}

/* cmd_sweep.c - `simul sweep SCENARIO --vary KEY=VALUES ...`: the scenario
 * over a range of values, with the knee, the bounds and a plot.
 *
 * The work is in sweep/ (values, grid, threads, knee, bounds), report/
 * (table, CSV, JSON, part files) and plot/; this file parses and wires.
 */
#define _POSIX_C_SOURCE 200809L /* sysconf, clock_gettime, isatty */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli_sweep.h"
#include "commands.h"

/* A progress line only for sweeps that take a while, and only for a person:
 * a log or a pipe gets none. */
#define SWEEP_PROGRESS_AFTER_S 2.0

typedef struct sweep_clock {
  struct timespec start;
  int shown;
} sweep_clock;

static double sweep_elapsed(const sweep_clock *c) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - c->start.tv_sec) + (double)(now.tv_nsec - c->start.tv_nsec) / 1e9;
}

static void sweep_progress(void *ctx, long done, long total) {
  sweep_clock *c = ctx;
  double t = sweep_elapsed(c);
  if (t < SWEEP_PROGRESS_AFTER_S && !c->shown) return;
  c->shown = 1;
  double left = done > 0 ? t * (double)(total - done) / (double)done : 0;
  fprintf(stderr, "\rsimul sweep: %ld/%ld runs (%.0f%%), %.0f s left   ", done, total,
          100.0 * (double)done / (double)total, left);
  if (done == total) fputs("\r\033[K", stderr);
  fflush(stderr);
}

static int sweep_cores(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n >= 1 ? (int)n : 1;
}

int cmd_sweep(int argc, char **argv) {
  cli_sweep c;
  int rc = cli_sweep_parse(&c, "simul sweep", argc, argv);
  if (rc == CLI_HELP) {
    fputs(cli_sweep_help, stdout);
    cli_sweep_free(&c);
    return APP_OK;
  }
  if (rc == 0) rc = cli_sweep_spec(&c);
  if (rc == 0) cli_sweep_limit(&c);
  swp_sweep sw = {0};
  sim_error err = {0};
  if (rc == 0) {
    rc = swp_prepare(&sw, &c.spec, &err);
    if (rc != 0) fprintf(stderr, "%s\n", err.msg);
  }
  if (rc == 0) rc = cli_sweep_profile(&c, &sw);
  if (rc == 0) {
    sweep_clock clock = {0};
    clock_gettime(CLOCK_MONOTONIC, &clock.start);
    int tty = isatty(2);
    rc = swp_run(&sw, c.jobs ? c.jobs : sweep_cores(), c.shard_k, c.shard_n,
                 tty ? sweep_progress : NULL, &clock, &err);
    if (rc != 0) fprintf(stderr, "%s\n", err.msg);
  }
  if (rc == 0) rc = cli_sweep_output(&c, &sw);
  swp_sweep_free(&sw);
  cli_sweep_free(&c);
  return rc;
}

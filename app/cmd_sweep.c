/* cmd_sweep.c - `simul sweep SCENARIO --vary KEY=VALUES ...`: the scenario
 * over a range of values, with the knee, the bounds and a plot.
 *
 * The work is in sweep/ (values, grid, threads, knee, bounds), report/
 * (table, CSV, JSON, part files) and plot/; this file parses and wires.
 */
#define _POSIX_C_SOURCE 200809L /* sysconf */
#include <stdio.h>
#include <unistd.h>

#include "cli_progress.h"
#include "cli_sweep.h"
#include "commands.h"

/* The progress line is run's (cli_progress.h: a bar on a terminal, a line
 * every 10 s in a log, nothing for a sweep over within 2 s), counting runs.
 * swp_run calls it under its lock, one thread at a time. */
static void sweep_tick(void *ctx, long done, long total) {
  cli_progress *p = ctx;
  p->expected = total; /* known once swp_run has dealt the points */
  cli_progress_tick(p, done, 0);
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
    cli_progress progress = {.cmd = c.args.cmd, .enabled = !c.no_progress, .unit = "runs"};
    cli_progress_begin(&progress, "all points", 0);
    rc = swp_run(&sw, c.jobs ? c.jobs : sweep_cores(), c.shard_k, c.shard_n, sweep_tick, &progress,
                 &err);
    cli_progress_end(&progress);
    if (rc != 0) fprintf(stderr, "%s\n", err.msg);
  }
  if (rc == 0) rc = cli_sweep_output(&c, &sw);
  swp_sweep_free(&sw);
  cli_sweep_free(&c);
  return rc;
}

/* cmd_why.h - `simul run --explain` and `--what-if`: explaining each run and
 * rerunning the scenario with one step's work scaled (sim/explain.h), kept
 * out of cmd_run.c so that file stays about running and printing. */
#ifndef APP_CMD_WHY_H
#define APP_CMD_WHY_H

#include "cli.h"
#include "report/report.h"
#include "sim/explain.h"

typedef struct cmd_why {
  int explain;       /* --explain */
  int what_if_given; /* --what-if */
  exp_what_if what_if;
  exp_thresholds th; /* --threshold KEY=VALUE */
  exp_explain *ex;   /* [job->nresults] after cmd_why_explain; zeroed for a failed run */
  int nex;
  cli_job wjob; /* the scenario with the what-if applied */
  sim_time *wmakespan;
  int *wok;
  int wby_group;
} cmd_why;

/* The options' help lines, for `simul run --help`. */
#define CMD_WHY_OPTIONS_HELP                                                                       \
  "  --explain         after the table, why each run took as long as it did: the\n"                \
  "                    critical path by kind, the bottleneck, the lints (in JSON,\n"               \
  "                    an \"explain\" object; with --trace, the path as arrows)\n"                 \
  "  --threshold K=V   set a lint's threshold (repeatable): loop_stall=100ms,\n"                   \
  "                    never_yields=1s, gil_speedup=1.1, saturated=0.95,\n"                        \
  "                    idle_worker=0.5, starved=10 (the defaults)\n"                               \
  "  --what-if L=P%    rerun with the steps labelled L (or task group L's cpu)\n"                  \
  "                    P% faster or slower, e.g. 'master moves=-50%', and show\n"                  \
  "                    how each makespan changes\n"

void cmd_why_init(cmd_why *w);

/* Handles --what-if and --threshold values; returns 0 or prints the usage
 * error and returns 2. */
int cmd_why_what_if_option(cmd_why *w, const cli_args *a, const char *arg);
int cmd_why_threshold_option(cmd_why *w, const cli_args *a, const char *arg);

/* Before the runs: loads the what-if's scenario and applies it, so a label
 * that matches nothing is reported before minutes of simulation. */
int cmd_why_prepare(cmd_why *w, const cli_args *a);

/* After the runs: explains each finished run of `job` (spans recorded) and
 * reruns the what-if. Returns an exit status. */
int cmd_why_after(cmd_why *w, const cli_args *a, const cli_job *job);

/* Fills the report options' explain and what_if for the finished runs of
 * `job` (status 0), in order: `ex` (room for job->nresults) and `wr` are the
 * caller's, `makespan` and `ok` too. */
void cmd_why_report_opts(const cmd_why *w, const cli_job *job, rep_opts *ro, exp_explain *ex,
                         rep_what_if *wr, sim_time *makespan, int *ok);

void cmd_why_free(cmd_why *w);

#endif

/* cmd_run.c - `simul run SCENARIO`: run headless and print the timings.
 *
 * The report goes to stdout (table, CSV or JSON), errors to stderr. Spans are
 * recorded only for --trace, so a run of a million tasks without a trace
 * stays small. A trace is written to a temporary file beside FILE and renamed
 * over it when complete, so a run that fails halfway never leaves half a
 * trace where a good one was; one that would pass --max-trace-size stops
 * being written at the limit and is removed the same way (exit 2).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_limits.h"
#include "cli_out.h"
#include "cli_progress.h"
#include "cmd_why.h"
#include "commands.h"
#include "report/report.h"
#include "report/summary.h"

enum {
  RUN_OPT_FORMAT = CLI_OPT_USER,
  RUN_OPT_TRACE,
  RUN_OPT_TASKS,
  RUN_OPT_RUNS,
  RUN_OPT_ESTIMATE,
  RUN_OPT_NO_PROGRESS,
  RUN_OPT_EXPLAIN,
  RUN_OPT_WHAT_IF,
  RUN_OPT_THRESHOLD,
  RUN_OPT_MEMORY
};

/* Enough seeds for a tight interval; beyond, a typo more likely than a wish. */
#define RUN_MAX_RUNS 100000

typedef struct run_opts {
  const cli_args *args;
  rep_format format;
  const char *trace;
  int tasks;
  int memory;
  int runs; /* seeds to average over; 1: a single run */
  cli_limits limits;
  int estimate;    /* --estimate: print it, run nothing */
  int no_progress; /* --no-progress */
  cmd_why why;     /* --explain, --what-if, --threshold */
} run_opts;

static const char run_help[] =
    "usage: simul run SCENARIO [options]\n"
    "\n"
    "Runs SCENARIO (a built-in name such as chess or laundry, or a YAML file) under\n"
    "each strategy and prints how long it took.\n"
    "\n"
    "options:\n"
    "  --format FMT      table (default), csv or json\n"
    "  --tasks           also show when each task ended\n"
    "  --memory          also report peak memory (the profile's sizes; CPython 3.11's\n"
    "                    by default)\n"
    "  --runs N          repeat with N seeds (the seed, seed+1, ...) and report the\n"
    "                    mean of each metric with a 95% confidence interval\n"
    "  --trace FILE      write every span as Chrome trace-event JSON, to open in\n"
    "                    https://ui.perfetto.dev (FILE is replaced only once the\n"
    "                    trace is complete)\n"
    "  --estimate        print each run's estimated tasks, events and trace size,\n"
    "                    and run nothing\n" CLI_LIMITS_COUNT_HELP CLI_LIMITS_TRACE_HELP
        CLI_LIMITS_EXPLAIN_SPAN_HELP
    "  --no-progress     no estimate or progress line on stderr (for long runs)"
    "\n" CMD_WHY_OPTIONS_HELP CLI_SCENARIO_OPTIONS_HELP "\n"
    "exit status: 0 ok, 1 a run failed (a deadlock, an unwritable file),\n"
    "2 bad usage or bad input\n";

static int run_option(void *ctx, int opt, const char *arg) {
  run_opts *o = ctx;
  switch (opt) {
  case RUN_OPT_FORMAT:
    if (rep_format_parse(arg, &o->format) != 0)
      return cli_usage_error(o->args, 0, "unknown format '%s' (expected table, csv, json)", arg);
    return 0;
  case RUN_OPT_TRACE:
    if (!*arg) return cli_usage_error(o->args, 0, "--trace needs a file name");
    o->trace = arg;
    return 0;
  case RUN_OPT_TASKS:
    o->tasks = 1;
    return 0;
  case RUN_OPT_MEMORY:
    o->memory = 1;
    return 0;
  case RUN_OPT_RUNS: {
    char *end;
    long n = strtol(arg, &end, 10);
    if (!*arg || *end || n < 1 || n > RUN_MAX_RUNS)
      return cli_usage_error(o->args, 0, "--runs takes a whole number from 1 to %d, got '%s'",
                             RUN_MAX_RUNS, arg);
    o->runs = (int)n;
    return 0;
  }
  case RUN_OPT_ESTIMATE:
    o->estimate = 1;
    return 0;
  case RUN_OPT_NO_PROGRESS:
    o->no_progress = o->limits.quiet = 1;
    return 0;
  case RUN_OPT_EXPLAIN:
    o->why.explain = 1;
    return 0;
  case RUN_OPT_WHAT_IF:
    return cmd_why_what_if_option(&o->why, o->args, arg);
  case RUN_OPT_THRESHOLD:
    return cmd_why_threshold_option(&o->why, o->args, arg);
  default:
    return cli_limits_option(&o->limits, o->args, opt, arg);
  }
}

static int run_trace_error(const cli_args *a, const char *path, int err) {
  fprintf(stderr, "%s: error: cannot write the trace '%s': %s\n", a->cmd, path, strerror(err));
  return APP_FAIL;
}

/* Writes the trace into the temporary file opened before the runs (so an
 * unwritable FILE is reported before minutes of simulation, not after) and
 * renames it over FILE. */
static int run_write_trace(const cli_args *a, const run_opts *o, cli_out *out, const cli_job *job,
                           const exp_explain *explain) {
  rep_trace_stats st;
  errno = 0;
  int rc = rep_trace_write_capped(out->f, &job->scn, job->results, job->nresults, explain,
                                  o->limits.max_trace, &st);
  int saved = errno;
  if (rc != 0) {
    cli_out_abandon(out);
    if (rc == REP_TRACE_TOO_BIG) return cli_limits_trace_passed(&o->limits, a->cmd, &st);
    return run_trace_error(a, o->trace, saved ? saved : EIO);
  }
  if ((saved = cli_out_commit(out, o->trace)) != 0) return run_trace_error(a, o->trace, saved);
  return APP_OK;
}

/* The report shows only the runs that finished: a deadlocked run's makespan
 * would be a lie. Its message is already on stderr; its spans go to the trace. */
static int run_write_report(const cli_args *a, const run_opts *o, const cli_job *job) {
  size_t room = (size_t)(job->nresults ? job->nresults : 1);
  sim_result *done = malloc(room * sizeof *done);
  exp_explain *ex = malloc(room * sizeof *ex);
  sim_time *wmakespan = malloc(room * sizeof *wmakespan);
  int *wok = malloc(room * sizeof *wok);
  if (!done || !ex || !wmakespan || !wok) {
    free(done);
    free(ex);
    free(wmakespan);
    free(wok);
    return APP_FAIL;
  }
  int n = 0;
  for (int i = 0; i < job->nresults; i++)
    if (job->status[i] == 0) done[n++] = job->results[i];
  int rc = APP_OK;
  if (n > 0 || job->nresults == 0) {
    rep_opts ro = {.task_ends = o->tasks, .memory = o->memory};
    rep_what_if wr;
    cmd_why_report_opts(&o->why, job, &ro, ex, &wr, wmakespan, wok);
    if (rep_write(stdout, o->format, &job->scn, done, n, &ro) != 0) {
      fprintf(stderr, "%s: error: cannot write the report: %s\n", a->cmd, strerror(errno));
      rc = APP_FAIL;
    }
  }
  free(done);
  free(ex);
  free(wmakespan);
  free(wok);
  return rc;
}

/* --runs N: every strategy under seeds s..s+N-1, then one report of the
 * means. Each seed's results go into running statistics and are freed, so
 * memory stays that of one seed whatever N. The trace, if asked for, shows
 * the first seed's runs. A failed run (a deadlock under one seed) fails the
 * whole command: a mean over the seeds that happened to finish would be
 * biased. */
static int run_many(const cli_args *a, const run_opts *o, cli_job *job, cli_out *trace) {
  int n = job->nstrategies, rc = 0;
  uint64_t base = a->has_seed ? a->seed : job->scn.seed;
  rep_summary_acc *acc = rep_summary_begin(n);
  sim_result *mean = calloc((size_t)n, sizeof *mean);
  rep_summary *sum = calloc((size_t)n, sizeof *sum);
  if (!acc || !mean || !sum) {
    fprintf(stderr, "%s: error: out of memory for %d runs\n", a->cmd, o->runs);
    rc = APP_FAIL;
  }
  /* Seeds as the progress line's unit: each run may be short, N of them not. */
  cli_progress seeds = {.cmd = a->cmd, .enabled = !o->no_progress, .unit = "seeds"};
  cli_progress_begin(&seeds, "--runs", o->runs);
  for (int k = 0; rc == 0 && k < o->runs; k++) {
    if (k > 0) cli_progress_tick(&seeds, k, 0);
    rc = cli_job_run_seed(job, a, k == 0 && trace->tmp, base + (uint64_t)k);
    if (rc == 0 && k == 0 && trace->tmp) rc = run_write_trace(a, o, trace, job, NULL);
    if (rc == 0 && rep_summary_add(acc, job->results) != 0) {
      fprintf(stderr, "%s: error: out of memory\n", a->cmd);
      rc = APP_FAIL;
    }
    for (int i = 0; i < job->nresults; i++) sim_result_free(&job->results[i]);
    job->nresults = 0;
  }
  cli_progress_end(&seeds);
  cli_out_abandon(trace);
  if (rc == 0) {
    rep_summary_finish(acc, mean, sum);
    cli_memory_lint(a, job->profile.memory_budget, mean, NULL, n);
    rep_opts ro = {.summary = sum, .memory = o->memory};
    if (rep_write(stdout, o->format, &job->scn, mean, n, &ro) != 0) {
      fprintf(stderr, "%s: error: cannot write the report: %s\n", a->cmd, strerror(errno));
      rc = APP_FAIL;
    }
  }
  for (int i = 0; mean && i < n; i++) sim_result_free(&mean[i]);
  rep_summary_free(acc);
  free(mean);
  free(sum);
  return rc;
}

int cmd_run(int argc, char **argv) {
  static const struct option longs[] = {
      {"format", required_argument, NULL, RUN_OPT_FORMAT},
      {"trace", required_argument, NULL, RUN_OPT_TRACE},
      {"tasks", no_argument, NULL, RUN_OPT_TASKS},
      {"runs", required_argument, NULL, RUN_OPT_RUNS},
      CLI_LIMITS_COUNT_OPTIONS,
      CLI_LIMITS_TRACE_OPTION,
      CLI_LIMITS_SPAN_OPTION,
      {"estimate", no_argument, NULL, RUN_OPT_ESTIMATE},
      {"no-progress", no_argument, NULL, RUN_OPT_NO_PROGRESS},
      {"explain", no_argument, NULL, RUN_OPT_EXPLAIN},
      {"what-if", required_argument, NULL, RUN_OPT_WHAT_IF},
      {"threshold", required_argument, NULL, RUN_OPT_THRESHOLD},
      {"memory", no_argument, NULL, RUN_OPT_MEMORY},
      {NULL, 0, NULL, 0},
  };
  cli_args a;
  run_opts o = {.args = &a, .format = REP_FORMAT_TABLE, .runs = 1, .limits = CLI_LIMITS_INIT};
  cmd_why_init(&o.why);
  int rc;
  if (cli_begin(&a, "simul run", argc, argv, longs, NULL, run_option, &o, run_help, &rc)) return rc;
  if (o.runs > 1 && (o.why.explain || o.why.what_if_given)) {
    rc = cli_usage_error(&a, 0, "--explain and --what-if look at one run: drop --runs");
    cli_args_free(&a);
    return rc;
  }

  cli_job job;
  cli_out trace = {0};
  /* The path first: a directory, a device or the scenario itself is refused
   * before anything is loaded or run. */
  if (o.trace && (rc = cli_out_check(a.cmd, "the trace", o.trace, a.scenario)) != 0) {
    cli_args_free(&a);
    return rc;
  }
  rc = cli_job_load(&job, &a);
  cli_progress progress = {
      .cmd = a.cmd, .max_events = o.limits.max_events, .enabled = !o.no_progress};
  job.progress = &progress;
  if (rc == 0 && o.estimate) {
    if (cli_estimate_write(stdout, &job, o.trace != NULL) != 0) rc = APP_FAIL;
    cli_job_free(&job);
    cli_args_free(&a);
    return rc;
  }
  if (rc == 0)
    rc = cli_limits_check(
        &o.limits, &job, a.cmd,
        (o.trace ? CLI_RECORD_TRACE : 0) | (o.why.explain ? CLI_RECORD_EXPLAIN : 0), o.runs);
  if (rc == 0) rc = cmd_why_prepare(&o.why, &a);
  if (rc == 0 && o.trace) {
    int e = cli_out_open(&trace, o.trace, CLI_OUT_STREAM);
    if (e) rc = run_trace_error(&a, o.trace, e);
  }
  if (rc == 0 && o.runs > 1) {
    rc = run_many(&a, &o, &job, &trace);
  } else if (rc == 0) {
    rc = cli_job_run(&job, &a, trace.tmp != NULL || o.why.explain);
    /* Bad input stops before any output; a deadlock still reports the runs
     * that finished, and its trace shows how it got stuck. */
    if (rc != APP_USAGE) {
      int why = cmd_why_after(&o.why, &a, &job);
      if (why != APP_OK && rc == APP_OK) rc = why;
    }
    if (rc != APP_USAGE) {
      cli_memory_lint(&a, job.profile.memory_budget, job.results, job.status, job.nresults);
      int out = run_write_report(&a, &o, &job);
      if (out != APP_OK && rc == APP_OK) rc = out;
      if (trace.tmp) {
        out = run_write_trace(&a, &o, &trace, &job, o.why.ex);
        if (out != APP_OK && rc == APP_OK) rc = out;
      }
    }
  }
  cli_out_abandon(&trace);
  cmd_why_free(&o.why);
  cli_job_free(&job);
  cli_args_free(&a);
  return rc;
}

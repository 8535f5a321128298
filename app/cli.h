/* cli.h - what every scenario command shares: its options, loading the
 * scenario, choosing the strategies and running them.
 *
 * `simul run`, `view`, `render` and `check` all take a SCENARIO (a built-in
 * name or a path) and the options --strategy LIST, --set KEY=VALUE
 * (repeatable) and --seed N. A command parses its own options and these in
 * one getopt_long pass with cli_parse, then:
 *
 *     cli_job job;
 *     int rc = cli_job_load(&job, &args);           // scenario + strategies
 *     if (rc == 0) rc = cli_job_run(&job, &args, record_spans);
 *     ... use job.scn, job.results[0..job.nresults-1] ...
 *     cli_job_free(&job);
 *
 * Every function here prints its own errors on stderr, shaped as README.md's
 * "Exit status" says ("simul run: error: ..." for usage, the engine's
 * "file:line:col: error: ..." as is for input), and returns an exit status (0, 1 or 2), so a command can
 * just return it.
 */
#ifndef APP_CLI_H
#define APP_CLI_H

#include <getopt.h>
#include <stdint.h>

#include "sim/run.h"
#include "sim/scenario.h"
#include "sim/strategy.h"

/* getopt_long values of the shared options; a command's own options use
 * letters or values from CLI_OPT_USER on. */
enum { CLI_OPT_STRATEGY = 0x100, CLI_OPT_SET, CLI_OPT_SEED, CLI_OPT_PROFILE, CLI_OPT_USER = 0x200 };

/* cli_parse's answer when --help or -h was given: print the help, return 0. */
enum { CLI_HELP = -1 };

/* At most this many strategies in one run: a window of 64 races is already unreadable. */
#define CLI_MAX_STRATEGIES 64

/* The shared options' lines for a command's --help text. */
#define CLI_SCENARIO_OPTIONS_HELP                                                                  \
  "  --strategy LIST   strategies to compare, comma-separated, e.g. sync,async or\n"               \
  "                    async,threads:gil=off,cores=4 (default: the file's\n"                       \
  "                    `strategies:`, else sync,async)\n"                                          \
  "  --set KEY=VALUE   override a scenario value before it is checked, e.g.\n"                     \
  "                    tasks.board.count=48 (repeatable)\n"                                        \
  "  --seed N          random seed (default: the file's `seed:`, else 1)\n"                        \
  "  --profile FILE    measured costs to add (simul calibrate writes one; default:\n"              \
  "                    the file's `profile:`, else none)\n"                                        \
  "  -h, --help        show this help\n"

typedef struct cli_args {
  const char *cmd;  /* "simul run": prefixes usage errors */
  const char **pos; /* positional arguments (SCENARIO...), pointers into argv */
  int npos;
  const char *scenario;      /* pos[0], or NULL */
  const char *strategy_list; /* --strategy, NULL when not given */
  const char **sets;         /* --set values, in order, pointers into argv */
  int nsets;
  uint64_t seed;       /* --seed, when has_seed */
  int has_seed;        /* --seed was given: 0 is then a seed like any other */
  const char *profile; /* --profile, NULL when not given */
} cli_args;

/* A command's own option: called for every getopt_long result that is not a
 * shared option. Returns 0, or an exit status after printing the error. */
typedef int (*cli_option_fn)(void *ctx, int opt, const char *arg);

/* Parses argv (argv[0] is the command's name, "run"): the shared options,
 * the command's `extra` long options (NULL-terminated table, may be NULL) and
 * short options `extra_short` (getopt syntax, may be NULL), handed to `fn`.
 * Positional arguments land in a->pos. Returns 0, CLI_HELP, or 2 after
 * printing the error. `a` must be freed with cli_args_free either way. */
int cli_parse(cli_args *a, const char *cmd, int argc, char **argv, const struct option *extra,
              const char *extra_short, cli_option_fn fn, void *ctx);

/* Checks there is exactly one positional argument, the SCENARIO. */
int cli_require_scenario(const cli_args *a);

/* How every scenario command starts: cli_parse, then --help (prints `help`)
 * and exactly one SCENARIO. Returns 1 when the command is over - help shown
 * or an error reported, `a` already freed, *status its exit status - and 0
 * when it goes on (free `a` with cli_args_free when done). */
int cli_begin(cli_args *a, const char *cmd, int argc, char **argv, const struct option *extra,
              const char *extra_short, cli_option_fn fn, void *ctx, const char *help, int *status);

/* What `view` and `render` say in a build without the window; returns the
 * status they exit with. */
int cli_no_window(const char *cmd, int status);

void cli_args_free(cli_args *a);

/* Prints "CMD: error: MESSAGE" and, when `hint`, "(try 'CMD --help')";
 * returns 2. */
int cli_usage_error(const cli_args *a, int hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A scenario, the strategies to run it under, and (after cli_job_run) one
 * result per strategy in the same order. */
typedef struct cli_job {
  scn_scenario scn;
  int loaded;
  sim_strategy *strategies[CLI_MAX_STRATEGIES];
  int nstrategies;
  sim_result *results; /* [nstrategies] after cli_job_run */
  int *status;         /* [nstrategies]: each run's sim_run return */
  int nresults;
  sim_profile profile; /* --profile, else the file's `profile:`, else the defaults */
  /* Optional: told before and after each run, and handed to sim_run as its
   * progress callback (cli_progress.h). */
  struct cli_progress *progress;
} cli_job;

/* Prints "CMD: warning: ..." for every result whose peak memory passes
 * `budget` (the profile's memory_budget; 0: none), skipping runs whose
 * status[i] is not 0 (status may be NULL); returns how many passed it. */
int cli_memory_lint(const cli_args *a, int64_t budget, const sim_result *results, const int *status,
                    int n);

/* The profile a run uses: --profile FILE, else the scenario's `profile:`
 * (relative to the scenario's folder, and a file that cannot be read is
 * reported at that key), else the defaults. Returns 0 or an error code. */
int cli_load_profile(sim_profile *out, const cli_args *a, const scn_scenario *scn, sim_error *err);

/* Loads a->scenario with a->sets applied and resolves the strategies:
 * --strategy wins, else the file's `strategies:` (errors point into the
 * file), else sync,async. Returns an exit status; free the job either way. */
int cli_job_load(cli_job *job, const cli_args *a);

/* Runs every strategy (spans recorded when record_spans). A run that fails
 * (a deadlock) prints its message, keeps what it recorded in its result and
 * does not stop the others. Returns 0, or 1 when any run failed (2 when one
 * failed on bad input, a strategy parameter this scenario cannot take). */
int cli_job_run(cli_job *job, const cli_args *a, int record_spans);

/* cli_job_run with an explicit seed (0 included): the scenario's
 * arrivals are resolved for that seed first (groups that run `until` a time
 * have as many tasks as arrive before it). job->results is replaced. */
int cli_job_run_seed(cli_job *job, const cli_args *a, int record_spans, uint64_t seed);

void cli_job_free(cli_job *job);

/* A program or module of simul's found beside the running simul (the build
 * tree) or else at `installed`: fills path and returns 0, or returns -1 with
 * the places looked at in `looked`. `mode` is access()'s (X_OK, R_OK). */
int cli_find_beside(const char *name, const char *installed, int mode, char *path, size_t size,
                    char *looked, size_t lsize);

#endif

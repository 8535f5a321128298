/* cli_sweep.h - what `simul sweep` and `simul merge` share: the sweep's
 * options, and turning a finished sweep into its report and plot.
 *
 * A sweep is named by its own arguments (SCENARIO, --vary, --strategy,
 * --set, --seed, --profile, --runs, --metric), in a canonical order; a part file
 * stores them, and merge parses them back with the same code, so the merged
 * output is the whole sweep's. --format, --plot, --output, --jobs, --shard
 * and --no-progress say how to run or show a sweep, not which one it is.
 */
#ifndef APP_CLI_SWEEP_H
#define APP_CLI_SWEEP_H

#include "cli.h"
#include "cli_limits.h"
#include "report/report.h"
#include "sweep/sweep.h"

typedef struct cli_sweep {
  cli_args args;
  swp_spec spec;
  const char *vary[SWP_MAX_AXES];
  int nvary;
  const char *metric_list; /* NULL: makespan, or p95 response for arrivals */
  swp_metric metrics[SWP_METRIC_COUNT];
  int nmetrics;
  rep_format format;
  const char *plot;   /* --plot FILE.png|.svg|.pdf */
  const char *output; /* -o FILE; NULL: stdout */
  int jobs;           /* 0: the machine's cores */
  int shard_k, shard_n;
  int sharded;         /* --shard given: write a part, even of 1/1 */
  int no_progress;     /* --no-progress */
  sim_profile profile; /* --profile, else the file's `profile:`, else the defaults */
  cli_limits limits;   /* --max-events, --max-tasks: checked at each point */
  char **canon;        /* the sweep's own arguments, canonical */
  int ncanon;
} cli_sweep;

/* Parses argv as `simul sweep` does (cmd names the command in messages).
 * Returns 0, CLI_HELP or 2. Free with cli_sweep_free either way. */
int cli_sweep_parse(cli_sweep *c, const char *cmd, int argc, char **argv);

/* Parses the --vary values and the metrics, and fills c->spec. */
int cli_sweep_spec(cli_sweep *c);

/* Applies --max-events and --max-tasks to the sweep's runs (after
 * cli_sweep_spec; not for merge, which runs nothing and whose parts may have
 * been run with raised limits). */
void cli_sweep_limit(cli_sweep *c);

/* Loads the profile every run uses (cli_load_profile) once swp_prepare has
 * loaded the scenario, and points the spec at it. Returns an exit status. */
int cli_sweep_profile(cli_sweep *c, const swp_sweep *sw);

/* The report (to --output or stdout) and the plot of a sweep whose points
 * are all in. Returns an exit status. */
int cli_sweep_output(cli_sweep *c, swp_sweep *sw);

void cli_sweep_free(cli_sweep *c);

extern const char cli_sweep_help[];

#endif

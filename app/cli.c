/* cli.c - the shared half of every scenario command: option parsing with
 * getopt_long, loading the scenario, resolving and running the strategies.
 * See cli.h for the contract; the commands themselves stay a page each.
 */
#define _POSIX_C_SOURCE 200809L /* readlink, access */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_progress.h"
#include "sim/estimate.h"
#include "report/report.h"
#include "sim/sim_error.h"

int cli_usage_error(const cli_args *a, int hint, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s: error: ", a->cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  if (hint) fprintf(stderr, " (try '%s --help')", a->cmd);
  fputc('\n', stderr);
  return SIM_EINPUT;
}

/* A whole decimal number, nothing else: strtoull alone would take "-1",
 * " 7" and "12abc". */
static int cli_parse_u64(const char *text, uint64_t *out) {
  if (!text || *text < '0' || *text > '9') return -1;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno != 0 || *end != '\0') return -1;
  *out = (uint64_t)v;
  return 0;
}

static int cli_push(const char ***array, int *n, const char *item) {
  const char **grown = realloc((void *)*array, (size_t)(*n + 1) * sizeof *grown);
  if (!grown) return -1;
  grown[(*n)++] = item;
  *array = grown;
  return 0;
}

static int cli_shared_option(cli_args *a, int opt, const char *arg) {
  switch (opt) {
  case CLI_OPT_STRATEGY:
    a->strategy_list = arg; /* the last one given wins, as with every option */
    return 0;
  case CLI_OPT_SET:
    if (!strchr(arg, '=') || arg[0] == '=')
      return cli_usage_error(a, 0, "--set expects KEY=VALUE, e.g. tasks.board.count=48, not '%s'",
                             arg);
    if (cli_push(&a->sets, &a->nsets, arg) != 0) return cli_usage_error(a, 0, "out of memory");
    return 0;
  case CLI_OPT_SEED:
    if (cli_parse_u64(arg, &a->seed) != 0)
      return cli_usage_error(a, 0, "--seed expects a whole number >= 0, not '%s'", arg);
    a->has_seed = 1;
    return 0;
  case CLI_OPT_PROFILE:
    if (!*arg) return cli_usage_error(a, 0, "--profile needs a file name");
    a->profile = arg;
    return 0;
  default:
    return -1;
  }
}

/* getopt_long's tables: the shared options, then the command's own. "-":
 * positional arguments come back as option 1, in place, whatever
 * POSIXLY_CORRECT says; ":": a missing value is reported as ':' so the
 * message can say which option lacks it. Both are malloc'd. */
static int cli_option_tables(const struct option *extra, const char *extra_short,
                             struct option **longs_out, char **shorts_out) {
  static const struct option shared[] = {
      {"strategy", required_argument, NULL, CLI_OPT_STRATEGY},
      {"set", required_argument, NULL, CLI_OPT_SET},
      {"seed", required_argument, NULL, CLI_OPT_SEED},
      {"profile", required_argument, NULL, CLI_OPT_PROFILE},
      {"help", no_argument, NULL, 'h'},
  };
  enum { NSHARED = sizeof shared / sizeof shared[0] };
  size_t nextra = 0;
  while (extra && extra[nextra].name) nextra++;
  struct option *longs = calloc(NSHARED + nextra + 1, sizeof *longs);
  size_t shortlen = 3 + (extra_short ? strlen(extra_short) : 0);
  char *shorts = malloc(shortlen + 1);
  if (!longs || !shorts) {
    free(longs);
    free(shorts);
    return -1;
  }
  memcpy(longs, shared, sizeof shared);
  if (nextra) memcpy(longs + NSHARED, extra, nextra * sizeof *longs);
  snprintf(shorts, shortlen + 1, "-:h%s", extra_short ? extra_short : "");
  *longs_out = longs;
  *shorts_out = shorts;
  return 0;
}

/* What getopt_long returned as `c` for `word`, the argument it read. */
static int cli_one_option(cli_args *a, int c, const char *word, cli_option_fn fn, void *ctx) {
  if (c == 1) {
    if (cli_push(&a->pos, &a->npos, optarg) != 0) return cli_usage_error(a, 0, "out of memory");
    return 0;
  }
  if (c == 'h') return CLI_HELP;
  if (c == '?') {
    /* glibc sets optopt for a known option it rejected: a long one that
     * was given a value it does not take ("--tasks=1"), or a short one. */
    int is_long = strncmp(word, "--", 2) == 0;
    if (is_long && optopt)
      return cli_usage_error(a, 1, "option '%.*s' takes no value", (int)strcspn(word, "="), word);
    if (!is_long && optopt) return cli_usage_error(a, 1, "unknown option '-%c'", optopt);
    return cli_usage_error(a, 1, "unknown option '%s'", word);
  }
  if (c == ':') return cli_usage_error(a, 1, "option '%s' needs a value", word);
  int shared_rc = cli_shared_option(a, c, optarg);
  if (shared_rc >= 0) return shared_rc;
  if (fn) return fn(ctx, c, optarg);
  return cli_usage_error(a, 1, "unknown option '%s'", word);
}

int cli_parse(cli_args *a, const char *cmd, int argc, char **argv, const struct option *extra,
              const char *extra_short, cli_option_fn fn, void *ctx) {
  memset(a, 0, sizeof *a);
  a->cmd = cmd;
  struct option *longs;
  char *shorts;
  if (cli_option_tables(extra, extra_short, &longs, &shorts) != 0)
    return cli_usage_error(a, 0, "out of memory");

  /* glibc restarts its scan only when optind is 0; the default job and
   * `simul help CMD` may parse more than once per process. */
  optind = 0;
  opterr = 0;
  int rc = 0;
  for (;;) {
    int c = getopt_long(argc, argv, shorts, longs, NULL);
    if (c == -1) break;
    const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
    if ((rc = cli_one_option(a, c, word, fn, ctx)) != 0) break;
  }
  /* Whatever follows "--" is positional too. */
  for (int i = optind; rc == 0 && i < argc; i++)
    if (cli_push(&a->pos, &a->npos, argv[i]) != 0) rc = cli_usage_error(a, 0, "out of memory");
  if (a->npos > 0) a->scenario = a->pos[0];
  free(longs);
  free(shorts);
  return rc;
}

int cli_begin(cli_args *a, const char *cmd, int argc, char **argv, const struct option *extra,
              const char *extra_short, cli_option_fn fn, void *ctx, const char *help, int *status) {
  int rc = cli_parse(a, cmd, argc, argv, extra, extra_short, fn, ctx);
  if (rc == CLI_HELP) {
    fputs(help, stdout);
    rc = 0;
  } else if (rc == 0) {
    rc = cli_require_scenario(a);
    if (rc == 0) return 0;
  }
  cli_args_free(a);
  *status = rc;
  return 1;
}

int cli_no_window(const char *cmd, int status) {
  fprintf(stderr, "%s: error: this simul was built without the window (SIMUL_WINDOW=OFF)\n", cmd);
  return status;
}

int cli_require_scenario(const cli_args *a) {
  if (a->npos == 0) return cli_usage_error(a, 1, "missing SCENARIO, a built-in name or a file");
  if (a->npos > 1) return cli_usage_error(a, 1, "unexpected argument '%s'", a->pos[1]);
  return 0;
}

void cli_args_free(cli_args *a) {
  free((void *)a->pos);
  free((void *)a->sets);
  a->pos = NULL;
  a->sets = NULL;
  a->npos = a->nsets = 0;
}

/* --- the job ----------------------------------------------------------------- */

static int cli_report(const sim_error *err) {
  fprintf(stderr, "%s\n", err->msg);
  return err->code ? err->code : SIM_EFAIL;
}

/* The strategies written in the file, each error pointing at its entry. */
static int cli_file_strategies(cli_job *job, sim_error *err) {
  const scn_scenario *scn = &job->scn;
  /* ref->where is "file:line:col", or "--set ..." for one an override wrote. */
  if (scn->nstrategies > CLI_MAX_STRATEGIES)
    return sim_fail(err, SIM_EINPUT, "%s: error: at most %d strategies at once",
                    scn->strategies[CLI_MAX_STRATEGIES].where, CLI_MAX_STRATEGIES);
  for (int i = 0; i < scn->nstrategies; i++) {
    const scn_strategy_ref *ref = &scn->strategies[i];
    int rc = sim_strategy_parse(ref->text, ref->where, &job->strategies[job->nstrategies], err);
    if (rc != 0) return rc;
    job->nstrategies++;
  }
  return 0;
}

int cli_load_profile(sim_profile *out, const cli_args *a, const scn_scenario *scn, sim_error *err) {
  sim_profile_defaults(out);
  if (a->profile) return sim_profile_load_file(a->profile, out, err);
  if (!scn->profile) return 0;
  char path[1024];
  const char *slash = strrchr(scn->file, '/');
  if (scn->profile[0] == '/' || !slash)
    snprintf(path, sizeof path, "%s", scn->profile);
  else
    snprintf(path, sizeof path, "%.*s/%s", (int)(slash - scn->file), scn->file, scn->profile);
  int rc = sim_profile_load_file(path, out, err);
  if (rc != 0 && strncmp(err->msg, path, strlen(path)) == 0 &&
      strncmp(err->msg + strlen(path), ": error: ", 9) == 0) {
    /* The file itself is missing or unreadable: point at the key. */
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg + strlen(path) + 9);
    rc = sim_fail(err, rc, "%s:%d:%d: error: profile '%s': %s", scn->file, scn->profile_loc.line,
                  scn->profile_loc.col, scn->profile, msg);
  }
  return rc;
}

int cli_memory_lint(const cli_args *a, int64_t budget, const sim_result *results, const int *status,
                    int n) {
  int over = 0;
  for (int i = 0; budget > 0 && i < n; i++) {
    if ((status && status[i] != 0) || results[i].memory_peak <= budget) continue;
    char peak[32], lim[32];
    rep_format_bytes(results[i].memory_peak, peak, sizeof peak);
    rep_format_bytes(budget, lim, sizeof lim);
    fprintf(stderr, "%s: warning: %s: peak memory %s passes the budget of %s (memory_budget)\n",
            a->cmd, results[i].strategy, peak, lim);
    over++;
  }
  return over;
}

int cli_job_load(cli_job *job, const cli_args *a) {
  sim_error err = {0};
  memset(job, 0, sizeof *job);
  int rc = scn_load(a->scenario, a->sets, a->nsets, &job->scn, &err);
  if (rc != 0) return cli_report(&err);
  job->loaded = 1;
  if ((rc = cli_load_profile(&job->profile, a, &job->scn, &err)) != 0) return cli_report(&err);
  if (a->strategy_list) {
    char where[128];
    snprintf(where, sizeof where, "%s --strategy", a->cmd);
    rc = sim_strategy_parse_list(a->strategy_list, where, job->strategies, CLI_MAX_STRATEGIES,
                                 &job->nstrategies, &err);
  } else if (job->scn.nstrategies > 0) {
    rc = cli_file_strategies(job, &err);
  } else {
    rc = sim_strategy_parse_list("sync,async", "default strategies", job->strategies,
                                 CLI_MAX_STRATEGIES, &job->nstrategies, &err);
  }
  for (int i = 0; rc == 0 && i < job->nstrategies; i++)
    rc = sim_strategy_fits(job->strategies[i], &job->scn, &err);
  return rc != 0 ? cli_report(&err) : 0;
}

int cli_job_run(cli_job *job, const cli_args *a, int record_spans) {
  return cli_job_run_seed(job, a, record_spans, a->has_seed ? a->seed : job->scn.seed);
}

/* A seed under which no task of an `until` group arrives fails every
 * strategy alike: say so once, not once per strategy. */
static int cli_check_counts(const cli_job *job, uint64_t seed) {
  sim_error err = {0};
  int32_t ntasks;
  if (sim_task_counts(&job->scn, seed ? seed : job->scn.seed, NULL, &ntasks, &err) != 0)
    return cli_report(&err);
  return 0;
}

int cli_job_run_seed(cli_job *job, const cli_args *a, int record_spans, uint64_t seed) {
  int n = job->nstrategies, rc = cli_check_counts(job, seed);
  if (rc != 0) return rc;
  sim_error err = {0};
  for (int i = 0; job->results && i < job->nresults; i++) sim_result_free(&job->results[i]);
  free(job->results);
  free(job->status);
  job->nresults = 0;
  job->results = calloc((size_t)(n ? n : 1), sizeof *job->results);
  job->status = calloc((size_t)(n ? n : 1), sizeof *job->status);
  if (!job->results || !job->status) {
    fprintf(stderr, "%s: error: out of memory\n", a->cmd);
    return SIM_EFAIL;
  }
  sim_run_opts opts = {
      .record_spans = record_spans, .seed = seed, .has_seed = 1, .profile = &job->profile};
  if (job->progress) {
    opts.progress = cli_progress_tick;
    opts.progress_ctx = job->progress;
  }
  for (int i = 0; i < n; i++) {
    memset(&err, 0, sizeof err);
    if (job->progress) {
      sim_estimate est;
      sim_estimate_run(&job->scn, job->strategies[i], &est);
      cli_progress_begin(job->progress, sim_strategy_label(job->strategies[i]), est.events);
    }
    job->status[i] = sim_run(&job->scn, job->strategies[i], &opts, &job->results[i], &err);
    if (job->progress) cli_progress_end(job->progress);
    job->nresults = i + 1;
    if (job->status[i] != 0) {
      int code = cli_report(&err);
      /* Bad input (a parameter this scenario cannot take) outranks a failure. */
      if (rc != SIM_EINPUT) rc = code;
    }
  }
  return rc;
}

void cli_job_free(cli_job *job) {
  for (int i = 0; job->results && i < job->nresults; i++) sim_result_free(&job->results[i]);
  free(job->results);
  free(job->status);
  for (int i = 0; i < job->nstrategies; i++) sim_strategy_free(job->strategies[i]);
  if (job->loaded) scn_free(&job->scn);
  memset(job, 0, sizeof *job);
}

int cli_find_beside(const char *name, const char *installed, int mode, char *path, size_t size,
                    char *looked, size_t lsize) {
  char self[4000];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  looked[0] = 0;
  if (n > 0) {
    self[n] = 0;
    char *slash = strrchr(self, '/');
    if (slash) {
      slash[1] = 0;
      snprintf(path, size, "%s%s", self, name);
      if (access(path, mode) == 0) return 0;
      snprintf(looked, lsize, "%s, ", path);
    }
  }
  snprintf(path, size, "%s", installed);
  if (access(path, mode) == 0) return 0;
  size_t len = strlen(looked);
  snprintf(looked + len, lsize - len, "%s", installed);
  return -1;
}

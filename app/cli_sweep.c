/* cli_sweep.c - the options of a sweep, and its report, knees, bounds and
 * plot once its points are in; see cli_sweep.h. */
#define _POSIX_C_SOURCE 200809L /* strdup, access */
#include "cli_sweep.h"

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_out.h"
#include "commands.h"
#include "plot/plot.h"
#include "report/sweep_report.h"

enum {
  SWEEP_OPT_VARY = CLI_OPT_USER,
  SWEEP_OPT_RUNS,
  SWEEP_OPT_METRIC,
  SWEEP_OPT_FORMAT,
  SWEEP_OPT_PLOT,
  SWEEP_OPT_JOBS,
  SWEEP_OPT_SHARD,
  SWEEP_OPT_NO_PROGRESS,
};

/* The same limit as `simul run --runs`. */
#define SWEEP_MAX_RUNS 100000
#define SWEEP_MAX_JOBS 1024

#define SWEEP_LIMITS_HELP                                                                          \
  CLI_LIMITS_COUNT_HELP "                    (for each run of a point, checked before it runs)\n"

const char cli_sweep_help[] =
    "usage: simul sweep SCENARIO --vary KEY=VALUES [--vary ...] [options]\n"
    "\n"
    "Runs SCENARIO once per value (two --vary make a grid) under each strategy,\n"
    "prints a row per point, finds the knee of each curve and puts the bounds\n"
    "theory gives beside it.\n"
    "\n"
    "  --vary KEY=VALUES a scenario key as for --set (tasks.board.count,\n"
    "                    tasks.request.arrivals.poisson) or a strategy parameter\n"
    "                    (workers, processes, threads, cores, switch_cost, latency),\n"
    "                    which applies to every strategy that takes it. VALUES:\n"
    "                    1,2,4,8  1..48  1..48:4  1ms..50ms:5ms  2..19:0.5\n"
    "  --metric M,...    what to report (default makespan; p95 response when tasks\n"
    "                    arrive over time): makespan, busy, utilization, speedup,\n"
    "                    completion_mean, completion_p95, response_mean,\n"
    "                    response_p95, response_p99, throughput, in_system_mean.\n"
    "                    The first is the one plotted and whose bounds are shown\n"
    "  --runs N          N seeds per point (the same seeds at every point): means\n"
    "                    and 95% confidence intervals\n"
    "  --format FMT      table (default), csv or json\n"
    "  --plot FILE       draw the first metric against the first --vary as a PNG,\n"
    "                    SVG or PDF (from the extension)\n"
    "  -o, --output FILE write the report (or the part) to FILE, not stdout\n"
    "  --jobs N          run points on N threads (default: every core); the output\n"
    "                    is the same for every N\n"
    "  --shard K/N       run only points K, K+N, K+2N, ... (counted from 1) and\n"
    "                    write that part for `simul merge`\n"
    "  --no-progress     no progress line on stderr (shown on a terminal after 2 "
    "s)\n" SWEEP_LIMITS_HELP CLI_SCENARIO_OPTIONS_HELP "\n"
    "examples:\n"
    "  simul sweep chess --vary tasks.board.count=1..48 --plot chess.png\n"
    "  simul sweep rq-jobs --strategy queue --vary workers=1..16 --runs 10\n"
    "  simul sweep webserver --vary tasks.request.arrivals.poisson=2..19\n"
    "\n"
    "exit status: 0 ok, 1 a run failed (a deadlock, an unwritable file),\n"
    "2 bad usage or bad input\n";

static int sweep_strtol(const char *arg, long lo, long hi, long *out) {
  char *end;
  errno = 0;
  long n = strtol(arg, &end, 10);
  if (!*arg || *end || errno || n < lo || n > hi || arg[0] == '+' || arg[0] == ' ') return -1;
  *out = n;
  return 0;
}

static int sweep_option(void *ctx, int opt, const char *arg) {
  cli_sweep *c = ctx;
  long n;
  switch (opt) {
  case SWEEP_OPT_VARY:
    if (c->nvary == SWP_MAX_AXES)
      return cli_usage_error(&c->args, 0, "at most %d --vary (a grid of %d dimensions)",
                             SWP_MAX_AXES, SWP_MAX_AXES);
    c->vary[c->nvary++] = arg;
    return 0;
  case SWEEP_OPT_RUNS:
    if (sweep_strtol(arg, 1, SWEEP_MAX_RUNS, &n) != 0)
      return cli_usage_error(&c->args, 0, "--runs takes a whole number from 1 to %d, got '%s'",
                             SWEEP_MAX_RUNS, arg);
    c->spec.runs = (int)n;
    return 0;
  case SWEEP_OPT_METRIC:
    c->metric_list = arg;
    return 0;
  case SWEEP_OPT_FORMAT:
    if (rep_format_parse(arg, &c->format) != 0)
      return cli_usage_error(&c->args, 0, "unknown format '%s' (expected table, csv, json)", arg);
    return 0;
  case SWEEP_OPT_PLOT:
    if (!plt_device(arg))
      return cli_usage_error(&c->args, 0, "--plot FILE must end in .png, .svg or .pdf, got '%s'",
                             arg);
    c->plot = arg;
    return 0;
  case 'o':
    if (!*arg) return cli_usage_error(&c->args, 0, "--output needs a file name");
    c->output = arg;
    return 0;
  case SWEEP_OPT_JOBS:
    if (sweep_strtol(arg, 1, SWEEP_MAX_JOBS, &n) != 0)
      return cli_usage_error(&c->args, 0, "--jobs takes a whole number from 1 to %d, got '%s'",
                             SWEEP_MAX_JOBS, arg);
    c->jobs = (int)n;
    return 0;
  case SWEEP_OPT_NO_PROGRESS:
    c->no_progress = 1;
    return 0;
  case SWEEP_OPT_SHARD: {
    const char *slash = strchr(arg, '/');
    long k = 0, total = 0;
    char kbuf[32];
    int ok = slash && (size_t)(slash - arg) < sizeof kbuf;
    if (ok) {
      memcpy(kbuf, arg, (size_t)(slash - arg));
      kbuf[slash - arg] = '\0';
      ok = sweep_strtol(kbuf, 1, SWP_MAX_POINTS, &k) == 0 &&
           sweep_strtol(slash + 1, 1, SWP_MAX_POINTS, &total) == 0;
    }
    if (!ok)
      return cli_usage_error(&c->args, 0, "--shard takes K/N with 1 <= K <= N, e.g. 3/8, got '%s'",
                             arg);
    if (k > total)
      return cli_usage_error(&c->args, 0,
                             "--shard %s: K is larger than N (there is no part %ld of %ld)", arg, k,
                             total);
    c->shard_k = (int)k;
    c->shard_n = (int)total;
    c->sharded = 1;
    return 0;
  }
  default:
    return cli_limits_option(&c->limits, &c->args, opt, arg);
  }
}

static int sweep_push(cli_sweep *c, const char *a, const char *b) {
  char **grown = realloc(c->canon, (size_t)(c->ncanon + 2) * sizeof *grown);
  if (!grown) return -1;
  c->canon = grown;
  c->canon[c->ncanon++] = strdup(a);
  if (b) c->canon[c->ncanon++] = strdup(b);
  return 0;
}

/* SCENARIO, then each option in a fixed order: two spellings of one sweep
 * (options in another order) name the same sweep. */
static int sweep_canon(cli_sweep *c) {
  const cli_args *a = &c->args;
  char num[32];
  int rc = sweep_push(c, a->scenario, NULL);
  for (int i = 0; rc == 0 && i < c->nvary; i++) rc = sweep_push(c, "--vary", c->vary[i]);
  if (rc == 0 && a->strategy_list) rc = sweep_push(c, "--strategy", a->strategy_list);
  for (int i = 0; rc == 0 && i < a->nsets; i++) rc = sweep_push(c, "--set", a->sets[i]);
  if (rc == 0 && a->seed) {
    snprintf(num, sizeof num, "%llu", (unsigned long long)a->seed);
    rc = sweep_push(c, "--seed", num);
  }
  if (rc == 0 && a->profile) rc = sweep_push(c, "--profile", a->profile);
  if (rc == 0 && c->spec.runs > 1) {
    snprintf(num, sizeof num, "%d", c->spec.runs);
    rc = sweep_push(c, "--runs", num);
  }
  if (rc == 0 && c->metric_list) rc = sweep_push(c, "--metric", c->metric_list);
  for (int i = 0; i < c->ncanon; i++)
    if (!c->canon[i]) rc = -1;
  return rc;
}

int cli_sweep_parse(cli_sweep *c, const char *cmd, int argc, char **argv) {
  static const struct option longs[] = {
      {"vary", required_argument, NULL, SWEEP_OPT_VARY},
      {"runs", required_argument, NULL, SWEEP_OPT_RUNS},
      {"metric", required_argument, NULL, SWEEP_OPT_METRIC},
      {"format", required_argument, NULL, SWEEP_OPT_FORMAT},
      {"plot", required_argument, NULL, SWEEP_OPT_PLOT},
      {"output", required_argument, NULL, 'o'},
      {"jobs", required_argument, NULL, SWEEP_OPT_JOBS},
      {"shard", required_argument, NULL, SWEEP_OPT_SHARD},
      {"no-progress", no_argument, NULL, SWEEP_OPT_NO_PROGRESS},
      CLI_LIMITS_COUNT_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  memset(c, 0, sizeof *c);
  c->spec.runs = 1;
  c->format = REP_FORMAT_TABLE;
  c->shard_k = c->shard_n = 1;
  c->limits = (cli_limits)CLI_LIMITS_INIT;
  int rc = cli_parse(&c->args, cmd, argc, argv, longs, "o:", sweep_option, c);
  if (rc != 0) return rc;
  rc = cli_require_scenario(&c->args);
  if (rc != 0) return rc;
  if (c->nvary == 0)
    return cli_usage_error(&c->args, 1,
                           "nothing to sweep: give --vary KEY=VALUES, e.g. "
                           "--vary tasks.board.count=1..48");
  if (c->plot && c->sharded)
    return cli_usage_error(&c->args, 0,
                           "--plot draws the whole sweep: give it to simul merge, "
                           "not to one --shard");
  if (sweep_canon(c) != 0) return cli_usage_error(&c->args, 0, "out of memory");
  /* Before the runs, so a sweep of minutes is not lost to a bad path. */
  if (c->output && c->plot && strcmp(c->output, c->plot) == 0)
    return cli_usage_error(&c->args, 0, "--output and --plot name the same file '%s'", c->output);
  if (c->output && (rc = cli_out_check(c->args.cmd, "the report", c->output, c->args.scenario)))
    return rc;
  if (c->plot && (rc = cli_out_check(c->args.cmd, "the plot", c->plot, c->args.scenario)))
    return rc;
  return 0;
}

/* swp_spec.check: the limits of `simul run`, on each point before it runs. */
static int sweep_check(void *ctx, const scn_scenario *scn, sim_strategy *const *strategies, int n,
                       uint64_t seed, sim_error *err) {
  const cli_sweep *c = ctx;
  return cli_limits_refuse(&c->limits, scn, strategies, n, seed, 0, c->args.cmd, err);
}

void cli_sweep_limit(cli_sweep *c) {
  c->spec.check = sweep_check;
  c->spec.check_ctx = c;
  c->spec.max_events = c->limits.max_events;
}

int cli_sweep_spec(cli_sweep *c) {
  sim_error err = {0};
  swp_spec *sp = &c->spec;

  sp->scenario = c->args.scenario;
  sp->sets = c->args.sets;
  sp->nsets = c->args.nsets;
  sp->strategy_list = c->args.strategy_list;
  sp->seed = c->args.seed;
  for (int i = 0; i < c->nvary; i++) {
    if (swp_axis_parse(c->vary[i], &sp->axes[i], &err) != 0) {
      fprintf(stderr, "%s\n", err.msg);
      return err.code;
    }
    sp->naxes = i + 1;
  }
  if (c->metric_list) {
    char *list = strdup(c->metric_list);
    if (!list) return cli_usage_error(&c->args, 0, "out of memory");
    int rc = 0;
    for (char *tok = list, *next; rc == 0 && tok; tok = next) {
      next = strchr(tok, ',');
      if (next) *next++ = '\0';
      swp_metric m;
      if (swp_metric_parse(tok, &m) != 0) {
        char names[512];
        swp_metric_list(names, sizeof names);
        rc =
            cli_usage_error(&c->args, 0, "--metric: unknown metric '%s' (expected %s)", tok, names);
      } else if (c->nmetrics < SWP_METRIC_COUNT) {
        c->metrics[c->nmetrics++] = m;
      }
    }
    free(list);
    if (rc != 0) return rc;
  }
  return 0;
}

int cli_sweep_profile(cli_sweep *c, const swp_sweep *sw) {
  sim_error err = {0};
  int rc = cli_load_profile(&c->profile, &c->args, &sw->base, &err);
  if (rc != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return rc;
  }
  c->spec.profile = &c->profile;
  return 0;
}

void cli_sweep_free(cli_sweep *c) {
  for (int a = 0; a < c->spec.naxes; a++) swp_axis_free(&c->spec.axes[a]);
  for (int i = 0; i < c->ncanon; i++) free(c->canon[i]);
  free(c->canon);
  cli_args_free(&c->args);
  memset(c, 0, sizeof *c);
}

/* --- the output ------------------------------------------------------------------ */

static int sweep_any_open(const swp_sweep *sw) {
  for (int p = 0; p < sw->npoints; p++)
    if (sw->have[p] && sw->mean[(size_t)p * (size_t)sw->nstrategies].open) return 1;
  return 0;
}

/* Knees along the first axis, one per strategy, metric and value of the
 * other axes (a grid's line). */
typedef struct sweep_knees {
  rep_sweep_knee *k;
  char (*reason)[256];
  int n;
} sweep_knees;

static int sweep_find_knees(const cli_sweep *c, const swp_sweep *sw, const double *value,
                            sweep_knees *out) {
  const swp_axis *x = &c->spec.axes[0];
  int lines = sw->npoints / x->n, nm = c->nmetrics, ns = sw->nstrategies;
  int cap = lines * ns * nm;
  out->k = calloc((size_t)cap + 1, sizeof *out->k);
  out->reason = calloc((size_t)cap + 1, sizeof *out->reason);
  double *y = malloc((size_t)x->n * sizeof *y);
  if (!out->k || !out->reason || !y) {
    free(y);
    return -1;
  }
  /* Point p = i * lines + line: the first axis is the outermost. */
  for (int line = 0; line < lines; line++) {
    for (int s = 0; s < ns; s++) {
      for (int m = 0; m < nm; m++) {
        for (int i = 0; i < x->n; i++) {
          int p = i * lines + line;
          y[i] = value[((size_t)p * (size_t)ns + (size_t)s) * (size_t)nm + (size_t)m];
        }
        int knee = swp_knee(x->values, y, x->n);
        rep_sweep_knee *k = &out->k[out->n];
        k->strategy = s;
        k->metric = m;
        k->point = knee < 0 ? -1 : knee * lines + line;
        k->line_point = line;
        k->reason = out->reason[out->n];
        if (knee >= 0) swp_knee_reason(sw, s, c->metrics[m], knee, out->reason[out->n], 256);
        out->n++;
      }
    }
  }
  free(y);
  return 0;
}

/* A unit for seconds on an axis: the plot reads "makespan (h)". */
static double sweep_time_unit(double max, const char **name) {
  if (max >= 2 * 3600.0) {
    *name = "h";
    return 3600;
  }
  if (max >= 120) {
    *name = "min";
    return 60;
  }
  if (max >= 1) {
    *name = "s";
    return 1;
  }
  *name = "ms";
  return 1e-3;
}

/* "boards (tasks.board.count)", "arrivals per second (...)", "workers". */
static void sweep_xlabel(const cli_sweep *c, char *buf, size_t size) {
  const swp_axis *x = &c->spec.axes[0];
  size_t len = strlen(x->key);
  if (x->is_param) {
    snprintf(buf, size, "%s%s", x->key, x->unit == SWP_UNIT_DURATION ? " (s)" : "");
    return;
  }
  if (len > 12 && strcmp(x->key + len - 6, ".count") == 0 && strncmp(x->key, "tasks.", 6) == 0 &&
      isalpha((unsigned char)x->key[6]) && !memchr(x->key + 6, '.', len - 12)) {
    snprintf(buf, size, "%.*ss (%s)", (int)(len - 12), x->key + 6, x->key);
    return;
  }
  if (len > 8 && strstr(x->key, ".arrivals.poisson")) {
    snprintf(buf, size, "arrival rate, per second (%s)", x->key);
    return;
  }
  snprintf(buf, size, "%s%s", x->key, x->unit == SWP_UNIT_DURATION ? " (s)" : "");
}

#ifndef SIMUL_PLOT_INSTALLED
#define SIMUL_PLOT_INSTALLED "/usr/local/libexec/simul/simul-plot.so"
#endif

/* plt_draw from the PLplot module, loaded now: only a plot maps PLplot and
 * what it pulls in (cairo, fontconfig, freetype). Kept loaded to the end. */
static plt_draw_fn sweep_plot_module(char *err, size_t size) {
  char path[4096], looked[8200];
  if (cli_find_beside("simul-plot.so", SIMUL_PLOT_INSTALLED, R_OK, path, sizeof path, looked,
                      sizeof looked) != 0) {
    snprintf(err, size, "the plot module simul-plot.so is missing (looked for %.400s)", looked);
    return NULL;
  }
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  void *sym = lib ? dlsym(lib, "plt_draw") : NULL;
  if (!sym) {
    snprintf(err, size, "cannot load the plot module: %s", dlerror());
    return NULL;
  }
  plt_draw_fn fn;
  memcpy(&fn, &sym, sizeof fn); /* ISO C has no object-to-function cast */
  return fn;
}

/* A series' legend: its strategy, and with more than one line per strategy
 * the other axes' values at that line. */
static void sweep_series_name(const cli_sweep *c, const swp_sweep *sw, int lines, int line, int s,
                              char *buf, size_t size) {
  size_t len = (size_t)snprintf(buf, size, "%s", sw->strategies[s]);
  if (lines <= 1) return;
  int idx[SWP_MAX_AXES];
  swp_point_index(sw, line, idx);
  for (int a = 1; a < c->spec.naxes && len < size; a++)
    len += (size_t)snprintf(buf + len, size - len, ", %s=%s", c->spec.axes[a].key,
                            c->spec.axes[a].texts[idx[a]]);
}

/* The plot's title (scenario and metric, and the seeds when there are
 * several) and axis labels; the buffers are 256, 256 and 128 bytes. */
static void sweep_plot_labels(const cli_sweep *c, const swp_sweep *sw, const char *unit,
                              char title[256], char xlabel[256], char ylabel[128]) {
  swp_metric m0 = c->metrics[0];
  snprintf(title, 256, "%s: %s", sw->base.name ? sw->base.name : "sweep", swp_metric_label(m0));
  if (c->spec.runs > 1) {
    size_t len = strlen(title);
    snprintf(title + len, 256 - len,
             " (%d seeds, \xc2\xb1"
             "95%% CI)",
             c->spec.runs);
  }
  sweep_xlabel(c, xlabel, 256);
  if (*unit)
    snprintf(ylabel, 128, "%s (%s)", swp_metric_label(m0), unit);
  else
    snprintf(ylabel, 128, "%s", swp_metric_label(m0));
}

/* The first knee the run can explain, in words under the title ("" when
 * none can). */
static void sweep_knee_subtitle(const swp_sweep *sw, const sweep_knees *knees, char *sub,
                                size_t size) {
  sub[0] = 0;
  for (int i = 0; i < knees->n && !sub[0]; i++) {
    const rep_sweep_knee *kn = &knees->k[i];
    if (kn->point >= 0 && kn->metric == 0 && kn->reason && *kn->reason) {
      const char *who = sw->strategies[kn->strategy];
      int named = strstr(kn->reason, who) != NULL;
      snprintf(sub, size, "%s%s%s", named ? "" : who, named ? "" : ": ", kn->reason);
    }
  }
}

static int sweep_plot(const cli_sweep *c, const swp_sweep *sw, const double *value,
                      const double *ci, const sweep_knees *knees, const swp_bound *bounds,
                      int nbounds) {
  const swp_axis *x = &c->spec.axes[0];
  int lines = sw->npoints / x->n, ns = sw->nstrategies, nm = c->nmetrics;
  swp_metric m0 = c->metrics[0];
  int nseries = lines * ns + nbounds;
  plt_series *series = calloc((size_t)nseries + 1, sizeof *series);
  double *ys = calloc((size_t)nseries * (size_t)x->n + 1, sizeof *ys);
  double *es = calloc((size_t)nseries * (size_t)x->n + 1, sizeof *es);
  char(*names)[160] = calloc((size_t)nseries + 1, sizeof *names);
  plt_marker *marks = calloc((size_t)knees->n + 1, sizeof *marks);
  char(*mtext)[64] = calloc((size_t)knees->n + 1, sizeof *mtext);
  plt_vline *vl = calloc((size_t)nbounds + 1, sizeof *vl);
  int rc = APP_OK;
  if (!series || !ys || !es || !names || !marks || !mtext || !vl) rc = APP_FAIL;
  double max = 0;
  for (size_t i = 0; rc == 0 && i < (size_t)sw->npoints * (size_t)ns; i++) {
    double v = value[i * (size_t)nm];
    if (isfinite(v) && v > max) max = v;
  }
  const char *unit = "";
  double scale = swp_metric_is_time(m0) ? sweep_time_unit(max, &unit) : 1;
  int k = 0, nv = 0, nk = 0;
  for (int line = 0; rc == 0 && line < lines; line++) {
    for (int s = 0; s < ns; s++, k++) {
      double *y = &ys[(size_t)k * (size_t)x->n], *e = &es[(size_t)k * (size_t)x->n];
      for (int i = 0; i < x->n; i++) {
        size_t cell = (size_t)(i * lines + line) * (size_t)ns + (size_t)s;
        y[i] = value[cell * (size_t)nm] / scale;
        e[i] = ci[cell * (size_t)nm] / scale;
      }
      sweep_series_name(c, sw, lines, line, s, names[k], sizeof names[k]);
      series[k] = (plt_series){names[k], y, c->spec.runs > 1 ? e : NULL, k, 0};
    }
  }
  for (int b = 0; rc == 0 && b < nbounds; b++) {
    int color = bounds[b].strategy >= 0 ? bounds[b].strategy : ns + b;
    if (bounds[b].vertical) {
      vl[nv++] = (plt_vline){bounds[b].x, bounds[b].name, color};
      continue;
    }
    double *y = &ys[(size_t)k * (size_t)x->n];
    for (int i = 0; i < x->n; i++) y[i] = bounds[b].y[i] / scale;
    series[k++] = (plt_series){bounds[b].name, y, NULL, color, 1};
  }
  for (int i = 0; rc == 0 && i < knees->n; i++) {
    const rep_sweep_knee *kn = &knees->k[i];
    if (kn->point < 0 || kn->metric != 0) continue;
    int line = kn->point % lines, xi = kn->point / lines;
    size_t cell = (size_t)kn->point * (size_t)ns + (size_t)kn->strategy;
    snprintf(mtext[nk], sizeof mtext[nk], "knee: %s", x->texts[xi]);
    marks[nk] = (plt_marker){x->values[xi], value[cell * (size_t)nm] / scale, mtext[nk],
                             line * ns + kn->strategy};
    nk++;
  }
  if (rc == 0) {
    char title[256], xlabel[256], ylabel[128], sub[320];
    sweep_plot_labels(c, sw, unit, title, xlabel, ylabel);
    sweep_knee_subtitle(sw, knees, sub, sizeof sub);
    plt_figure fig = {title, sub,   xlabel, ylabel, x->n, x->values, series,
                      k,     marks, nk,     vl,     nv,   0,         0};
    char err[512];
    plt_draw_fn draw = sweep_plot_module(err, sizeof err);
    /* Drawn into a temporary file that keeps the name's ending (PLplot
     * picks the format by it), renamed over --plot's FILE when done. */
    cli_out out = {0};
    int e = draw ? cli_out_open(&out, c->plot, CLI_OUT_KEEP_EXT) : 0;
    if (e) snprintf(err, sizeof err, "cannot write '%s': %s", c->plot, strerror(e));
    if (!draw || e || draw(&fig, out.tmp, err, sizeof err) != 0) {
      fprintf(stderr, "%s: error: %s\n", c->args.cmd, err);
      cli_out_abandon(&out);
      rc = APP_FAIL;
    } else if ((e = cli_out_commit(&out, c->plot)) != 0) {
      fprintf(stderr, "%s: error: cannot write the plot to %s: %s\n", c->args.cmd, c->plot,
              strerror(e));
      rc = APP_FAIL;
    }
  }
  free(series);
  free(ys);
  free(es);
  free(names);
  free(marks);
  free(mtext);
  free(vl);
  return rc;
}

/* The report's stream: stdout, or -o's temporary file (cli_out.h), renamed
 * over FILE once every byte is out: a sweep interrupted or a disk that
 * fills leaves FILE as it was, never a truncated report or part. */
static FILE *sweep_open_output(const cli_sweep *c, cli_out *out) {
  if (!c->output) return stdout;
  int e = cli_out_open(out, c->output, CLI_OUT_STREAM);
  if (e) {
    fprintf(stderr, "%s: error: cannot write '%s': %s\n", c->args.cmd, c->output, strerror(e));
    return NULL;
  }
  return out->f;
}

static int sweep_close_output(const cli_sweep *c, cli_out *out, int failed) {
  int e = 0;
  if (!c->output) {
    if (failed || fflush(stdout) != 0 || ferror(stdout)) e = errno ? errno : EIO;
  } else if (failed) {
    e = errno ? errno : EIO;
    cli_out_abandon(out);
  } else {
    e = cli_out_commit(out, c->output);
  }
  if (e) {
    fprintf(stderr, "%s: error: cannot write the report%s%s: %s\n", c->args.cmd,
            c->output ? " to " : "", c->output ? c->output : "", strerror(e));
    return APP_FAIL;
  }
  return APP_OK;
}

static rep_sweep_metric sweep_metric_desc(swp_metric id) {
  return (rep_sweep_metric){swp_metric_name(id), swp_metric_label(id), swp_metric_is_time(id),
                            id == SWP_METRIC_RESPONSE_MEAN || id == SWP_METRIC_RESPONSE_P95 ||
                                id == SWP_METRIC_RESPONSE_P99};
}

/* Each point's axis texts (pv, naxes per point), and each (point, strategy,
 * metric) cell's value and confidence half-width, in that order. */
static void sweep_fill_cells(const cli_sweep *c, const swp_sweep *sw, double *value, double *ci,
                             const char **pv) {
  int ns = sw->nstrategies, nm = c->nmetrics, na = c->spec.naxes;
  for (int p = 0; p < sw->npoints; p++) {
    int idx[SWP_MAX_AXES];
    swp_point_index(sw, p, idx);
    for (int a = 0; a < na; a++) pv[p * na + a] = c->spec.axes[a].texts[idx[a]];
    for (int s = 0; s < ns; s++) {
      size_t cell = (size_t)p * (size_t)ns + (size_t)s;
      for (int m = 0; m < nm; m++) {
        value[cell * (size_t)nm + (size_t)m] =
            swp_metric_value(c->metrics[m], &sw->mean[cell], &sw->summary[cell]);
        ci[cell * (size_t)nm + (size_t)m] = swp_metric_ci(c->metrics[m], &sw->summary[cell]);
      }
    }
  }
}

/* The report, or with --shard the part for `simul merge`, to -o or stdout. */
static int sweep_write(const cli_sweep *c, const rep_sweep_data *d) {
  cli_out out;
  FILE *f = sweep_open_output(c, &out);
  if (!f) return APP_FAIL;
  int failed;
  if (c->sharded)
    failed = rep_sweep_part_write(f, d, (const char *const *)c->canon, c->ncanon, c->shard_k,
                                  c->shard_n) != 0;
  else
    failed = rep_sweep_write(f, c->format, d) != 0;
  return sweep_close_output(c, &out, failed);
}

int cli_sweep_output(cli_sweep *c, swp_sweep *sw) {
  if (c->nmetrics == 0) {
    c->metrics[0] = sweep_any_open(sw) ? SWP_METRIC_RESPONSE_P95 : SWP_METRIC_MAKESPAN;
    c->nmetrics = 1;
  }
  int ns = sw->nstrategies, nm = c->nmetrics, na = c->spec.naxes, rc = APP_OK;
  size_t cells = (size_t)sw->npoints * (size_t)ns * (size_t)nm;
  double *value = calloc(cells + 1, sizeof *value), *ci = calloc(cells + 1, sizeof *ci);
  const char **pv = calloc((size_t)sw->npoints * (size_t)na + 1, sizeof *pv);
  rep_sweep_metric metrics[SWP_METRIC_COUNT];
  sweep_knees knees = {0};
  swp_bound *bounds = NULL;
  int nbounds = 0;
  rep_sweep_bound *rb = NULL;
  if (!value || !ci || !pv) rc = APP_FAIL;
  for (int m = 0; m < nm; m++) metrics[m] = sweep_metric_desc(c->metrics[m]);
  if (rc == 0) sweep_fill_cells(c, sw, value, ci, pv);
  /* A part carries results only: knees and bounds are the merge's. */
  int whole = !c->sharded;
  if (rc == 0 && whole && sweep_find_knees(c, sw, value, &knees) != 0) rc = APP_FAIL;
  sim_error err = {0};
  if (rc == 0 && whole && swp_bounds(sw, c->metrics[0], &bounds, &nbounds, &err) != 0) {
    fprintf(stderr, "%s\n", err.msg);
    rc = err.code;
  }
  rb = calloc((size_t)nbounds + 1, sizeof *rb);
  if (!rb) rc = APP_FAIL;
  for (int b = 0; rc == 0 && b < nbounds; b++)
    rb[b] = (rep_sweep_bound){bounds[b].name,
                              bounds[b].strategy >= 0 ? sw->strategies[bounds[b].strategy] : NULL,
                              bounds[b].vertical, bounds[b].x, bounds[b].y};
  int is_number[SWP_MAX_AXES];
  const char *keys[SWP_MAX_AXES];
  for (int a = 0; a < na; a++) {
    is_number[a] = c->spec.axes[a].unit == SWP_UNIT_NUMBER;
    keys[a] = c->spec.axes[a].key;
  }
  rep_sweep_data d = {.scn = &sw->base,
                      .seed = sw->seed,
                      .runs = c->spec.runs,
                      .naxes = na,
                      .keys = keys,
                      .axis_is_number = is_number,
                      .npoints = sw->npoints,
                      .point_values = pv,
                      .have = sw->have,
                      .nstrategies = ns,
                      .strategies = (const char *const *)sw->strategies,
                      .mean = sw->mean,
                      .summary = sw->summary,
                      .nmetrics = nm,
                      .metrics = metrics,
                      .value = value,
                      .ci = ci,
                      .knees = knees.k,
                      .nknees = knees.n,
                      .bounds = rb,
                      .nbounds = nbounds};
  if (rc == 0) rc = sweep_write(c, &d);
  if (rc == 0 && c->plot) rc = sweep_plot(c, sw, value, ci, &knees, bounds, nbounds);
  swp_bounds_free(bounds, nbounds);
  free(rb);
  free(knees.k);
  free(knees.reason);
  free(value);
  free(ci);
  free(pv);
  return rc;
}

/* cli_limits.c - see cli_limits.h. */
#include "cli_limits.h"

#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "sim/estimate.h"
#include "sim/run.h"
#include "sim/sim_error.h"

int cli_limit_parse(const char *text, int bytes, int64_t *out) {
  int64_t n = 0;
  const char *p = text;
  if (*p < '0' || *p > '9') return -1;
  for (; *p >= '0' && *p <= '9'; p++) {
    if (n > (INT64_MAX - 9) / 10) return -1;
    n = n * 10 + (*p - '0');
  }
  int64_t unit = 1;
  if (*p) {
    const char *units = "kKMG";
    const char *u = strchr(units, *p);
    if (!u || p[1]) return -1;
    int power = u - units < 2 ? 1 : (int)(u - units);
    for (int i = 0; i < power; i++) unit *= bytes ? 1024 : 1000;
  }
  if (n > INT64_MAX / unit) return -1;
  *out = n * unit;
  return 0;
}

/* "3.6 billion", "450 MB": figures people read at a glance. */
static const char *human(int64_t n, int bytes, char *buf, size_t size) {
  static const char *const counts[] = {"", " thousand", " million", " billion", " trillion"};
  static const char *const sizes[] = {" bytes", " KiB", " MiB", " GiB", " TiB"};
  double x = (double)n, step = bytes ? 1024 : 1000;
  int i = 0;
  while (x >= step && i < 4) {
    x /= step;
    i++;
  }
  if (n == INT64_MAX)
    snprintf(buf, size, "more than can be counted");
  else if (i == 0)
    snprintf(buf, size, "%lld%s", (long long)n, bytes ? sizes[0] : "");
  else
    snprintf(buf, size, "%.1f%s", x, bytes ? sizes[i] : counts[i]);
  return buf;
}

static int64_t mul_sat(int64_t a, int64_t b) {
  return a && b > INT64_MAX / a ? INT64_MAX : a * b;
}

static int64_t add_sat(int64_t a, int64_t b) {
  return b > INT64_MAX - a ? INT64_MAX : a + b;
}

int cli_limits_option(cli_limits *l, const cli_args *a, int opt, const char *arg) {
  /* In the order of the CLI_OPT_MAX_* values. */
  static const char *const names[] = {"events", "tasks", "trace-size", "span-memory"};
  int64_t *const slots[] = {&l->max_events, &l->max_tasks, &l->max_trace, &l->max_span_memory};
  if (opt < CLI_OPT_MAX_EVENTS || opt > CLI_OPT_MAX_SPAN_MEMORY)
    return cli_usage_error(a, 1, "unknown option");
  int64_t *to = slots[opt - CLI_OPT_MAX_EVENTS];
  int bytes = opt == CLI_OPT_MAX_TRACE || opt == CLI_OPT_MAX_SPAN_MEMORY;
  if (cli_limit_parse(arg, bytes, to) != 0 || *to == 0)
    return cli_usage_error(
        a, 0, "--max-%s takes a whole number above 0%s, got '%s'", names[opt - CLI_OPT_MAX_EVENTS],
        bytes ? " (K, M, G: KiB, MiB, GiB)" : " (k, M, G: 10^3, 10^6, 10^9)", arg);
  return 0;
}

/* What the estimate adds up over the strategies, for the line before a long run. */
typedef struct limits_total {
  int64_t tasks, events, trace;
} limits_total;

static int limits_scn(const cli_limits *l, const scn_scenario *scn, sim_strategy *const *st, int n,
                      int record, int runs, const char *cmd, limits_total *tot, sim_error *err) {
  char a[48], b[48];
  int64_t spans = 0;
  for (int i = 0; i < n; i++) {
    sim_estimate est;
    sim_estimate_run(scn, st[i], &est);
    if (est.events > l->max_events)
      return sim_fail(err, SIM_EINPUT,
                      "%s: error: %s would handle about %s events, over the limit of %s; raise it "
                      "with --max-events N if you mean it",
                      cmd, sim_strategy_label(st[i]), human(est.events, 0, a, sizeof a),
                      human(l->max_events, 0, b, sizeof b));
    tot->events = add_sat(tot->events, mul_sat(est.events, runs));
    /* --runs traces the first seed only. */
    if (record & CLI_RECORD_TRACE) tot->trace = add_sat(tot->trace, est.trace_bytes);
    spans = add_sat(spans, est.spans);
  }
  tot->tasks = scn->ntasks;
  if (scn->ntasks > l->max_tasks)
    return sim_fail(err, SIM_EINPUT,
                    "%s: error: %s has %s tasks, over the limit of %s; raise it with --max-tasks "
                    "N if you mean it",
                    cmd, scn->file, human(scn->ntasks, 0, a, sizeof a),
                    human(l->max_tasks, 0, b, sizeof b));
  if (tot->trace > l->max_trace)
    return sim_fail(err, SIM_EINPUT,
                    "%s: error: the trace would be about %s, over the limit of %s; raise it with "
                    "--max-trace-size SIZE (such as 4G) if you mean it",
                    cmd, human(tot->trace, 1, a, sizeof a), human(l->max_trace, 1, b, sizeof b));
  /* Every strategy's spans are held at once: the window shows them together. */
  int64_t memory = mul_sat(spans, CLI_SPAN_BYTES);
  if ((record & (CLI_RECORD_SPANS | CLI_RECORD_EXPLAIN)) && memory > l->max_span_memory)
    return sim_fail(err, SIM_EINPUT,
                    "%s: error: %s would hold about %s of spans, over the limit of %s; "
                    "raise it with --max-span-memory SIZE (such as 8G) if you mean it",
                    cmd, record & CLI_RECORD_SPANS ? "the window" : "--explain",
                    human(memory, 1, a, sizeof a), human(l->max_span_memory, 1, b, sizeof b));
  return 0;
}

/* The estimate reads the groups' counts: those that arrive `until` a time
 * are fixed for the seed first, on a copy of the group table. */
static int limits_fixed(const cli_limits *l, const scn_scenario *in, sim_strategy *const *st, int n,
                        uint64_t seed, int record, int runs, const char *cmd, limits_total *tot,
                        sim_error *err) {
  scn_scenario scn = *in;
  size_t ng = (size_t)(scn.ngroups > 0 ? scn.ngroups : 1);
  scn_group *groups = malloc(ng * sizeof *groups);
  int32_t *count = malloc(ng * sizeof *count);
  int rc = 0;
  if (!groups || !count)
    rc = sim_fail(err, SIM_EFAIL, "%s: error: out of memory", cmd);
  else
    rc = sim_task_counts(in, seed, count, &scn.ntasks, err);
  if (rc == 0) {
    memcpy(groups, in->groups, (size_t)scn.ngroups * sizeof *groups);
    for (int g = 0; g < scn.ngroups; g++) groups[g].count = count[g];
    scn.groups = groups;
    rc = limits_scn(l, &scn, st, n, record, runs, cmd, tot, err);
  }
  free(groups);
  free(count);
  return rc;
}

int cli_limits_refuse(const cli_limits *l, const scn_scenario *scn, sim_strategy *const *strategies,
                      int n, uint64_t seed, int record, const char *cmd, sim_error *err) {
  limits_total tot = {0};
  return limits_fixed(l, scn, strategies, n, seed, record, 1, cmd, &tot, err);
}

int cli_limits_check(const cli_limits *l, const cli_job *job, const char *cmd, int record,
                     int runs) {
  limits_total tot = {0};
  sim_error err = {0};
  int rc = limits_fixed(l, &job->scn, job->strategies, job->nstrategies, job->scn.seed, record,
                        runs, cmd, &tot, &err);
  if (rc != 0) {
    if (err.msg[0]) fprintf(stderr, "%s\n", err.msg);
    return rc;
  }
  /* A second or more of work for most strategies (a plain run's loop goes
   * through 10^8 events a second, the general loop a third of that): say
   * what is coming before the progress line does. */
  char a[48], b[48];
  if (tot.events > 20000000 && !l->quiet) {
    fprintf(stderr, "%s: about %s tasks and %s events", cmd, human(tot.tasks, 0, a, sizeof a),
            human(tot.events, 0, b, sizeof b));
    if (record & CLI_RECORD_TRACE)
      fprintf(stderr, ", a trace of about %s", human(tot.trace, 1, a, sizeof a));
    fputc('\n', stderr);
  }
  return 0;
}

int cli_limits_trace_passed(const cli_limits *l, const char *cmd, const rep_trace_stats *st) {
  char a[48], b[48];
  /* What the whole would have been, from the share of spans written. */
  double share = st->spans_total ? (double)st->spans / (double)st->spans_total : 1;
  int64_t whole = share > 0 ? (int64_t)((double)st->bytes / share) : INT64_MAX;
  fprintf(stderr,
          "%s: error: the trace passed the limit of %s while writing, with %d%% of its spans "
          "written (the whole would be about %s, more than estimated); raise it with "
          "--max-trace-size SIZE if you mean it\n",
          cmd, human(l->max_trace, 1, a, sizeof a), (int)(share * 100),
          human(whole, 1, b, sizeof b));
  return APP_USAGE;
}

int cli_estimate_write(FILE *f, const cli_job *job, int trace) {
  fprintf(f, "%-28s %12s %16s %16s\n", "strategy", "tasks", "events",
          trace ? "trace bytes" : "spans");
  for (int i = 0; i < job->nstrategies; i++) {
    sim_estimate est;
    sim_estimate_run(&job->scn, job->strategies[i], &est);
    fprintf(f, "%-28s %12lld %16lld %16lld\n", sim_strategy_label(job->strategies[i]),
            (long long)est.tasks, (long long)est.events,
            (long long)(trace ? est.trace_bytes : est.spans));
  }
  return ferror(f) ? -1 : 0;
}

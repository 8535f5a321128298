/* cli_limits.c - see cli_limits.h. */
#include "cli_limits.h"

#include <stdlib.h>
#include <string.h>

#include "sim/estimate.h"
#include "sim/run.h"

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

static int limits_check(const cli_limits *l, const cli_job *job, const scn_scenario *scn,
                        const char *cmd, int trace, int runs) {
  char a[48], b[48];
  int64_t events = 0, bytes = 0;
  for (int i = 0; i < job->nstrategies; i++) {
    sim_estimate est;
    sim_estimate_run(scn, job->strategies[i], &est);
    if (est.events > l->max_events) {
      fprintf(stderr,
              "%s: error: %s would handle about %s events, over the limit of %s; raise it "
              "with --max-events N if you mean it\n",
              cmd, sim_strategy_label(job->strategies[i]), human(est.events, 0, a, sizeof a),
              human(l->max_events, 0, b, sizeof b));
      return 2;
    }
    events = add_sat(events, mul_sat(est.events, runs));
    /* --runs traces the first seed only. */
    if (trace) bytes = add_sat(bytes, est.trace_bytes);
  }
  if (scn->ntasks > l->max_tasks) {
    fprintf(stderr,
            "%s: error: %s has %s tasks, over the limit of %s; raise it with --max-tasks N if "
            "you mean it\n",
            cmd, scn->file, human(scn->ntasks, 0, a, sizeof a),
            human(l->max_tasks, 0, b, sizeof b));
    return 2;
  }
  if (bytes > l->max_trace) {
    fprintf(stderr,
            "%s: error: the trace would be about %s, over the limit of %s; raise it with "
            "--max-trace-size SIZE (such as 4G) if you mean it\n",
            cmd, human(bytes, 1, a, sizeof a), human(l->max_trace, 1, b, sizeof b));
    return 2;
  }
  /* A second or more of work for most strategies (a plain run's loop goes
   * through 10^8 events a second, the general loop a third of that): say
   * what is coming before the progress line does. */
  if (events > 20000000 && !l->quiet) {
    fprintf(stderr, "%s: about %s tasks and %s events", cmd, human(scn->ntasks, 0, a, sizeof a),
            human(events, 0, b, sizeof b));
    if (trace) fprintf(stderr, ", a trace of about %s", human(bytes, 1, a, sizeof a));
    fputc('\n', stderr);
  }
  return 0;
}

/* The estimate reads the groups' counts: those that arrive `until` a time
 * are fixed for the file's seed first, on a copy of the group table. */
int cli_limits_check(const cli_limits *l, const cli_job *job, const char *cmd, int trace,
                     int runs) {
  scn_scenario scn = job->scn;
  size_t ng = (size_t)(scn.ngroups > 0 ? scn.ngroups : 1);
  scn_group *groups = malloc(ng * sizeof *groups);
  int32_t *count = malloc(ng * sizeof *count);
  sim_error err = {0};
  if (!groups || !count || sim_task_counts(&job->scn, job->scn.seed, count, &scn.ntasks, &err)) {
    free(groups);
    free(count);
    if (err.msg[0]) fprintf(stderr, "%s\n", err.msg);
    return err.code ? err.code : 1;
  }
  memcpy(groups, job->scn.groups, (size_t)scn.ngroups * sizeof *groups);
  for (int g = 0; g < scn.ngroups; g++) groups[g].count = count[g];
  scn.groups = groups;
  free(count);
  int rc = limits_check(l, job, &scn, cmd, trace, runs);
  free(groups);
  return rc;
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

/* summary.c - means and confidence intervals over seeds; see summary.h. */
#include "report/summary.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

double rep_t95(int df) {
  /* Exact table to 30 degrees of freedom; beyond, 1.96 + 2.5/df stays within
   * 0.002 of the true quantile (40: 2.021, 60: 2.000, 120: 1.980). */
  static const double t[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                             2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                             2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                             2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0;
  if (df <= 30) return t[df];
  return 1.96 + 2.5 / df;
}

/* Mean and 95% half-width of values[0..n-1]. */
static double mean_ci(const double *values, int n, double *half) {
  double sum = 0, sq = 0;
  for (int k = 0; k < n; k++) sum += values[k];
  double mean = sum / n;
  for (int k = 0; k < n; k++) sq += (values[k] - mean) * (values[k] - mean);
  *half = n > 1 ? rep_t95(n - 1) * sqrt(sq / (n - 1)) / sqrt((double)n) : 0;
  return mean;
}

/* One sim_stats of result i (at byte offset `off` in sim_result), averaged
 * field by field over the seeds; the mean's and the p95's half-widths go to
 * *ci_mean and *ci_p95 when those are not NULL. v has room for nruns values. */
static void mean_stats(const sim_result *runs, int nruns, int n, int i, size_t off, double *v,
                       sim_stats *out, double *ci_mean, double *ci_p95) {
  static const size_t fields[] = {offsetof(sim_stats, mean), offsetof(sim_stats, p50),
                                  offsetof(sim_stats, p95), offsetof(sim_stats, p99),
                                  offsetof(sim_stats, max)};
  for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
    for (int k = 0; k < nruns; k++) {
      const char *stats = (const char *)&runs[(size_t)k * (size_t)n + (size_t)i] + off;
      memcpy(&v[k], stats + fields[f], sizeof v[k]);
    }
    double h, *half = &h;
    if (fields[f] == offsetof(sim_stats, mean) && ci_mean) half = ci_mean;
    if (fields[f] == offsetof(sim_stats, p95) && ci_p95) half = ci_p95;
    double mean = mean_ci(v, nruns, half);
    memcpy((char *)out + fields[f], &mean, sizeof mean);
  }
}

/* A malloc'ed copy of n items of `size` bytes, or NULL when out of memory. */
static void *copy_of(const void *src, size_t n, size_t size) {
  void *p = malloc(n * size);
  if (p) memcpy(p, src, n * size);
  return p;
}

static sim_time to_time(double s) {
  return (sim_time)llround(s * (double)SIM_S);
}

int rep_summarize(const sim_result *runs, int nruns, int n, sim_result *mean, rep_summary *sum) {
  double *v = malloc((size_t)(nruns > 0 ? nruns : 1) * sizeof *v);
  if (!v) return -1;
  for (int i = 0; i < n; i++) {
    const sim_result *first = &runs[i];
    sim_result *m = &mean[i];
    rep_summary *s = &sum[i];
    memset(m, 0, sizeof *m);
    memset(s, 0, sizeof *s);
    s->runs = nruns;
    memcpy(m->strategy, first->strategy, sizeof m->strategy);
    m->seed = first->seed;
    m->cores = first->cores;
    m->open = first->open;
    if (first->nlanes > 0) {
      if (!(m->lanes = copy_of(first->lanes, (size_t)first->nlanes, sizeof *m->lanes))) goto oom;
      m->nlanes = first->nlanes;
    }
    /* The tasks are named by the last seed's counts, as the last run left
     * them: a mean over seeds has no task of its own to name. */
    const sim_result *last = &runs[(size_t)(nruns > 0 ? nruns - 1 : 0) * (size_t)n + (size_t)i];
    if (last->group_count && last->ngroups > 0) {
      m->group_count = copy_of(last->group_count, (size_t)last->ngroups, sizeof *m->group_count);
      if (!m->group_count) goto oom;
      m->ngroups = last->ngroups;
    }
    double h;
#define SUM_OVER_RUNS(expr)                                                                        \
  for (int k = 0; k < nruns; k++) {                                                                \
    const sim_result *r = &runs[k * n + i];                                                        \
    (void)r;                                                                                       \
    v[k] = (expr);                                                                                 \
  }
    SUM_OVER_RUNS(sim_time_seconds(r->makespan));
    m->makespan = to_time(mean_ci(v, nruns, &s->ci.makespan_s));
    SUM_OVER_RUNS(sim_time_seconds(r->busy));
    m->busy = to_time(mean_ci(v, nruns, &s->ci.busy_s));
    SUM_OVER_RUNS(r->utilization);
    m->utilization = mean_ci(v, nruns, &s->ci.utilization);
    SUM_OVER_RUNS((double)r->ntasks);
    m->ntasks = (int32_t)llround(mean_ci(v, nruns, &h));
    SUM_OVER_RUNS((double)r->events);
    m->events = llround(mean_ci(v, nruns, &h));
    SUM_OVER_RUNS((double)r->switches);
    m->switches = llround(mean_ci(v, nruns, &h));
    for (int o = 0; o < SIM_OUTCOME_COUNT; o++) {
      SUM_OVER_RUNS((double)r->outcomes[o]);
      m->outcomes[o] = (int32_t)llround(mean_ci(v, nruns, &h));
    }
    mean_stats(runs, nruns, n, i, offsetof(sim_result, completion), v, &m->completion,
               &s->ci.completion_mean_s, NULL);
    mean_stats(runs, nruns, n, i, offsetof(sim_result, ready_wait), v, &m->ready_wait, NULL, NULL);
    mean_stats(runs, nruns, n, i, offsetof(sim_result, response), v, &m->response,
               &s->ci.response_mean_s, &s->ci.response_p95_s);
    SUM_OVER_RUNS(r->throughput);
    m->throughput = mean_ci(v, nruns, &s->ci.throughput_per_s);
    SUM_OVER_RUNS(r->in_system_mean);
    m->in_system_mean = mean_ci(v, nruns, &s->ci.in_system_mean);
    SUM_OVER_RUNS((double)r->memory_peak);
    m->memory_peak = llround(mean_ci(v, nruns, &h));
    SUM_OVER_RUNS((double)r->memory_mean);
    m->memory_mean = llround(mean_ci(v, nruns, &h));
    SUM_OVER_RUNS((double)r->memory_reserved_peak);
    m->memory_reserved_peak = llround(mean_ci(v, nruns, &h));
    SUM_OVER_RUNS((double)r->in_system_peak);
    m->in_system_peak = (int32_t)llround(mean_ci(v, nruns, &h));
    /* Paired: each seed's speed-up against the same seed's sync run. */
    int have = sim_speedup_vs_sync(runs, n, i) > 0;
    if (have) {
      SUM_OVER_RUNS(sim_speedup_vs_sync(&runs[k * n], n, i));
      s->speedup = mean_ci(v, nruns, &s->ci.speedup);
    }
#undef SUM_OVER_RUNS
  }
  free(v);
  return 0;
oom:
  free(v);
  return -1;
}

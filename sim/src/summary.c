/* summary.c - means and confidence intervals over seeds; see summary.h. */
#include "sim/summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/report.h"

double sim_t95(int df) {
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
  *half = n > 1 ? sim_t95(n - 1) * sqrt(sq / (n - 1)) / sqrt((double)n) : 0;
  return mean;
}

static sim_time to_time(double s) {
  return (sim_time)llround(s * (double)SIM_S);
}

int sim_summarize(const sim_result *runs, int nruns, int n, sim_result *mean, sim_summary *sum) {
  double *v = malloc((size_t)(nruns > 0 ? nruns : 1) * sizeof *v);
  if (!v) return -1;
  for (int i = 0; i < n; i++) {
    const sim_result *first = &runs[i];
    sim_result *m = &mean[i];
    sim_summary *s = &sum[i];
    memset(m, 0, sizeof *m);
    memset(s, 0, sizeof *s);
    s->runs = nruns;
    memcpy(m->strategy, first->strategy, sizeof m->strategy);
    m->seed = first->seed;
    m->cores = first->cores;
    m->open = first->open;
    if (first->nlanes > 0) {
      m->lanes = malloc((size_t)first->nlanes * sizeof *m->lanes);
      if (!m->lanes) {
        free(v);
        return -1;
      }
      memcpy(m->lanes, first->lanes, (size_t)first->nlanes * sizeof *m->lanes);
      m->nlanes = first->nlanes;
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
    SUM_OVER_RUNS(r->completion.mean);
    m->completion.mean = mean_ci(v, nruns, &s->ci.completion_mean_s);
    SUM_OVER_RUNS(r->completion.p50);
    m->completion.p50 = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->completion.p95);
    m->completion.p95 = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->completion.p99);
    m->completion.p99 = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->completion.max);
    m->completion.max = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->ready_wait.mean);
    m->ready_wait.mean = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->ready_wait.max);
    m->ready_wait.max = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->response.mean);
    m->response.mean = mean_ci(v, nruns, &s->ci.response_mean_s);
    SUM_OVER_RUNS(r->response.p50);
    m->response.p50 = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->response.p95);
    m->response.p95 = mean_ci(v, nruns, &s->ci.response_p95_s);
    SUM_OVER_RUNS(r->response.p99);
    m->response.p99 = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->response.max);
    m->response.max = mean_ci(v, nruns, &h);
    SUM_OVER_RUNS(r->throughput);
    m->throughput = mean_ci(v, nruns, &s->ci.throughput_per_s);
    SUM_OVER_RUNS(r->in_system_mean);
    m->in_system_mean = mean_ci(v, nruns, &s->ci.in_system_mean);
    /* Paired: each seed's speed-up against the same seed's sync run. */
    int have = sim_report_speedup(runs, n, i) > 0;
    if (have) {
      SUM_OVER_RUNS(sim_report_speedup(&runs[k * n], n, i));
      s->speedup = mean_ci(v, nruns, &s->ci.speedup);
    }
#undef SUM_OVER_RUNS
  }
  free(v);
  return 0;
}

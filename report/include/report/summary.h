/* summary.h - a scenario repeated with N seeds: the mean of each metric and
 * the half-width of its 95% confidence interval.
 *
 * `simul run --runs N` runs every strategy with seeds s, s+1, ..., s+N-1
 * (common random numbers: within one seed every strategy sees the same
 * draws, so the speed-up is computed per seed, paired, and then averaged).
 * The interval is Student's t: mean +- t(0.975, N-1) * sd / sqrt(N).
 */
#ifndef SIM_SUMMARY_H
#define SIM_SUMMARY_H

#include "sim/run.h"

/* Half-widths of 95% confidence intervals (0 when N = 1), in the units of
 * the metric (seconds, a fraction, tasks per second...). */
typedef struct rep_ci {
  double makespan_s, busy_s, utilization, speedup;
  double completion_mean_s, response_mean_s, response_p95_s;
  double throughput_per_s, in_system_mean;
} rep_ci;

typedef struct rep_summary {
  int runs;
  double speedup; /* mean of the per-seed speed-ups over plain "sync"; 0: no sync */
  rep_ci ci;
} rep_summary;

/* runs[k * n + i] is strategy i's result under the k-th seed. Fills mean[i]
 * (a result whose scalars are the means over the seeds; lanes copied from
 * the first run, no per-task arrays, no spans: free with sim_result_free) and
 * sum[i]. Returns 0, or -1 when out of memory. */
int rep_summarize(const sim_result *runs, int nruns, int n, sim_result *mean, rep_summary *sum);

/* The same one seed at a time, in memory that does not grow with N: begin
 * for n strategies, add each seed's n results (seed[i] is strategy i; the
 * caller may free them right after), finish into mean[n] and sum[n] (as
 * rep_summarize fills them), free. Means are sums over n in seed order, as
 * a two-pass mean; the spreads are Welford's. begin returns NULL and add -1
 * when out of memory. */
typedef struct rep_summary_acc rep_summary_acc;
rep_summary_acc *rep_summary_begin(int n);
int rep_summary_add(rep_summary_acc *acc, const sim_result *seed);
void rep_summary_finish(rep_summary_acc *acc, sim_result *mean, rep_summary *sum);
void rep_summary_free(rep_summary_acc *acc);

/* t(0.975, df): the 95% two-sided quantile of Student's t distribution. */
double rep_t95(int df);

#endif

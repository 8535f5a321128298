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
typedef struct sim_ci {
  double makespan_s, busy_s, utilization, speedup;
  double completion_mean_s, response_mean_s, response_p95_s;
  double throughput_per_s, in_system_mean;
} sim_ci;

typedef struct sim_summary {
  int runs;
  double speedup; /* mean of the per-seed speed-ups over plain "sync"; 0: no sync */
  sim_ci ci;
} sim_summary;

/* runs[k * n + i] is strategy i's result under the k-th seed. Fills mean[i]
 * (a result whose scalars are the means over the seeds; lanes copied from
 * the first run, no per-task arrays, no spans: free with sim_result_free) and
 * sum[i]. Returns 0, or -1 when out of memory. */
int sim_summarize(const sim_result *runs, int nruns, int n, sim_result *mean, sim_summary *sum);

/* The same one seed at a time, in memory that does not grow with N: begin
 * for n strategies, add each seed's n results (seed[i] is strategy i; the
 * caller may free them right after), finish into mean[n] and sum[n] (as
 * sim_summarize fills them), free. The means are running (Welford) means.
 * begin returns NULL and add -1 when out of memory. */
typedef struct sim_summary_acc sim_summary_acc;
sim_summary_acc *sim_summary_begin(int n);
int sim_summary_add(sim_summary_acc *acc, const sim_result *seed);
void sim_summary_finish(sim_summary_acc *acc, sim_result *mean, sim_summary *sum);
void sim_summary_free(sim_summary_acc *acc);

/* t(0.975, df): the 95% two-sided quantile of Student's t distribution. */
double sim_t95(int df);

#endif

/* metrics.h - internal: the figures a run's result reports, from its per-task arrays.
 *
 * sim_run fills res->task_end, task_ready and task_arrival while it runs;
 * once it is over (and the engine's own task array is freed, so that the
 * copies below take its place at the peak instead of adding to it),
 * eng_metrics_finish derives the makespan, utilization, the completion,
 * ready-wait and response statistics, throughput, the time-average and peak
 * number of tasks in the system and the memory figures that follow from them.
 */
#ifndef SIM_METRICS_H
#define SIM_METRICS_H

#include <stddef.h>

#include "sim/run.h"

/* Mean, nearest-rank p50/p95/p99 and max of n values (seconds in *out; all
 * zero when n is 0). Returns 0, or -1 when out of memory for the copy. */
int eng_stats(const sim_time *values, size_t n, sim_stats *out);

/* Fills the derived figures of r from its arrays; 0, or -1 out of memory. */
int eng_metrics_finish(sim_result *r);

#endif

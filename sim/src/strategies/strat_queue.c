/* strat_queue.c - a job queue and its workers: Redis Queue (rq Queue/Worker).
 *
 * The tasks are enqueued as jobs at t=0, in file order. `workers` workers,
 * each a process on its own core, take the next job when free, paying
 * `latency` for every dequeue (the round trip to Redis), and run the job to
 * completion, blocked during its waits - RQ's worker does one job at a time.
 * The dequeue shows as a switch span on the worker's lane. The mechanics are
 * strat_pool.c's.
 */
#include "strat_pool.h"

enum { P_WORKERS, P_LATENCY };

static const sim_param_def queue_params[] = {
    [P_WORKERS] = {"workers", SIM_PARAM_INT, "4", NULL, 1, 10000000,
                   "worker processes pulling jobs (rq worker)"},
    [P_LATENCY] = {"latency", SIM_PARAM_DURATION, "0", NULL, 0, 0,
                   "time each dequeue takes (the queue round trip)"},
};

static int queue_start(sim_engine *e, sim_error *err) {
  const sim_strategy *s = eng_strategy(e);
  int32_t n = eng_ntasks(e) > 0 ? eng_ntasks(e) : 1;
  if (s->param[P_WORKERS] < n) n = (int32_t)s->param[P_WORKERS];
  /* Every worker is its own process on its own core: no sharing, so the
   * slice is never used. */
  pool_cfg cfg = {.lanes = n,
                  .lane_name = "worker",
                  .cores = n,
                  .slice = 1,
                  .latency = s->param[P_LATENCY],
                  .stagger = eng_profile(e)->process_start};
  /* Each worker an interpreter, and the process that enqueues the jobs. */
  eng_set_memory(e, (int64_t)(n + 1) * eng_profile(e)->process_memory, 0, 0, 0);
  return pool_start(e, &cfg, err);
}

const sim_strategy_vt strat_queue = {
    .name = "queue",
    .summary = "a job queue with worker processes (rq): each worker runs one job at a time",
    .params = queue_params,
    .nparams = sizeof queue_params / sizeof queue_params[0],
    .start = queue_start,
    POOL_VT_CALLBACKS,
};

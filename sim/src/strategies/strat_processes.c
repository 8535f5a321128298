/* strat_processes.c - a pool of worker processes: multiprocessing.Pool.
 *
 * `processes` workers, each with its own interpreter (no shared GIL), run on
 * `cores` cores (default: one each). With mode=sync each worker takes the
 * next task from a shared queue in file order and runs it blocking, as
 * Pool.map does; with mode=async the tasks are dealt round-robin at t=0
 * (task i to process i mod P) and every process runs an asyncio loop over its
 * share (strat_async.c's rules, one loop per process). `spawn` is each
 * process's start-up time, paid by all of them at once at t=0. When processes
 * outnumber cores they share them by the time-slice rule in strat_pool.h,
 * `switch` being the OS's time slice.
 */
#include "strat_pool.h"

enum { P_PROCESSES, P_CORES, P_SPAWN, P_MODE, P_SWITCH };

static const sim_param_def processes_params[] = {
    [P_PROCESSES] = {"processes", SIM_PARAM_INT, "4", NULL, 1, 10000000,
                     "worker processes (Pool(processes=P))"},
    [P_CORES] = {"cores", SIM_PARAM_INT, "0", NULL, 0, 10000000,
                 "cores the processes run on; 0: one per process"},
    [P_SPAWN] = {"spawn", SIM_PARAM_DURATION, "0", NULL, 0, 0,
                 "start-up time of every process, paid at t=0"},
    [P_MODE] = {"mode", SIM_PARAM_CHOICE, "sync", "sync|async", 0, 0,
                "sync: each process runs one task at a time; async: an event loop each"},
    [P_SWITCH] = {"switch", SIM_PARAM_DURATION, "5ms", NULL, 0, 0,
                  "time slice when processes outnumber cores"},
};

static int processes_start(sim_engine *e, sim_error *err) {
  const sim_strategy *s = eng_strategy(e);
  if (s->param[P_SWITCH] <= 0)
    return sim_fail(err, SIM_EINPUT,
                    "%s: error: processes: switch=0 is not valid (expected a duration above 0, "
                    "such as 5ms)",
                    eng_scenario(e)->file);
  /* More processes than tasks: the extra ones would only spawn and idle. */
  int32_t n = eng_ntasks(e) > 0 ? eng_ntasks(e) : 1;
  if (s->param[P_PROCESSES] < n) n = (int32_t)s->param[P_PROCESSES];
  int32_t cores = n;
  if (s->param[P_CORES] > 0 && s->param[P_CORES] < n) cores = (int32_t)s->param[P_CORES];
  pool_cfg cfg = {.lanes = n,
                  .lane_name = "process",
                  .cores = cores,
                  .slice = s->param[P_SWITCH],
                  .loop = s->param[P_MODE] == 1,
                  .spawn = s->param[P_SPAWN],
                  .stagger = eng_profile(e)->process_start,
                  /* A loop's trips through its ready queue cost what async's do. */
                  .latency = s->param[P_MODE] == 1 ? eng_profile(e)->loop_hop : 0};
  /* The parent and every worker are interpreters of their own. */
  eng_set_memory(e, (int64_t)(n + 1) * eng_profile(e)->process_memory,
                 cfg.loop ? eng_profile(e)->task_memory : 0, 0, 0);
  return pool_start(e, &cfg, err);
}

const sim_strategy_vt strat_processes = {
    .name = "processes",
    .summary = "worker processes (multiprocessing.Pool) on cores; mode=async: a loop in each",
    .params = processes_params,
    .nparams = sizeof processes_params / sizeof processes_params[0],
    .start = processes_start,
    POOL_VT_CALLBACKS,
};

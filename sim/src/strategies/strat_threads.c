/* strat_threads.c - OS threads running Python code: threading.Thread, with or
 * without the GIL.
 *
 * `threads` threads (default one per task) take the tasks in file order from
 * a shared queue, as a ThreadPoolExecutor does, and run each to completion,
 * blocking on its waits. With the GIL (gil=on, the default) cpu needs the GIL,
 * one core shown as the "GIL" lane: a thread that wants it while another holds
 * it waits in a FIFO queue, and once the first waiter has waited `switch`
 * (sys.setswitchinterval, 5 ms) the holder drops it and joins the back of the
 * queue - CPython 3's rule, with the handoff made fair. A wait, a blocked
 * acquire and a yield (time.sleep(0)) release it. model=cpython follows
 * take_gil instead (strat_pool.h): the GIL is needed to resume and finish,
 * a holder runs one to two intervals, and handoff=random gives it to any
 * waiter. A profile's thread_start delays each thread's start in turn. With gil=off `cores` threads
 * run cpu at once, time-sliced by the same rule when more want to.
 * The mechanics are strat_pool.c's; this file maps the parameters onto them.
 */
#include "strat_pool.h"

enum { P_THREADS, P_GIL, P_SWITCH, P_CORES, P_MODEL, P_HANDOFF };

static const sim_param_def threads_params[] = {
    [P_THREADS] = {"threads", SIM_PARAM_INT, "0", NULL, 0, 10000000,
                   "threads in the pool; 0: one per task"},
    [P_GIL] = {"gil", SIM_PARAM_CHOICE, "on", "on|off", 0, 0,
               "on: one thread runs cpu at a time (CPython's GIL)"},
    [P_SWITCH] = {"switch", SIM_PARAM_DURATION, "5ms", NULL, 0, 0,
                  "the switch interval: how long a waiting thread lets the holder run"},
    [P_CORES] = {"cores", SIM_PARAM_INT, "0", NULL, 0, 10000000,
                 "with gil=off, threads that run cpu at once; 0: one per thread"},
    [P_MODEL] = {"model", SIM_PARAM_CHOICE, "ideal", "ideal|cpython", 0, 0,
                 "ideal: the GIL only for cpu, dropped after one interval; cpython: take_gil's "
                 "rules (needed to resume and finish, timed waits)"},
    [P_HANDOFF] = {"handoff", SIM_PARAM_CHOICE, "fifo", "fifo|random", 0, 0,
                   "with model=cpython: a released GIL goes to the longest waiter, or to a "
                   "random one (seeded)"},
};

static int threads_start(sim_engine *e, sim_error *err) {
  const sim_strategy *s = eng_strategy(e);
  int gil = s->param[P_GIL] == 0;
  if (gil && s->given[P_CORES])
    return sim_fail(err, SIM_EINPUT,
                    "%s: error: threads: cores=%lld needs gil=off (with the GIL one thread runs "
                    "cpu at a time)",
                    eng_scenario(e)->file, (long long)s->param[P_CORES]);
  if (s->param[P_SWITCH] <= 0)
    return sim_fail(err, SIM_EINPUT,
                    "%s: error: threads: switch=0 is not valid (expected a duration above 0, "
                    "such as 5ms)",
                    eng_scenario(e)->file);
  /* Threads beyond the number of tasks would never run anything. */
  int32_t n = eng_ntasks(e) > 0 ? eng_ntasks(e) : 1;
  if (s->param[P_THREADS] > 0 && s->param[P_THREADS] < n) n = (int32_t)s->param[P_THREADS];
  int32_t cores = n;
  if (s->param[P_CORES] > 0 && s->param[P_CORES] < n) cores = (int32_t)s->param[P_CORES];
  pool_cfg cfg = {.lanes = n,
                  .lane_name = "thread",
                  .cores = gil ? 1 : cores,
                  .gil = gil,
                  .slice = s->param[P_SWITCH],
                  .yield_releases = 1,
                  .stagger = eng_profile(e)->thread_start,
                  .cpython = s->param[P_MODEL] == 1,
                  .random_handoff = s->param[P_HANDOFF] == 1};
  if (s->given[P_HANDOFF] && !cfg.cpython)
    return sim_fail(err, SIM_EINPUT,
                    "%s: error: threads: handoff= needs model=cpython (the ideal GIL is fair)",
                    eng_scenario(e)->file);
  /* One interpreter; a thread per task lives as long as its task, a pool's
   * threads for the whole run. */
  const sim_profile *pr = eng_profile(e);
  if (s->param[P_THREADS] == 0)
    eng_set_memory(e, pr->process_memory, pr->thread_memory, 0, pr->thread_stack);
  else
    eng_set_memory(e, pr->process_memory + (int64_t)n * pr->thread_memory, 0,
                   (int64_t)n * pr->thread_stack, 0);
  return pool_start(e, &cfg, err);
}

const sim_strategy_vt strat_threads = {
    .name = "threads",
    .summary = "OS threads (threading.Thread): blocking waits; cpu under the GIL unless gil=off",
    .params = threads_params,
    .nparams = sizeof threads_params / sizeof threads_params[0],
    .start = threads_start,
    POOL_VT_CALLBACKS,
};

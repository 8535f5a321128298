/* strat_async.c - a single-threaded event loop (asyncio).
 *
 * One worker runs the task at the head of a FIFO ready queue until the task
 * suspends: at a wait, a yield, or an acquire that must queue. Consecutive cpu
 * steps run without a switch, so a task that never suspends holds the loop,
 * exactly as in asyncio. Tasks join the back of the queue when they arrive
 * (at t=0 in file order for a closed workload), when their wait ends, at once when they yield, and
 * at once when a release hands them a resource unit (engine.c: resource_release -> wake). A `block`
 * step (time.sleep, requests.get inside a coroutine) keeps the worker: the whole loop stalls until
 * the call returns.
 */
#include "engine_api.h"

typedef struct async_state {
  int32_t lane;
  int32_t current; /* the task on the worker, -1 when it must take the next */
  int32_t last;
  int busy;
  int stalled; /* the current task is in a blocking call: the loop waits with it */
  sim_time stall_since;
  eng_fifo ready;
} async_state;

static int async_start(sim_engine *e, sim_error *err) {
  (void)err;
  async_state *s = ENG_STATE(e, async_state);
  s->lane = eng_lane_add(e, scn_worker_name(eng_scenario(e)));
  s->current = s->last = -1;
  eng_fifo_init(&s->ready);
  eng_set_cores(e, 1);
  return 0;
}

static void async_arrive(sim_engine *e, int32_t task) {
  eng_make_ready(e, &ENG_STATE(e, async_state)->ready, task);
}

static void async_dispatch(sim_engine *e) {
  async_state *s = ENG_STATE(e, async_state);
  while (!s->busy) {
    if (s->current < 0) {
      s->current = eng_fifo_pop(e, &s->ready);
      if (s->current < 0) return;
      if (eng_switch_to(e, s->lane, &s->last, s->current)) {
        s->busy = 1;
        return;
      }
    }
    switch (eng_advance(e, s->current)) {
    case ENG_NEEDS_CPU:
      eng_cpu_start(e, s->current, s->lane, eng_task_remaining(e, s->current));
      s->busy = 1;
      return;
    case ENG_SUSPENDED_WAIT:
      if (eng_step(e, s->current)->kind == SCN_STEP_BLOCK) {
        /* time.sleep() in a coroutine: nothing else runs until it returns. */
        s->busy = s->stalled = 1;
        s->stall_since = eng_now(e);
        return;
      }
      s->current = -1;
      break;
    case ENG_YIELDED:
      eng_make_ready(e, &s->ready, s->current); /* fall through */
    case ENG_BLOCKED_ON_RESOURCE:
    case ENG_FINISHED:
      s->current = -1;
      break;
    }
  }
}

static void async_wake(sim_engine *e, int32_t task) {
  async_state *s = ENG_STATE(e, async_state);
  if (s->stalled && task == s->current) {
    /* The blocking call returned: the loop goes on with the same task. */
    eng_span(e, SIM_SPAN_STALL, s->stall_since, eng_now(e), task, s->lane);
    s->stalled = s->busy = 0;
    return;
  }
  if (eng_state_of(e, task) == ENG_DONE) return; /* its last wait ended: nothing to run */
  eng_make_ready(e, &s->ready, task);
}

static void async_cpu_end(sim_engine *e, int32_t task, int32_t lane) {
  (void)task; /* the task stays current: its next cpu step runs without a switch */
  (void)lane;
  ENG_STATE(e, async_state)->busy = 0;
}

static void async_event(sim_engine *e, const evq_event *ev) {
  (void)ev; /* ENG_EV_SWITCH_END */
  ENG_STATE(e, async_state)->busy = 0;
}

const sim_strategy_vt strat_async = {
    .name = "async",
    .summary = "an event loop (asyncio): one worker, tasks suspend at waits and yields",
    .state_size = sizeof(async_state),
    .start = async_start,
    .arrive = async_arrive,
    .wake = async_wake,
    .cpu_end = async_cpu_end,
    .event = async_event,
    .dispatch = async_dispatch,
};

/* strat_sync.c - blocking sync code: one worker, one task at a time.
 *
 * The worker takes the tasks in the order they arrive (file order for a
 * closed workload) and runs each from start to finish. During a wait it stands idle - blocked, like
 * requests.get() in a plain loop - and `yield` does nothing. This is the chess master who sits at
 * board 1 until that game is over, then walks to board 2.
 */
#include "engine_api.h"

typedef struct sync_state {
  int32_t lane;
  int32_t current;  /* the task the worker is on, -1 between tasks */
  int32_t last;     /* the task it ran before, for switches */
  eng_fifo arrived; /* tasks not started yet, in arrival order */
  int busy;         /* running cpu or switching */
  int blocked;      /* the current task waits (world or resource) */
} sync_state;

static int sync_start(sim_engine *e, sim_error *err) {
  (void)err;
  sync_state *s = ENG_STATE(e, sync_state);
  s->lane = eng_lane_add(e, scn_worker_name(eng_scenario(e)));
  s->current = s->last = -1;
  eng_fifo_init(&s->arrived);
  eng_set_cores(e, 1);
  eng_set_wait_late(e, eng_profile(e)->sleep_late); /* every wait is a blocking call */
  eng_set_memory(e, eng_profile(e)->process_memory, 0, 0, 0);
  return 0;
}

/* A closed workload's tasks have not started (the master has not sat down
 * at board 2 yet): they stay PENDING. A request that arrived is waiting for
 * the worker: READY, counted in ready_wait like everywhere else. */
static void sync_arrive(sim_engine *e, int32_t task) {
  sync_state *s = ENG_STATE(e, sync_state);
  if (eng_task_group(e, task)->arrivals.kind == SCN_ARRIVE_AT_START)
    eng_fifo_push(e, &s->arrived, task);
  else
    eng_make_ready(e, &s->arrived, task);
}

static void sync_dispatch(sim_engine *e) {
  sync_state *s = ENG_STATE(e, sync_state);
  while (!s->busy && !s->blocked) {
    if (s->current < 0) {
      s->current = eng_fifo_pop(e, &s->arrived);
      if (s->current < 0) return;
      eng_task_set_state(e, s->current, ENG_READY);
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
    case ENG_BLOCKED_ON_RESOURCE:
      s->blocked = 1;
      return;
    case ENG_YIELDED:
      break; /* nothing to yield to */
    case ENG_WAIT_FOR:
      break; /* only with wait_for_task, which sync never sets */
    case ENG_FINISHED:
      s->current = -1;
      break;
    }
  }
}

static void sync_wake(sim_engine *e, int32_t task) {
  (void)task; /* only the current task can be suspended */
  ENG_STATE(e, sync_state)->blocked = 0;
}

static void sync_cpu_end(sim_engine *e, int32_t task, int32_t lane) {
  (void)task;
  (void)lane;
  ENG_STATE(e, sync_state)->busy = 0;
}

static void sync_event(sim_engine *e, const evq_event *ev) {
  (void)ev; /* ENG_EV_SWITCH_END: the walk to the next task is over */
  ENG_STATE(e, sync_state)->busy = 0;
}

/* A plain run (engine_api.h, "the plain loop"): what sync_dispatch,
 * sync_wake and sync_cpu_end do for it, without the engine's calls to them
 * and without what cannot happen in it (a switch cost, a resource, a yield).
 * The worker stays with a task through its cpu steps and its waits. */
static int sync_plain(sim_engine *e) {
  sync_state *s = ENG_STATE(e, sync_state);
  int32_t cur = s->current, last = s->last, lane = s->lane;
  int held = s->busy || s->blocked; /* running cpu or waiting with the task */
  evq_event ev;
  for (;;) {
    while (!held) {
      if (cur < 0) {
        cur = eng_fifo_pop(e, &s->arrived);
        if (cur < 0) break; /* every task is done */
        eng_task_set_state(e, cur, ENG_READY);
        eng_switch_to(e, lane, &last, cur); /* no switch cost: counted only */
      }
      if (eng_plain_advance(e, cur, lane) || eng_state_of(e, cur) == ENG_WAITING)
        held = 1;
      else
        cur = -1; /* finished */
    }
    if (!eng_next_event(e, &ev)) break;
    if (ev.kind == ENG_EV_CPU_END)
      eng_plain_cpu_end(e, (int32_t)ev.a);
    else
      eng_plain_wait_end(e, (int32_t)ev.a);
    held = 0;
  }
  s->current = cur;
  s->last = last;
  s->busy = s->blocked = 0;
  return 1;
}

const sim_strategy_vt strat_sync = {
    .name = "sync",
    .summary = "blocking code: one worker runs one task at a time, idle during its waits",
    .state_size = sizeof(sync_state),
    .start = sync_start,
    .arrive = sync_arrive,
    .wake = sync_wake,
    .cpu_end = sync_cpu_end,
    .event = sync_event,
    .dispatch = sync_dispatch,
    .plain = sync_plain,
};

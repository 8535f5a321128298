/* strat_async.c - a single-threaded event loop (asyncio).
 *
 * One worker runs the task at the head of a FIFO ready queue until the task
 * suspends: at a wait, a yield, or an acquire that must queue. Consecutive cpu
 * steps run without a switch, so a task that never suspends holds the loop,
 * exactly as in asyncio. A `block` step (time.sleep, requests.get inside a
 * coroutine) keeps the worker: the whole loop stalls until the call returns.
 *
 * model=ideal (the default, the textbook's): tasks join the back of the queue
 * when they arrive (at t=0 in file order for a closed workload), when their
 * wait ends, at once when they yield, and at once when a release hands them a
 * resource unit (engine.c: resource_release -> wake).
 *
 * model=asyncio follows BaseEventLoop._run_once: the loop runs in iterations;
 * an iteration first moves the timers that have fallen due to the back of the
 * ready queue, then runs exactly the callbacks queued at that moment (what
 * they queue waits for the next iteration). A task is a chain of callbacks:
 * a timer wakes it in two trips through the queue (the timer's handle
 * resolves the sleep's future, whose done-callback queues the task's step), a
 * yield or a lock hand-over in one; wait_for(coroutine) wraps the wait in a new
 * task that starts one trip later, its timeout counting from the call, and
 * hands the result back in four trips (five on a timeout: the inner task must
 * be cancelled and awaited); and a task whose last step is a wait ends only
 * when its coroutine resumes after it. docs/strategies.md works an example.
 *
 * Under either model a profile's costs apply: each callback costs loop_hop of
 * worker time, and a loop with nothing ready that sleeps until its next timer
 * d away wakes ceil(d / timer_resolution) * timer_resolution + timer_late
 * later (the epoll selector's whole milliseconds, then the OS's wake-up).
 * Costs: O(1) per callback; with model=asyncio one byte per task.
 */
#include <stdlib.h>

#include "engine_api.h"
#include "sim/sim_alloc.h"

enum { P_MODEL };

static const sim_param_def async_params[] = {
    [P_MODEL] = {"model", SIM_PARAM_CHOICE, "ideal", "ideal|asyncio", 0, 0,
                 "ideal: one FIFO ready queue; asyncio: CPython's loop order (timers join at an "
                 "iteration's start and wake in two trips, wait_for starts a task)"},
};

enum { ASYNC_EV_HOP = ENG_EV_STRATEGY, ASYNC_EV_WAKE };

/* Keeps a rare path's register saves out of a hot caller (see its uses). */
#if defined(__GNUC__)
#define ASYNC_NOINLINE __attribute__((noinline))
#else
#define ASYNC_NOINLINE
#endif

typedef struct async_state {
  int32_t lane;
  int32_t current; /* the task on the worker, -1 when it must take the next */
  int32_t last;
  int32_t popped; /* a callback taken from the queue whose loop_hop is being paid, -1 */
  int busy;
  int stalled; /* the current task is in a blocking call: the loop waits with it */
  sim_time stall_since;
  eng_fifo ready;
  eng_fifo due;   /* timers that fired and have not joined `ready` yet */
  int asyncio;    /* model=asyncio */
  uint8_t *trips; /* [ntasks] asyncio: trips through `ready` before the task's step runs */
  int32_t todo;   /* asyncio: callbacks left in this iteration */
  int idle;       /* nothing to run: the loop sleeps until a timer (or an arrival) */
  sim_time idle_since;
  int wake_pending; /* a rounded wake-up (ASYNC_EV_WAKE) is scheduled */
  uint32_t wake_gen;
} async_state;

static int async_start(sim_engine *e, sim_error *err) {
  async_state *s = ENG_STATE(e, async_state);
  s->lane = eng_lane_add(e, scn_worker_name(eng_scenario(e)));
  s->current = s->last = s->popped = -1;
  eng_fifo_init(&s->ready);
  eng_fifo_init(&s->due);
  eng_set_cores(e, 1);
  const sim_profile *pr = eng_profile(e);
  eng_set_memory(e, pr->process_memory, pr->task_memory, 0, 0);
  s->asyncio = eng_strategy(e)->param[P_MODEL] == 1;
  if (s->asyncio) {
    int32_t n = eng_ntasks(e);
    s->trips = sim_calloc((size_t)(n > 0 ? n : 1), 1);
    if (!s->trips)
      return sim_fail(err, SIM_EFAIL, "%s: error: out of memory for %d tasks",
                      eng_scenario(e)->file, (int)n);
    eng_set_end_on_resume(e, 1);
    eng_set_wait_for_task(e, 1);
  }
  return 0;
}

static void async_finish(sim_engine *e) {
  async_state *s = ENG_STATE(e, async_state);
  sim_free(s->trips);
  s->trips = NULL;
}

static void due_to_ready(sim_engine *e, async_state *s) {
  for (int32_t t; (t = eng_fifo_pop(e, &s->due)) >= 0;) eng_fifo_push(e, &s->ready, t);
}

/* The next callback to run, or -1: the loop goes idle. */
static int32_t next_callback(sim_engine *e, async_state *s) {
  if (!s->asyncio) {
    int32_t t = eng_fifo_pop(e, &s->ready);
    if (t >= 0) return t;
  } else {
    for (;;) {
      if (s->todo > 0) {
        int32_t t = eng_fifo_pop(e, &s->ready);
        if (t >= 0) {
          s->todo--;
          return t;
        }
      }
      /* A new iteration: the timers due join behind what is queued. */
      if (s->ready.len == 0 && s->due.len == 0) break;
      due_to_ready(e, s);
      s->todo = s->ready.len;
    }
  }
  s->idle = 1;
  s->idle_since = eng_now(e);
  return -1;
}

ASYNC_NOINLINE static void async_run(sim_engine *e, async_state *s) {
  while (!s->busy && !s->idle) {
    if (s->current < 0) {
      if (s->popped < 0) {
        s->popped = next_callback(e, s);
        if (s->popped < 0) return;
        sim_time hop = eng_profile(e)->loop_hop;
        if (hop > 0) {
          eng_span(e, SIM_SPAN_SWITCH, eng_now(e), eng_now(e) + hop, s->popped, s->lane);
          eng_schedule(e, hop, ASYNC_EV_HOP, 0, 0, 0);
          s->busy = 1;
          return;
        }
      }
      int32_t t = s->popped;
      s->popped = -1;
      if (eng_state_of(e, t) == ENG_DONE) continue; /* cancelled while its hop was paid */
      if (s->trips && s->trips[t] > 1) {
        s->trips[t]--; /* a callback that queues the next one of the chain */
        eng_fifo_push(e, &s->ready, t);
        continue;
      }
      s->current = t;
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
    case ENG_WAIT_FOR: /* the inner task's first step is one trip away */
      s->trips[s->current] = 1;
      /* fall through */
    case ENG_YIELDED:
      eng_make_ready(e, &s->ready, s->current); /* fall through */
    case ENG_BLOCKED_ON_RESOURCE:
    case ENG_FINISHED:
      s->current = -1;
      break;
    }
  }
}

/* Half the calls (after a wait ends while the worker is busy) have nothing
 * to do: the test comes before async_run's register saves, which its inline
 * heap pushes need (1.8 M instructions of a 10k-board chess run; gcc inlines
 * a static function with one caller and saves them first otherwise). */
static void async_dispatch(sim_engine *e) {
  async_state *s = ENG_STATE(e, async_state);
  if (!s->busy && !s->idle) async_run(e, s);
}

/* Trips a wake needs under model=asyncio (see the top of the file). */
static uint8_t wake_trips(const sim_engine *e) {
  const scn_step *st = eng_woke_step(e);
  if (!st) return 1; /* a lock handed over: the waiter's future queues its step */
  if (st->kind == SCN_STEP_WAIT && st->timeout > 0 && !eng_strategy(e)->ignore_timeouts)
    return eng_woke_outcome(e) == SIM_OUTCOME_TIMEOUT ? 5 : 4;
  return 2;
}

/* The loop stops sleeping: an arrival (I/O) or its rounded timeout. */
static void loop_wakes(sim_engine *e, async_state *s) {
  s->idle = 0;
  s->wake_pending = 0;
  s->wake_gen++;
  if (!s->asyncio) due_to_ready(e, s); /* asyncio moves them at the iteration's start */
}

/* A wake while the loop sleeps: out of line (ASYNC_NOINLINE), so that the
 * common wake, a task joining the queue of a busy loop, saves fewer
 * registers for it (0.6 M instructions of a 10k-board chess run). */
ASYNC_NOINLINE static void wake_idle(sim_engine *e, async_state *s, int32_t task, int timer) {
  if (timer) {
    sim_time res = eng_profile(e)->timer_resolution, late = eng_profile(e)->timer_late;
    if (res > 0 || late > 0) {
      eng_make_ready(e, &s->due, task);
      if (!s->wake_pending) {
        s->wake_pending = 1;
        eng_schedule(e, eng_loop_wake_at(e, s->idle_since) - eng_now(e), ASYNC_EV_WAKE, 0, 0,
                     s->wake_gen);
      }
      return;
    }
  }
  loop_wakes(e, s);
  eng_make_ready(e, s->asyncio && timer ? &s->due : &s->ready, task);
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
  if (s->trips) s->trips[task] = wake_trips(e);
  int timer = eng_woke_step(e) != NULL;
  if (s->idle) {
    wake_idle(e, s, task, timer);
    return;
  }
  eng_make_ready(e, s->asyncio && timer ? &s->due : &s->ready, task);
}

static void async_arrive(sim_engine *e, int32_t task) {
  async_state *s = ENG_STATE(e, async_state);
  if (s->idle) loop_wakes(e, s);
  if (s->trips) s->trips[task] = 1;
  eng_make_ready(e, &s->ready, task);
}

static void async_cpu_end(sim_engine *e, int32_t task, int32_t lane) {
  (void)task; /* the task stays current: its next cpu step runs without a switch */
  (void)lane;
  ENG_STATE(e, async_state)->busy = 0;
}

static void async_event(sim_engine *e, const evq_event *ev) {
  async_state *s = ENG_STATE(e, async_state);
  if (ev->kind == ASYNC_EV_WAKE) {
    if (ev->c == s->wake_gen && s->wake_pending) loop_wakes(e, s);
    return;
  }
  s->busy = 0; /* ENG_EV_SWITCH_END, ASYNC_EV_HOP */
}

/* A plain run (engine_api.h, "the plain loop") under model=ideal without a
 * profile's loop costs: what async_run, async_wake and async_cpu_end do for
 * it, without what cannot happen in it (hops, trips, stalls, a rounded
 * wake-up, a cancelled task, a switch cost) and without the engine's calls
 * to them. A task goes on after its cpu step on the worker; its wait's end
 * puts it at the back of the ready queue (when the loop was idle, too: with
 * no timer costs waking costs nothing). */
static int async_plain(sim_engine *e) {
  async_state *s = ENG_STATE(e, async_state);
  const sim_profile *p = eng_profile(e);
  if (s->asyncio || p->loop_hop > 0 || p->timer_resolution > 0 || p->timer_late > 0) return 0;
  int32_t cur = s->current, last = s->last, lane = s->lane;
  int busy = s->busy;
  evq_event ev;
  for (;;) {
    while (!busy) {
      if (cur < 0) {
        cur = eng_fifo_pop(e, &s->ready);
        if (cur < 0) break;                 /* idle until a wait ends */
        eng_switch_to(e, lane, &last, cur); /* no switch cost: counted only */
      }
      if (eng_plain_advance(e, cur, lane))
        busy = 1;
      else
        cur = -1; /* suspended at a wait, or finished */
    }
    if (!eng_next_event(e, &ev)) break;
    int32_t t = (int32_t)ev.a;
    if (ev.kind == ENG_EV_CPU_END) {
      eng_plain_cpu_end(e, t);
      busy = 0;
    } else if (!eng_plain_wait_end(e, t)) {
      eng_fifo_push(e, &s->ready, t);
    }
  }
  s->current = cur;
  s->last = last;
  s->busy = busy;
  return 1;
}

const sim_strategy_vt strat_async = {
    .name = "async",
    .summary = "an event loop (asyncio): one worker, tasks suspend at waits and yields",
    .params = async_params,
    .nparams = sizeof async_params / sizeof async_params[0],
    .state_size = sizeof(async_state),
    .start = async_start,
    .arrive = async_arrive,
    .wake = async_wake,
    .cpu_end = async_cpu_end,
    .event = async_event,
    .dispatch = async_dispatch,
    .plain = async_plain,
    .finish = async_finish,
};

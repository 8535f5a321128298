/* engine_api.h - internal: everything a strategy may do to the engine.
 *
 * As Redis's ae backends see the event loop only through aeApiAddEvent and
 * friends, a strategy (one file each, see strategy_impl.h) reaches the engine
 * only through the operations below; it never reads or writes sim_engine or
 * eng_task fields (engine.h). The engine owns time, the event queue, the
 * tasks' progress through their steps, resources, spans and metrics; the
 * strategy owns the workers: it decides which task runs cpu on which lane,
 * and when.
 *
 * The operations:
 *   setting up     eng_lane_add, eng_set_cores
 *   reading        eng_now, eng_scenario, eng_strategy, eng_ntasks,
 *                  eng_state_of (a task's state), eng_step, eng_task_group,
 *                  eng_task_remaining, eng_task_lane
 *   queues         eng_fifo_push, eng_fifo_pop, eng_make_ready
 *   a task's life  eng_advance, eng_task_set_state, eng_task_bind,
 *                  eng_cpu_start (run a task's cpu on a lane), eng_cpu_preempt
 *   lanes, time    eng_switch_to, eng_switch, eng_span (record a span),
 *                  eng_schedule (schedule an event)
 *   fidelity       eng_profile, eng_seed, eng_loop_wake_at, eng_set_wait_late,
 *                  eng_set_end_on_resume, eng_set_wait_for_task,
 *                  eng_woke_step, eng_woke_outcome, eng_set_memory
 *   the plain loop eng_next_event, eng_plain_advance, eng_plain_schedule,
 *                  eng_plain_cpu_end, eng_plain_wait_end
 * and the callbacks the engine makes (strategy_impl.h's vt): start, arrive,
 * wake, cpu_end, event, dispatch, finish, and plain (a run of its own for a
 * plain run, see "the plain loop" below).
 *
 * The rules, asserted (assert() stays on in every build we ship):
 *  - Advancing happens in dispatch() only. eng_advance(e, t) executes a
 *    task's zero-time steps (acquire, release, yield) and stops where the
 *    task needs something: ENG_NEEDS_CPU (its current step is cpu;
 *    eng_task_remaining says how much is left), ENG_SUSPENDED_WAIT (a wait,
 *    a `block` step such as time.sleep, or an `offload` step such as
 *    asyncio.to_thread: suspended), ENG_YIELDED, ENG_BLOCKED_ON_RESOURCE or
 *    ENG_FINISHED. arrive(), wake() and cpu_end() run inside another task's
 *    step or an event, so they only record that a task can go on (push it
 *    on a queue); eng_advance asserts it is called from dispatch(). A
 *    strategy whose worker runs an event loop keeps the worker for a block
 *    step (eng_step(e, t)->kind == SCN_STEP_BLOCK): the loop is stalled.
 *  - wake(t) comes when a waiting or blocked task can go on (its wait ended,
 *    a release handed it the unit). If that was the task's last step it has
 *    already ended (ENG_DONE): a strategy that holds a worker for it frees
 *    the worker, a ready queue skips it. A task stopped by an error or
 *    cancelled gets wake() too (or cpu_end() if it was running), already
 *    ENG_DONE.
 *  - eng_cpu_start(e, t, lane, slice) runs a task's cpu for `slice`
 *    (0 < slice <= eng_task_remaining); the engine calls cpu_end(t, lane)
 *    when the slice is over (remaining updated; if the cpu step is finished
 *    the task already points at the next step).
 *  - A task runs on one lane for its life. A strategy that deals tasks to
 *    lanes before they run binds them (eng_task_bind) and eng_task_lane
 *    finds the lane again in wake(); eng_cpu_start asserts the lane matches.
 *  - Stale events carry a generation. The engine's own WAIT_END and CPU_END
 *    carry the task's generation, bumped when a pending event is voided (a
 *    slice preempted, a task cancelled), and are dropped when it no longer
 *    matches; a live one asserts the task is still in the state it was
 *    scheduled for. A strategy's own events that can go stale (a timer that
 *    is re-armed) carry a generation of the strategy's in c, the same way.
 *  - After start() and after every event the engine calls dispatch(), where
 *    the strategy puts idle lanes to work.
 *  - Fidelity (docs/strategies.md, "Models"), set in start(): wait_late is a
 *    blocking wait's lateness (the profile's sleep_late for blocking code, 0
 *    for an event loop, whose lateness is its own idle rule); with
 *    end_on_resume a task whose last step is a wait is not ENG_DONE at
 *    wake() but ends when next advanced (a coroutine returns after its last
 *    await; a thread needs the GIL to finish); with wait_for_task a wait with
 *    a timeout first returns ENG_WAIT_FOR (asyncio 3.11's wait_for starts a
 *    task): the strategy queues the task again and the wait starts when it is
 *    next advanced, its timeout counting from the first call. During wake()
 *    for a wait that ended, eng_woke_step is that step and eng_woke_outcome
 *    how it ended; NULL for a resource handed over or an offload's slot.
 */
#ifndef SIM_ENGINE_API_H
#define SIM_ENGINE_API_H

#include <assert.h>

#include "engine.h"

/* Engine-level event kinds; strategies number theirs from ENG_EV_STRATEGY. */
enum {
  ENG_EV_WAIT_END,   /* a = task, b = sim_outcome of the wait, c = the task's generation */
  ENG_EV_CPU_END,    /* a = task, b = lane, c = the task's cpu generation */
  ENG_EV_SWITCH_END, /* a = task, b = lane: passed to the strategy's event() */
  ENG_EV_ARRIVE,     /* a = group, b = instance: an open workload's arrival */
  ENG_EV_STRATEGY = 16
};

typedef enum eng_task_state {
  ENG_PENDING, /* not started: no worker has taken it yet */
  ENG_READY,   /* runnable, waiting for its worker or the CPU */
  ENG_RUNNING, /* on a lane (eng_task_lane), running cpu */
  ENG_WAITING, /* in a wait step */
  ENG_BLOCKED, /* queued for a resource unit */
  ENG_DONE
} eng_task_state;

typedef enum eng_advance_result {
  ENG_NEEDS_CPU,
  ENG_SUSPENDED_WAIT,
  ENG_YIELDED,
  ENG_BLOCKED_ON_RESOURCE,
  ENG_FINISHED,
  ENG_WAIT_FOR /* with wait_for_task: queue the task again; its wait starts next time */
} eng_advance_result;

/* --- reading ---------------------------------------------------------------- */

static inline sim_time eng_now(const sim_engine *e) {
  return e->now;
}

/* a + b for times (b >= 0), saturated at SIM_TIME_MAX instead of wrapping:
 * for spans and deadlines computed next to an eng_schedule, which is where
 * passing the end of the clock is detected and the run stopped. */
static inline sim_time eng_time_add(sim_time a, sim_time b) {
  return b > SIM_TIME_MAX - a ? SIM_TIME_MAX : a + b;
}
static inline const scn_scenario *eng_scenario(const sim_engine *e) {
  return e->scn;
}
/* The strategy as parsed: parameters, switch_cost, label. */
static inline const sim_strategy *eng_strategy(const sim_engine *e) {
  return e->cfg;
}
static inline int32_t eng_ntasks(const sim_engine *e) {
  return e->ntasks;
}
static inline eng_task_state eng_state_of(const sim_engine *e, int32_t t) {
  return (eng_task_state)e->tasks[t].state;
}
/* cpu left in the task's current cpu step (after eng_advance said NEEDS_CPU). */
static inline sim_time eng_task_remaining(const sim_engine *e, int32_t t) {
  return e->tasks[t].remaining;
}
/* The index of task t's group: the last whose first task is at or before t
 * (tasks are numbered group by group). A search instead of 4 bytes a task:
 * most scenarios have one group, the rest a handful. */
static inline int eng_group_index(const sim_engine *e, int32_t t) {
  if (e->ngroups == 1) return 0;
  int lo = 0, hi = e->ngroups - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    if (e->group_first[mid] <= t)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}
static inline const scn_group *eng_task_group(const sim_engine *e, int32_t t) {
  return &e->scn->groups[eng_group_index(e, t)];
}
/* The scenario step a task is at. */
static inline const scn_step *eng_step(const sim_engine *e, int32_t t) {
  return &e->group_steps[eng_group_index(e, t)][e->tasks[t].step];
}
/* The lane the task is bound to or runs on; -1 before either. */
static inline int32_t eng_task_lane(const sim_engine *e, int32_t t) {
  return e->task_lane[t];
}

/* The strategy's state, typed by the strategy. */
#define ENG_STATE(e, type) ((type *)(e)->st)

/* --- setting up --------------------------------------------------------------- */

/* Adds a worker lane named `name` ("master", "thread 3"); returns its index or -1. */
int32_t eng_lane_add(sim_engine *e, const char *name);

/* Lanes that can run cpu at once: utilization's denominator (default 1). */
static inline void eng_set_cores(sim_engine *e, int cores) {
  assert(cores >= 1);
  e->res->cores = cores;
}

/* --- queues ------------------------------------------------------------------- */
/* A task cancelled while queued (a TaskGroup cancel) stays linked and is
 * skipped when it reaches the head: unlinking from the middle would need a
 * doubly linked list, 4 more bytes a task for a rare event. */
static inline void eng_fifo_push(sim_engine *e, eng_fifo *q, int32_t t) {
  eng_fifo_put(q, &e->tasks[0].next, sizeof *e->tasks, t);
}
static inline int32_t eng_fifo_pop(sim_engine *e, eng_fifo *q) {
  for (;;) {
    int32_t t = eng_fifo_take(q, &e->tasks[0].next, sizeof *e->tasks);
    if (t < 0 || e->tasks[t].state != ENG_DONE) return t;
  }
}

/* --- lanes, events, spans ------------------------------------------------ */

/* 1, and the run fails, when an event `delay` from now would pass the end
 * of the clock: the one check on the hot path that the clock cannot wrap (a
 * duration drawn from a long tail, or work the load checks could not bound). */
static inline int eng_clock_passed(sim_engine *e, sim_time delay) {
  if (delay <= SIM_TIME_MAX - e->now) return 0;
  e->failed |= ENG_FAILED_CLOCK;
  return 1;
}

/* Schedules an event `delay` from now. Returns 0 or -1 (out of memory: the run fails). */
static inline int eng_schedule(sim_engine *e, sim_time delay, uint32_t kind, uint32_t a, uint32_t b,
                               uint32_t c) {
  if (eng_clock_passed(e, delay)) return -1;
  sim_time at = e->now + delay;
  evq_event ev = {.time = at, .kind = kind, .a = a, .b = b, .c = c};
  if ((e->events.ndelays ? evq_schedule_call(&e->events, at, delay, kind, a, b, c)
                         : evq_push(&e->events, ev)) != 0) {
    e->failed |= ENG_FAILED_MEMORY;
    return -1;
  }
  return 0;
}

void eng_span_record(sim_engine *e, sim_span_kind kind, sim_time start, sim_time end, int32_t task,
                     int32_t lane);

/* Records a span if spans are on (and it is not empty). Inline so that a
 * run without spans (no --trace) pays one test, not a call, per state change. */
static inline void eng_span(sim_engine *e, sim_span_kind kind, sim_time start, sim_time end,
                            int32_t task, int32_t lane) {
  if (e->record_spans) eng_span_record(e, kind, start, end, task, lane);
}

/* Counts a context switch to `task`. With switch_cost > 0 it records the
 * SWITCH span on lane `row`, schedules event `kind` (a, b) at its end and
 * returns 1 (the lane is busy until then); else returns 0. */
int eng_switch(sim_engine *e, int32_t task, int32_t row, uint32_t kind, uint32_t a, uint32_t b);

/* A lane is about to run `task`; *last is the task it ran before (-1: none).
 * Moving to another task is an eng_switch whose end is ENG_EV_SWITCH_END(task,
 * lane), for the strategy's event(); returns as eng_switch does (0 when it
 * stays on the same task). */
static inline int eng_switch_to(sim_engine *e, int32_t lane, int32_t *last, int32_t task) {
  int32_t before = *last;
  *last = task;
  if (before < 0 || before == task) return 0;
  if (e->cfg->switch_cost == 0) { /* the common case: counted, no span, no event */
    e->res->switches++;
    return 0;
  }
  return eng_switch(e, task, lane, ENG_EV_SWITCH_END, (uint32_t)task, (uint32_t)lane);
}

/* --- tasks ----------------------------------------------------------------- */

/* Closes the span of the state task t is leaving (spans on only). */
void eng_task_close_span(sim_engine *e, int32_t t);

/* Moves a task to a new state at `now`, closing the previous state's span.
 * Inline: four of these a move, and the common one is two stores. */
static inline void eng_task_set_state(sim_engine *e, int32_t t, eng_task_state state) {
  eng_task *k = &e->tasks[t];
  sim_time *since = &ENG_SINCE(e, t);
  if (k->state == ENG_READY) {
    /* READY again at the same time (a wait's end, then wake's make_ready):
     * nothing to add, no span to close (it would be empty). `state` is a
     * constant at every call, so this costs a compare only there. */
    if (state == ENG_READY && *since == e->now) return;
    e->ready_total[t] += e->now - *since;
  }
  if (e->record_spans) eng_task_close_span(e, t);
  k->state = (uint8_t)state;
  *since = e->now;
}

/* A task's life ends now (its end time is when DONE began: ENG_SINCE). */
static inline void eng_task_end(sim_engine *e, int32_t t) {
  eng_task_set_state(e, t, ENG_DONE);
  e->unfinished--;
}

/* The task's current step is over. When it was the last step of the last
 * repetition the task ends here and now - not when a worker next looks at it
 * (board 1's game is over when the opponent's last reply lands). Returns 1
 * when the task ended. The engine's, called by the plain loop's operations
 * below; a strategy does not call it. */
static inline int eng_step_done(sim_engine *e, int32_t t) {
  eng_task *k = &e->tasks[t];
  const scn_group *g = eng_task_group(e, t);
  if (k->step + 1 < g->nsteps) {
    k->step++;
    return 0;
  }
  if (k->rep + 1 < (uint32_t)g->repeat) {
    k->rep++;
    k->step = 0;
    return 0;
  }
  /* The step stays on the last one: every span names a step that exists. */
  eng_task_end(e, t);
  return 1;
}

/* Accounts the cpu run since the slice began; the task is READY afterwards
 * (the engine's, at a CPU_END or a preemption). */
static inline void eng_cpu_account(sim_engine *e, int32_t t) {
  eng_task *k = &e->tasks[t];
  sim_time ran = e->now - ENG_SINCE(e, t);
  k->remaining -= ran;
  if (ran > SIM_TIME_MAX - e->res->busy) e->failed |= ENG_FAILED_CLOCK; /* many lanes, long run */
  e->res->busy += ran;
  eng_span(e, SIM_SPAN_CPU, ENG_SINCE(e, t), e->now, t, e->task_lane[t]);
  k->state = ENG_READY;
  ENG_SINCE(e, t) = e->now;
  if (k->remaining == 0) eng_step_done(e, t);
}

/* Marks a task runnable (READY) and pushes it on q: the common "join the back
 * of the ready queue". */
static inline void eng_make_ready(sim_engine *e, eng_fifo *q, int32_t t) {
  eng_task_set_state(e, t, ENG_READY);
  eng_fifo_push(e, q, t);
}

/* Binds a task to the lane that will run it (see the rules above). */
static inline void eng_task_bind(sim_engine *e, int32_t t, int32_t lane) {
  assert(e->task_lane[t] < 0 || e->task_lane[t] == lane);
  e->task_lane[t] = lane;
}

/* eng_advance past the common case: see below. */
eng_advance_result eng_advance_steps(sim_engine *e, int32_t t);

/* In dispatch() only; see the rules above. The two common cases inline - a
 * cpu step whose duration is fixed (and not rescaled by a profile) or already
 * drawn, and a plain wait (fixed, no timeout, cannot fail, not resumed from a
 * wait_for) - and the rest (zero-time steps, timed or failing waits, random
 * draws) in eng_advance_steps. The plain wait does what start_timer does for
 * it, without the draw, the failure and timeout tests and two calls (a
 * wait went from about 150 instructions to 55: 255 M -> 227 M for 10k-board
 * chess, docs/performance.md). A table of step classes built at start was
 * the alternative: two or three tests fewer a step, for an array a group. */
static inline eng_advance_result eng_advance(sim_engine *e, int32_t t) {
  assert(e->dispatching && "a task advances in dispatch(), never in arrive, wake or cpu_end");
  eng_task *k = &e->tasks[t];
  if (k->state != ENG_DONE) {
    const scn_step *s = eng_step(e, t);
    if (s->kind == SCN_STEP_CPU) {
      if (k->remaining == 0 && s->duration.kind == SCN_DIST_FIXED && e->cpu_as_written)
        k->remaining = s->duration.value;
      if (k->remaining > 0) return ENG_NEEDS_CPU;
    } else if (s->kind == SCN_STEP_WAIT && k->remaining == 0 &&
               s->duration.kind == SCN_DIST_FIXED && s->timeout <= 0 && !(s->fail > 0)) {
      eng_task_set_state(e, t, ENG_WAITING);
      eng_schedule(e, s->duration.value + e->wait_late, ENG_EV_WAIT_END, (uint32_t)t,
                   (uint32_t)SIM_OUTCOME_OK, k->cpu_gen);
      return ENG_SUSPENDED_WAIT;
    }
  }
  return eng_advance_steps(e, t);
}

/* Runs `slice` (0 < slice <= remaining) of the task's cpu step on `lane`. */
static inline void eng_cpu_start(sim_engine *e, int32_t t, int32_t lane, sim_time slice) {
  eng_task *k = &e->tasks[t];
  assert(slice > 0 && slice <= k->remaining);
  eng_task_bind(e, t, lane); /* a task runs on one lane for its life */
  eng_task_set_state(e, t, ENG_RUNNING);
  eng_schedule(e, slice, ENG_EV_CPU_END, (uint32_t)t, (uint32_t)lane, k->cpu_gen);
}

/* Ends a running slice early (preemption): records the cpu done so far and
 * makes the pending CPU_END stale; the task becomes READY. cpu_end is not called. */
void eng_cpu_preempt(sim_engine *e, int32_t t);

/* --- the plain loop ------------------------------------------------------------ */
/* A run is plain when it needs none of the general machinery: a closed
 * workload, every step a fixed cpu step or a plain wait (fixed, no timeout,
 * no failure), no spans, no profile cost on a step or a wait, no switch cost
 * and no fidelity rule (end_on_resume, wait_for_task). The chess exhibition
 * is one, and so is any scenario of fixed moves and replies. In such a run
 * only two events exist, ENG_EV_CPU_END and ENG_EV_WAIT_END, none goes
 * stale, no task is cancelled, blocked or yields.
 *
 * For a plain run the engine calls the strategy's vt->plain, if it has one,
 * after start(), the arrivals and the first dispatch(), instead of its own
 * loop; plain() runs the rest of the run with the operations below (and
 * eng_advance, eng_cpu_start, eng_fifo_*, eng_switch_to: it is inside
 * dispatch the whole time) and returns 1, or returns 0 at once to decline
 * (a parameter or a profile cost its loop does not model) and the engine's
 * loop runs. It must make exactly the run the general loop makes: same
 * events in the same order, same figures (tests/unit/test_plain.c compares
 * the two on random plain runs under every strategy that has one).
 *
 * Why: the general loop pays, on every event, for what a plain run never
 * has (the generation and state checks of stale events, the callbacks
 * through the strategy's table, hops, trips, stalls, timeouts); for the
 * chess exhibition that was half the run (docs/performance.md). The cost is
 * a second loop in each strategy that offers one, kept honest by that test.
 * Rejected: specialising the general loop by flags tested per event (each
 * test is cheap, together they were the half). */

/* The run's next event into *ev, the clock moved to it: 1, or 0 when no event
 * is left, the run failed, or the progress callback stopped it. */
int eng_progress(sim_engine *e);
static inline int eng_next_event(sim_engine *e, evq_event *ev) {
  if (e->failed || evq_pop(&e->events, ev) != 0) return 0;
  e->now = ev->time;
  /* One well-predicted test per event: the callback runs 1 in 65536. */
  if ((++e->res->events & (SIM_PROGRESS_EVERY - 1)) == 0 && eng_progress(e) != 0) return 0;
  return 1;
}

#define ENG_HOT_INLINE EVQ_ALWAYS_INLINE /* evq.h: always inline under gcc and clang */

/* A plain run's eng_schedule: the same clock check and queue. Always
 * inline: gcc otherwise calls it out of line from a plain loop (a fifth of
 * the loop's instructions went to the call and its register saves). */
ENG_HOT_INLINE void eng_plain_schedule(sim_engine *e, sim_time delay, uint32_t kind, int32_t t) {
  if (eng_clock_passed(e, delay)) return;
  if (evq_schedule(&e->events, e->now + delay, delay, kind, (uint32_t)t, 0, e->tasks[t].cpu_gen) !=
      0)
    e->failed |= ENG_FAILED_MEMORY;
}

/* A plain run's eng_advance and eng_cpu_start in one: task t (READY on
 * `lane`, or just taken from a queue) starts its next step. Returns 1 when
 * it runs cpu on the lane until its CPU_END, 0 when it waits or has ended.
 * A zero cpu step is done at once, as eng_advance does it. */
ENG_HOT_INLINE int eng_plain_advance(sim_engine *e, int32_t t, int32_t lane) {
  assert(e->dispatching);
  eng_task *k = &e->tasks[t];
  for (;;) {
    if (k->state == ENG_DONE) return 0;
    const scn_step *s = eng_step(e, t);
    sim_time d = s->duration.value; /* fixed: the run is plain */
    if (s->kind == SCN_STEP_WAIT) {
      eng_task_set_state(e, t, ENG_WAITING);
      eng_plain_schedule(e, d, ENG_EV_WAIT_END, t);
      return 0;
    }
    if (d > 0) {
      k->remaining = d;
      e->task_lane[t] = lane;
      eng_task_set_state(e, t, ENG_RUNNING);
      eng_plain_schedule(e, d, ENG_EV_CPU_END, t);
      return 1;
    }
    eng_step_done(e, t); /* a zero-length cpu step takes no worker time */
  }
}

/* A plain run's CPU_END of task t: the slice (the whole cpu step) is
 * accounted and the task is READY on its lane, at its next step or ended. */
static inline void eng_plain_cpu_end(sim_engine *e, int32_t t) {
  assert(e->tasks[t].state == ENG_RUNNING);
  eng_cpu_account(e, t);
}

/* A plain run's WAIT_END of task t: READY at its next step (returns 0), or
 * ended (returns 1). */
static inline int eng_plain_wait_end(sim_engine *e, int32_t t) {
  assert(e->tasks[t].state == ENG_WAITING);
  eng_task_set_state(e, t, ENG_READY);
  return eng_step_done(e, t);
}

/* --- fidelity ------------------------------------------------------------------ */

/* The run's profile of measured costs (sim/profile.h); never NULL. */
static inline const sim_profile *eng_profile(const sim_engine *e) {
  return e->prof;
}
/* The run's seed, for a strategy's own seeded draws (rng.h). */
static inline uint64_t eng_seed(const sim_engine *e) {
  return e->seed;
}
/* An event loop that went to sleep at `idle_since` with nothing ready is
 * woken by a timer firing now, the first since (the one it computed its
 * sleep from): the time it really wakes. It slept a whole number of the
 * profile's timer_resolution (epoll's milliseconds), then wakes timer_late
 * after that. One rule for every loop (async, processes:mode=async). */
static inline sim_time eng_loop_wake_at(const sim_engine *e, sim_time idle_since) {
  sim_time res = e->prof->timer_resolution, d = e->now - idle_since;
  sim_time slept = res > 0 ? (d + res - 1) / res * res : d;
  return idle_since + slept + (d > 0 ? e->prof->timer_late : 0);
}
static inline void eng_set_wait_late(sim_engine *e, sim_time late) {
  assert(late >= 0);
  e->wait_late = late;
}
static inline void eng_set_end_on_resume(sim_engine *e, int on) {
  e->end_on_resume = on;
}
static inline void eng_set_wait_for_task(sim_engine *e, int on) {
  e->wait_for_task = on;
}
static inline const scn_step *eng_woke_step(const sim_engine *e) {
  return e->woke_step;
}
static inline sim_outcome eng_woke_outcome(const sim_engine *e) {
  return e->woke_outcome;
}
/* What the strategy's units of concurrency hold (run.h: mem_*): bytes for
 * the run, and per task in the system; resident and reserved. */
static inline void eng_set_memory(sim_engine *e, int64_t fixed, int64_t per_task,
                                  int64_t reserved_fixed, int64_t reserved_per_task) {
  e->res->mem_fixed = fixed;
  e->res->mem_per_task = per_task;
  e->res->mem_reserved_fixed = reserved_fixed;
  e->res->mem_reserved_per_task = reserved_per_task;
}

#endif

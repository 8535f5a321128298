/* engine.h - internal: the simulation core that strategies drive.
 *
 * The engine owns time, the event queue, the tasks' progress through their
 * steps, resources, spans and metrics. A strategy (one file each, see
 * strategy_impl.h) owns the workers: it decides which task runs cpu on which
 * lane, and when.
 *
 * The contract between them:
 *  - eng_advance(e, t) executes a task's zero-time steps (acquire, release,
 *    yield) and stops where the task needs something: ENG_NEEDS_CPU (its
 *    current step is cpu; task->remaining says how much is left),
 *    ENG_SUSPENDED_WAIT (a wait was scheduled), ENG_YIELDED, ENG_BLOCKED
 *    (queued on a resource) or ENG_DONE. A `block` step (a blocking call
 *    such as time.sleep) and an `offload` step (asyncio.to_thread) suspend like
 *    a wait; a strategy whose worker runs an event loop keeps the worker for a
 *    block step (eng_step(e, t)->kind == SCN_STEP_BLOCK): the loop is stalled.
 *  - The engine calls the strategy's wake(t) when a waiting or blocked task can
 *    go on (its wait ended, a release handed it the unit). If that was the
 *    task's last step it has already ended (state ENG_DONE): a strategy that
 *    holds a worker for it frees the worker, a ready queue skips it. The same
 *    goes for a task stopped by an error or cancelled: wake() is called (and
 *    cpu_end() if it was running), the task is ENG_DONE. wake runs inside
 *    another task's step or an event, so it must only record that the task
 *    can go on (push it on a queue); it never advances a task itself.
 *  - eng_cpu_start(e, t, lane, slice) runs a task's cpu for `slice`; the engine
 *    calls cpu_end(t, lane) when the slice is over (task->remaining updated;
 *    if the cpu step is finished, the task already points at the next step).
 *  - After start() and after every event the engine calls dispatch(), where the
 *    strategy puts idle lanes to work. All advancing happens there.
 */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include <stdint.h>

#include "evq.h"
#include "sim/run.h"
#include "sim/scenario.h"
#include "strategy_impl.h"

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
  ENG_RUNNING, /* on a lane (task->lane), running cpu */
  ENG_WAITING, /* in a wait step */
  ENG_BLOCKED, /* queued for a resource unit */
  ENG_DONE
} eng_task_state;

typedef enum eng_advance_result {
  ENG_NEEDS_CPU,
  ENG_SUSPENDED_WAIT,
  ENG_YIELDED,
  ENG_BLOCKED_ON_RESOURCE,
  ENG_FINISHED
} eng_advance_result;

/* 40 bytes a task (its end and READY total live in the result): with 1,000,000 tasks this is the engine's main memory. */
typedef struct eng_task {
  sim_time since;      /* when the current state began */
  sim_time remaining;  /* cpu left in the current cpu step; 0 = not sampled yet */
  int32_t next;     /* intrusive link: the one queue the task is in, -1 = end */
  int32_t lane;     /* RUNNING: the lane it runs on; otherwise free for the strategy
                       (strat_pool.c keeps the lane a task is bound to here) */
  uint32_t rep;     /* current repetition */
  uint32_t group;
  uint32_t cpu_gen; /* bumped when a pending event of the task is void (a cpu
                       slice preempted, a wait cancelled): stale events are ignored */
  uint16_t step;    /* current step, not yet done */
  uint8_t state;    /* eng_task_state */
  uint8_t blocked_on; /* BLOCKED: resource index */
} eng_task;

/* An intrusive FIFO of tasks, linked through eng_task.next. A task is in at
 * most one such queue at a time (a ready queue, a feed queue, a resource's). */
typedef struct eng_fifo {
  int32_t head, tail;
  int32_t len;
} eng_fifo;

typedef struct sim_engine {
  const scn_scenario *scn;
  const sim_strategy *cfg; /* the strategy and its parameters */
  void *st;                /* the strategy's own state, cfg->vt->state_size bytes */
  sim_time now;
  evq events;
  eng_task *tasks;
  int32_t ntasks;
  int32_t unfinished;
  int32_t *res_free; /* units free per resource */
  eng_fifo *res_queue;
  sim_result *res; /* metrics and spans being recorded */
  size_t spans_cap;
  int record_spans;
  int failed; /* ENG_FAILED_* bits: the loop stops at the next event */
  uint64_t seed;
  uint64_t *group_hash;  /* [ngroups] rng_hash_name(name): random streams follow names */
  int32_t *group_first;  /* [ngroups] the group's first task */
  uint64_t *arrival_key; /* [ngroups] the stream of the group's arrival gaps */
  int cancelling;        /* a TaskGroup cancel is under way */
} sim_engine;

enum {
  ENG_FAILED_MEMORY = 1, /* out of memory while recording */
  ENG_FAILED_CLOCK = 2   /* an event would land past SIM_TIME_MAX */
};

/* a + b for times (b >= 0), saturated at SIM_TIME_MAX instead of wrapping:
 * for spans and deadlines computed next to an eng_schedule, which is where
 * passing the end of the clock is detected and the run stopped. */
static inline sim_time eng_time_add(sim_time a, sim_time b) {
  return b > SIM_TIME_MAX - a ? SIM_TIME_MAX : a + b;
}

/* --- queues ------------------------------------------------------------- */
/* A task cancelled while queued (a TaskGroup cancel) stays linked and is
 * skipped when it reaches the head: unlinking from the middle would need a
 * doubly linked list, 4 more bytes a task for a rare event. */
static inline void eng_fifo_init(eng_fifo *q) {
  q->head = q->tail = -1;
  q->len = 0;
}
static inline void eng_fifo_push(sim_engine *e, eng_fifo *q, int32_t t) {
  e->tasks[t].next = -1;
  if (q->tail < 0)
    q->head = t;
  else
    e->tasks[q->tail].next = t;
  q->tail = t;
  q->len++;
}
static inline int32_t eng_fifo_pop(sim_engine *e, eng_fifo *q) {
  for (;;) {
    int32_t t = q->head;
    if (t < 0) return -1;
    q->head = e->tasks[t].next;
    if (q->head < 0) q->tail = -1;
    q->len--;
    if (e->tasks[t].state != ENG_DONE) return t;
  }
}

/* --- lanes, events, spans ------------------------------------------------ */

/* Adds a worker lane named `name` ("master", "thread 3"); returns its index or -1. */
int32_t eng_lane_add(sim_engine *e, const char *name);

/* Schedules an event `delay` from now. Returns 0 or -1 (out of memory: the run fails). */
int eng_schedule(sim_engine *e, sim_time delay, uint32_t kind, uint32_t a, uint32_t b, uint32_t c);

/* Records a span if spans are on (and it is not empty). */
void eng_span(sim_engine *e, sim_span_kind kind, sim_time start, sim_time end, int32_t task,
              int32_t lane);

/* A lane is about to run `task`; *last is the task it ran before (-1: none).
 * Moving to another task counts a switch and costs switch_cost: then the
 * switch span is recorded, ENG_EV_SWITCH_END(task, lane) is scheduled for the
 * strategy's event(), and 1 is returned (the lane is busy until then).
 * Otherwise returns 0 and the lane can run the task at once. */
int eng_switch_to(sim_engine *e, int32_t lane, int32_t *last, int32_t task);

/* --- tasks ----------------------------------------------------------------- */

/* Moves a task to a new state at `now`, closing the previous state's span. */
void eng_task_set_state(sim_engine *e, int32_t t, eng_task_state state);

/* Marks a task runnable (READY) and pushes it on q: the common "join the back
 * of the ready queue". */
static inline void eng_make_ready(sim_engine *e, eng_fifo *q, int32_t t) {
  eng_task_set_state(e, t, ENG_READY);
  eng_fifo_push(e, q, t);
}

eng_advance_result eng_advance(sim_engine *e, int32_t t);

/* Runs `slice` (0 < slice <= remaining) of the task's cpu step on `lane`. */
void eng_cpu_start(sim_engine *e, int32_t t, int32_t lane, sim_time slice);

/* Ends a running slice early (preemption): records the cpu done so far and
 * makes the pending CPU_END stale; the task becomes READY. cpu_end is not called. */
void eng_cpu_preempt(sim_engine *e, int32_t t);

/* The scenario step a task is at. */
static inline const scn_step *eng_step(const sim_engine *e, int32_t t) {
  const eng_task *k = &e->tasks[t];
  return &e->scn->groups[k->group].steps[k->step];
}

/* The strategy's state, typed by the strategy. */
#define ENG_STATE(e, type) ((type *)(e)->st)

#endif

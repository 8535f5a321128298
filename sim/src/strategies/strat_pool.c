/* strat_pool.c - worker lanes and shared cores: the machine behind threads,
 * processes and queue. The rules are in strat_pool.h; this file says how.
 *
 * Lanes. Each lane is a small state machine (phase) advanced only in
 * dispatch, from a FIFO "todo" list that wake, cpu_end and our events feed:
 * so the order in which lanes act at one instant is the order their events
 * were handled, and every run is deterministic.
 *
 * Slices. A cpu slice is started for at most what the lane may run before it
 * must be preempted, so preemption normally happens at a natural CPU_END:
 *  - with lanes waiting, the longest holder's slice ends at its deadline and
 *    every other holder's after at most `slice` (the deadline only ever moves
 *    later, and a holder that becomes the longest at time x has its deadline
 *    at x + slice or later, so no bounded slice overshoots);
 *  - with nobody waiting the slice is the whole cpu left (one event, one span,
 *    as under sync), and if lanes start waiting before it ends a single timer
 *    cuts it with eng_cpu_preempt at the deadline.
 * A cut leaves its CPU_END in the event queue, stale, until the slice's old
 * end S. The lane's next uncontended slice is cut short at S (one extra span
 * boundary), and if that one is cut too, its slices are bounded by `slice`
 * until S has passed: a lane never has more than two stale events pending, so
 * the queue never grows with the number of cuts. The rejected alternatives:
 * always slicing by `slice` (a thousand spans per 5 s move even when no
 * thread competes) and always cutting (one stale event per preemption: a CPU
 * hog among I/O threads would pile up thousands).
 */
#include "strat_pool.h"
#include "sim/sim_alloc.h"

#include <assert.h>

#include "rng.h"
#include <stdio.h>
#include <stdlib.h>

enum {
  POOL_EV_BUSY_END = ENG_EV_STRATEGY, /* a = lane: spawn or dequeue over */
  POOL_EV_CORE_SWITCH_END,            /* a = lane: a core handed to it is ready */
  POOL_EV_CUT,                        /* a = lane, c = timer gen: preempt the longest holder */
  POOL_EV_LOOP_WAKE                   /* a = lane, c = its wake gen: a loop's rounded wake-up */
};

typedef enum pool_phase {
  PL_TODO,    /* in the todo list: dispatch will advance it */
  PL_BUSY,    /* spawning, dequeuing or switching: an event ends it */
  PL_RUN,     /* running a cpu slice */
  PL_CPUWAIT, /* in the queue for a core */
  PL_PARKED,  /* its task waits or is blocked (not loop), or (loop) is in a blocking call */
  PL_IDLE     /* nothing to run (loop: until a wake) */
} pool_phase;

/* What a lane still owes before running a task it just took. */
typedef enum pool_stage { ST_DEQUEUE, ST_SWITCH, ST_RUN } pool_stage;

struct pool_lane {
  sim_time stall_since; /* loop: when its task's blocking call began */
  int32_t task;         /* the task it runs, -1: none */
  int32_t last;         /* the task it ran last, for eng_switch_to */
  int32_t next;         /* link in the todo list or the core queue (never both) */
  uint8_t phase, stage;
  uint8_t holds;     /* holds a core (or is being handed one) */
  uint8_t unbounded; /* its running slice was sized without a deadline: may need a cut */
};

struct pool_arb {
  int32_t prev, next;   /* in the holders list, by acquisition time */
  sim_time qsince;      /* when it joined the core queue */
  sim_time slice_end;   /* of its running slice */
  sim_time stale_until; /* stale CPU_ENDs of cut slices are pending until then */
  int32_t stale_n;      /* how many (0..2) */
};

/* A loop lane's sleep until a timer, with a profile's timer costs (see
 * strat_async.c: wake_idle): the timers that fired while it slept wait in
 * `due` for the rounded wake-up. */
struct pool_wakeup {
  sim_time idle_since; /* when the loop found nothing to run */
  eng_fifo due;
  uint32_t gen; /* of the pending POOL_EV_LOOP_WAKE */
  int pending;
};

/* --- small helpers ----------------------------------------------------------- */

static int32_t engine_lane(const pool_state *p, int32_t l) {
  return p->base + l;
}

/* A lane queue (todo, core queue, idle), linked through pool_lane.next. */
static void list_push(pool_state *p, eng_fifo *q, int32_t l) {
  eng_fifo_put(q, &p->lane[0].next, sizeof *p->lane, l);
}

static int32_t list_pop(pool_state *p, eng_fifo *q) {
  return eng_fifo_take(q, &p->lane[0].next, sizeof *p->lane);
}

static void todo_push(pool_state *p, int32_t l) {
  assert(p->lane[l].phase != PL_TODO);
  p->lane[l].phase = PL_TODO;
  list_push(p, &p->todo, l);
}

/* --- the GIL lane ------------------------------------------------------------- */

/* The GIL row shows who holds it: one span per holding task. */
static void gil_hold(sim_engine *e, pool_state *p, int32_t task) {
  if (p->gil_lane < 0 || p->gil_task == task) return;
  if (p->gil_task >= 0)
    eng_span(e, SIM_SPAN_GIL, p->gil_since, eng_now(e), p->gil_task, p->gil_lane);
  p->gil_task = task;
  p->gil_since = eng_now(e);
}

/* --- cores ---------------------------------------------------------------------- */

/* CPython: the first timed-wait expiry of any waiter that began at or after
 * the holder took the GIL (h): a waiter that began waiting at q wakes at
 * q + k * slice; an expiry at E saw no handoff when E - slice >= h. */
static sim_time cpython_due(const pool_state *p) {
  sim_time h = p->oldest_since, I = p->cfg.slice, due = SIM_TIME_MAX;
  for (int32_t w = p->cq.head; w >= 0; w = p->lane[w].next) {
    sim_time q = p->arb[w].qsince;
    sim_time e = q >= h ? q + I : q + ((h - q + I - 1) / I + 1) * I;
    if (e < due) due = e;
  }
  return due;
}

/* When the longest holder must give its core to the head of the queue. */
static sim_time oldest_due(const pool_state *p) {
  if (p->cfg.cpython) return cpython_due(p);
  sim_time from = p->oldest_since;
  sim_time head_since = p->arb[p->cq.head].qsince;
  if (head_since > from) from = head_since;
  return eng_time_add(from, p->cfg.slice);
}

/* Makes sure the longest holder is cut at its deadline when its running slice
 * would outlast it (bounded slices end on time by themselves). */
static void arm(sim_engine *e, pool_state *p) {
  if (p->cq.len == 0 || p->h_head < 0) return;
  int32_t o = p->h_head;
  /* CPython's deadline can move earlier (a new waiter's first expiry), so
   * there any running slice may need the cut, not only an unbounded one. */
  if (p->lane[o].phase != PL_RUN || (!p->lane[o].unbounded && !p->cfg.cpython)) return;
  sim_time due = oldest_due(p);
  if (due >= p->arb[o].slice_end) return;
  if (p->timer_lane == o && p->timer_at == due) return; /* already set */
  p->timer_gen++;
  p->timer_lane = o;
  p->timer_at = due;
  eng_schedule(e, due > eng_now(e) ? due - eng_now(e) : 0, POOL_EV_CUT, (uint32_t)o, 0,
               p->timer_gen);
}

/* Lane l now holds a core and can run: it joins the holders list. */
static void core_acquired(sim_engine *e, pool_state *p, int32_t l) {
  pool_arb *a = &p->arb[l];
  a->next = -1;
  a->prev = p->h_tail;
  if (p->h_tail < 0) {
    p->h_head = l;
    p->oldest_since = eng_now(e);
  } else {
    p->arb[p->h_tail].next = l;
  }
  p->h_tail = l;
  gil_hold(e, p, p->lane[l].task);
}

static void holders_unlink(sim_engine *e, pool_state *p, int32_t l) {
  pool_arb *a = &p->arb[l];
  if (a->prev < 0)
    p->h_head = a->next;
  else
    p->arb[a->prev].next = a->next;
  if (a->next < 0)
    p->h_tail = a->prev;
  else
    p->arb[a->next].prev = a->prev;
  if (a->prev < 0 && p->h_head >= 0) p->oldest_since = eng_now(e); /* a new longest holder */
}

static void cq_push(sim_engine *e, pool_state *p, int32_t l) {
  p->lane[l].phase = PL_CPUWAIT;
  p->arb[l].qsince = eng_now(e);
  list_push(p, &p->cq, l);
  arm(e, p);
}

/* Takes a waiter drawn from the run's seed out of the core queue. */
static int32_t cq_take_random(sim_engine *e, pool_state *p) {
  if (p->cq.len <= 1) return list_pop(p, &p->cq);
  uint64_t bits = rng_draw(rng_key(eng_seed(e), 0x67696c /* "gil" */, 0, 0), p->handoffs++);
  int32_t k = (int32_t)(bits % (uint64_t)p->cq.len);
  if (k == 0) return list_pop(p, &p->cq);
  int32_t prev = p->cq.head;
  for (int32_t i = 1; i < k; i++) prev = p->lane[prev].next;
  int32_t l = p->lane[prev].next;
  p->lane[prev].next = p->lane[l].next;
  if (p->cq.tail == l) p->cq.tail = prev;
  p->cq.len--;
  p->lane[l].next = -1;
  return l;
}

/* A core passes from one lane straight to the waiting lane h: a context
 * switch, which costs switch_cost (h holds the core meanwhile). */
static void core_handoff(sim_engine *e, pool_state *p, int32_t h) {
  pool_lane *ln = &p->lane[h];
  ln->holds = 1;
  int32_t row = p->gil_lane >= 0 ? p->gil_lane : engine_lane(p, h);
  if (eng_switch(e, ln->task, row, POOL_EV_CORE_SWITCH_END, (uint32_t)h, 0)) {
    ln->phase = PL_BUSY;
    return;
  }
  core_acquired(e, p, h);
  todo_push(p, h);
}

/* Lane l gives its core up: to the head of the queue, else it becomes free. */
static void core_release(sim_engine *e, pool_state *p, int32_t l) {
  pool_lane *ln = &p->lane[l];
  if (!p->arb || !ln->holds) return;
  ln->holds = 0;
  holders_unlink(e, p, l);
  gil_hold(e, p, -1);
  int32_t h = p->cfg.random_handoff ? cq_take_random(e, p) : list_pop(p, &p->cq);
  if (h >= 0)
    core_handoff(e, p, h);
  else
    p->free_cores++;
  arm(e, p);
}

/* Lane l takes a free core, or joins the queue for one (returns 1). */
static int core_take(sim_engine *e, pool_state *p, int32_t l) {
  if (p->free_cores == 0) {
    cq_push(e, p, l);
    return 1;
  }
  p->free_cores--;
  p->lane[l].holds = 1;
  core_acquired(e, p, l);
  return 0;
}

/* Starts lane l's task on cpu, or queues it for a core. */
static void cpu_request(sim_engine *e, pool_state *p, int32_t l) {
  pool_lane *ln = &p->lane[l];
  int32_t t = ln->task;
  sim_time slice = eng_task_remaining(e, t);
  ln->unbounded = 0;
  if (p->arb) {
    pool_arb *a = &p->arb[l];
    if (!ln->holds) {
      if (core_take(e, p, l) != 0) return;
    } else if (p->cq.len > 0 && p->h_head == l && eng_now(e) >= oldest_due(p)) {
      core_release(e, p, l); /* its turn is over: the head takes the core */
      cq_push(e, p, l);
      return;
    }
    if (a->stale_until <= eng_now(e)) a->stale_n = 0;
    if (p->cq.len > 0) {
      sim_time limit = p->h_head == l ? oldest_due(p) - eng_now(e) : p->cfg.slice;
      if (slice > limit) slice = limit;
    } else if (a->stale_n >= 2) {
      if (slice > p->cfg.slice) slice = p->cfg.slice;
    } else {
      if (a->stale_n == 1 && slice > a->stale_until - eng_now(e))
        slice = a->stale_until - eng_now(e);
      ln->unbounded = 1; /* sized without a deadline: arm() may have to cut it */
    }
    a->slice_end = eng_time_add(eng_now(e), slice);
    gil_hold(e, p, t);
  }
  eng_cpu_start(e, t, engine_lane(p, l), slice);
  ln->phase = PL_RUN;
}

/* --- lanes ----------------------------------------------------------------------- */

static int32_t take_task(sim_engine *e, pool_state *p, int32_t l) {
  if (p->cfg.loop) return eng_fifo_pop(e, &p->ready[l]);
  return eng_fifo_pop(e, &p->queue);
}

/* Lanes with nothing to run wait in p->idle, in the order they ran dry, so
 * the next arrival wakes the one idle longest in O(1). */

/* Advances lane l until it needs time: cpu, a wait, a switch, a dequeue. */
static void lane_run(sim_engine *e, pool_state *p, int32_t l) {
  pool_lane *ln = &p->lane[l];
  int32_t lane = engine_lane(p, l);
  for (;;) {
    if (ln->task < 0) {
      int32_t t = take_task(e, p, l);
      if (t < 0) {
        core_release(e, p, l);
        ln->phase = PL_IDLE;
        if (!p->cfg.loop) list_push(p, &p->idle, l);
        if (p->wk) p->wk[l].idle_since = eng_now(e);
        return;
      }
      ln->task = t;
      eng_task_bind(e, t, lane); /* so wake() finds the lane */
      ln->stage = p->cfg.latency > 0 ? ST_DEQUEUE : ST_SWITCH;
    }
    int32_t t = ln->task;
    if (ln->stage == ST_DEQUEUE) {
      ln->stage = ST_SWITCH;
      core_release(e, p, l);
      eng_span(e, SIM_SPAN_SWITCH, eng_now(e), eng_time_add(eng_now(e), p->cfg.latency), t, lane);
      eng_schedule(e, p->cfg.latency, POOL_EV_BUSY_END, (uint32_t)l, 0, 0);
      ln->phase = PL_BUSY;
      return;
    }
    if (ln->stage == ST_SWITCH) {
      ln->stage = ST_RUN;
      if (eng_switch_to(e, lane, &ln->last, t)) {
        core_release(e, p, l);
        ln->phase = PL_BUSY;
        return;
      }
    }
    /* CPython runs no bytecode without the GIL: take it or queue for it. */
    if (p->cfg.cpython && !ln->holds && core_take(e, p, l) != 0) return;
    switch (eng_advance(e, t)) {
    case ENG_NEEDS_CPU:
      cpu_request(e, p, l);
      return;
    case ENG_WAIT_FOR:
      assert(!"pools never set wait_for_task");
      return;
    case ENG_SUSPENDED_WAIT:
      if (p->cfg.loop && eng_step(e, t)->kind == SCN_STEP_BLOCK) {
        /* time.sleep() in a coroutine stalls this process's loop; the
         * process sleeps, so its core is free for others. */
        core_release(e, p, l);
        ln->stall_since = eng_now(e);
        ln->phase = PL_PARKED;
        return;
      }
      /* fall through */
    case ENG_BLOCKED_ON_RESOURCE:
      if (p->cfg.loop) {
        ln->task = -1; /* the loop moves on to its next ready task */
        break;
      }
      core_release(e, p, l);
      ln->phase = PL_PARKED;
      return;
    case ENG_YIELDED:
      if (p->cfg.loop) {
        eng_make_ready(e, &p->ready[l], t);
        ln->task = -1;
      } else if (p->cfg.yield_releases && ln->holds && p->cq.len > 0) {
        core_release(e, p, l); /* time.sleep(0): let the next thread in */
      }
      break;
    case ENG_FINISHED:
      ln->task = -1;
      break;
    }
  }
}

/* --- the strategy callbacks ------------------------------------------------------------ */

int pool_start(sim_engine *e, const pool_cfg *cfg, sim_error *err) {
  pool_state *p = ENG_STATE(e, pool_state);
  p->cfg = *cfg;
  p->cfg.cpython = cfg->cpython && cfg->gil;
  int32_t n = cfg->lanes;
  assert(n >= 1 && cfg->cores >= 1 && cfg->slice > 0);
  p->h_head = p->h_tail = -1;
  eng_fifo_init(&p->todo);
  eng_fifo_init(&p->cq);
  eng_fifo_init(&p->idle);
  eng_fifo_init(&p->queue);
  p->timer_lane = p->gil_task = -1;
  p->gil_lane = cfg->gil ? eng_lane_add(e, "GIL") : -1;
  p->lane = sim_malloc((size_t)n * sizeof *p->lane);
  if (cfg->loop) p->ready = sim_malloc((size_t)n * sizeof *p->ready);
  const sim_profile *pr = eng_profile(e);
  int timed = cfg->loop && (pr->timer_resolution > 0 || pr->timer_late > 0);
  if (timed) p->wk = sim_calloc((size_t)n, sizeof *p->wk);
  /* Sharing is needed when lanes outnumber cores; the GIL lane is drawn even
   * for one thread, so the GIL always goes through the arbiter. */
  if (cfg->gil || cfg->cores < n) {
    p->arb = sim_malloc((size_t)n * sizeof *p->arb);
    p->free_cores = cfg->gil ? 1 : cfg->cores;
  }
  if (!p->lane || (cfg->loop && !p->ready) || ((cfg->gil || cfg->cores < n) && !p->arb) ||
      (timed && !p->wk))
    return sim_fail(err, SIM_EFAIL, "%s: error: out of memory for %d %ss", eng_scenario(e)->file,
                    (int)n, cfg->lane_name);
  for (int32_t l = 0; l < n; l++) {
    char name[32];
    snprintf(name, sizeof name, "%s %d", cfg->lane_name, (int)l + 1);
    int32_t lane = eng_lane_add(e, name);
    if (lane < 0)
      return sim_fail(err, SIM_EFAIL, "%s: error: out of memory for lanes", eng_scenario(e)->file);
    if (l == 0) p->base = lane;
    p->lane[l] = (pool_lane){.task = -1, .last = -1, .next = -1, .phase = PL_IDLE};
    if (p->ready) eng_fifo_init(&p->ready[l]);
    if (p->wk) eng_fifo_init(&p->wk[l].due);
    if (p->arb) p->arb[l] = (pool_arb){.prev = -1, .next = -1};
  }
  eng_set_cores(e, cfg->gil ? 1 : cfg->cores < n ? cfg->cores : n);

  /* A loop's lateness is its own idle rule; blocking code's waits are late. */
  eng_set_wait_late(e, cfg->loop ? 0 : eng_profile(e)->sleep_late);
  eng_set_end_on_resume(e, cfg->cpython && cfg->gil);
  for (int32_t l = 0; l < n; l++) {
    sim_time up = cfg->spawn + (sim_time)(l + 1) * cfg->stagger;
    if (up > 0) {
      eng_span(e, SIM_SPAN_SWITCH, 0, up, -1, engine_lane(p, l));
      eng_schedule(e, up, POOL_EV_BUSY_END, (uint32_t)l, 0, 0);
      p->lane[l].phase = PL_BUSY;
    } else {
      todo_push(p, l);
    }
  }
  return 0;
}

/* A sleeping loop wakes now (an arrival, a unit handed over, or its rounded
 * wake-up): the timers that fired meanwhile join its ready queue first. */
static void loop_wake(sim_engine *e, pool_state *p, int32_t l) {
  pool_wakeup *w = &p->wk[l];
  w->pending = 0;
  w->gen++;
  for (int32_t t; (t = eng_fifo_pop(e, &w->due)) >= 0;) eng_fifo_push(e, &p->ready[l], t);
}

/* A timer fired for a sleeping loop with timer costs: the task waits in
 * `due` and the first such timer schedules the wake-up the loop computed its
 * sleep from (strat_async.c: wake_idle, the same rule). */
static void loop_timer(sim_engine *e, pool_state *p, int32_t l, int32_t task) {
  pool_wakeup *w = &p->wk[l];
  eng_make_ready(e, &w->due, task);
  if (w->pending) return;
  w->pending = 1;
  eng_schedule(e, eng_loop_wake_at(e, w->idle_since) - eng_now(e), POOL_EV_LOOP_WAKE, (uint32_t)l,
               0, w->gen);
}

/* A task is submitted (at t=0, or at its arrival) and waits, READY, for its
 * lane: the shared queue's next free lane, or with `loop` the lane dealt to it. */
void pool_arrive(sim_engine *e, int32_t task) {
  pool_state *p = ENG_STATE(e, pool_state);
  if (p->cfg.loop) {
    int32_t l = p->arrived++ % p->cfg.lanes;
    if (p->wk && p->lane[l].phase == PL_IDLE) loop_wake(e, p, l);
    eng_task_bind(e, task, engine_lane(p, l));
    eng_make_ready(e, &p->ready[l], task);
    if (p->lane[l].phase == PL_IDLE) todo_push(p, l);
    return;
  }
  eng_make_ready(e, &p->queue, task);
  int32_t l = list_pop(p, &p->idle);
  if (l >= 0) todo_push(p, l);
}

void pool_dispatch(sim_engine *e) {
  pool_state *p = ENG_STATE(e, pool_state);
  for (int32_t l; (l = list_pop(p, &p->todo)) >= 0;) lane_run(e, p, l);
}

void pool_wake(sim_engine *e, int32_t task) {
  pool_state *p = ENG_STATE(e, pool_state);
  /* Cancelled before any lane took it (it had not arrived, or was still in
   * the shared queue): no lane to wake, and the queue skips it. */
  if (eng_task_lane(e, task) < 0) {
    assert(eng_state_of(e, task) == ENG_DONE);
    return;
  }
  int32_t l = eng_task_lane(e, task) - p->base;
  assert(l >= 0 && l < p->cfg.lanes);
  pool_lane *ln = &p->lane[l];
  if (p->cfg.loop && ln->phase == PL_PARKED && ln->task == task) {
    /* The blocking call returned: the loop goes on with the same task. */
    eng_span(e, SIM_SPAN_STALL, ln->stall_since, eng_now(e), task, engine_lane(p, l));
    todo_push(p, l);
    return;
  }
  if (p->cfg.loop) {
    if (eng_state_of(e, task) == ENG_DONE) return; /* its last wait ended, or cancelled */
    if (p->wk && ln->phase == PL_IDLE) {
      if (eng_woke_step(e)) { /* a timer: the sleeping loop wakes when it rounds */
        loop_timer(e, p, l, task);
        return;
      }
      loop_wake(e, p, l);
    }
    eng_make_ready(e, &p->ready[l], task);
    if (ln->phase == PL_IDLE) todo_push(p, l);
    return;
  }
  /* A task cancelled while its lane was busy with it otherwise (queued for a
   * core, switching): the lane finds it ENG_DONE when it next advances it. */
  if (ln->task != task || ln->phase != PL_PARKED) {
    assert(eng_state_of(e, task) == ENG_DONE);
    return;
  }
  /* The lane's own task: it goes on (or, if that was its last step, the lane
   * takes the next task). */
  todo_push(p, l);
}

void pool_cpu_end(sim_engine *e, int32_t task, int32_t lane) {
  pool_state *p = ENG_STATE(e, pool_state);
  (void)task;
  int32_t l = lane - p->base;
  p->lane[l].unbounded = 0;
  todo_push(p, l);
}

void pool_event(sim_engine *e, const evq_event *ev) {
  pool_state *p = ENG_STATE(e, pool_state);
  switch (ev->kind) {
  case ENG_EV_SWITCH_END:
    todo_push(p, (int32_t)ev->b - p->base);
    break;
  case POOL_EV_BUSY_END:
    todo_push(p, (int32_t)ev->a);
    break;
  case POOL_EV_CORE_SWITCH_END:
    core_acquired(e, p, (int32_t)ev->a);
    todo_push(p, (int32_t)ev->a);
    break;
  case POOL_EV_LOOP_WAKE: {
    int32_t l = (int32_t)ev->a;
    if (ev->c != p->wk[l].gen || !p->wk[l].pending) break; /* woken earlier */
    loop_wake(e, p, l);
    todo_push(p, l);
    break;
  }
  case POOL_EV_CUT: {
    if (ev->c != p->timer_gen) break; /* re-armed since */
    int32_t o = (int32_t)ev->a;
    p->timer_lane = -1;
    pool_lane *ln = &p->lane[o];
    if (p->h_head == o && ln->phase == PL_RUN && (ln->unbounded || p->cfg.cpython) &&
        p->cq.len > 0 && eng_now(e) >= oldest_due(p) && eng_now(e) < p->arb[o].slice_end) {
      pool_arb *a = &p->arb[o];
      eng_cpu_preempt(e, ln->task);
      if (a->slice_end > a->stale_until) a->stale_until = a->slice_end;
      a->stale_n++;
      ln->unbounded = 0;
      todo_push(p, o); /* cpu_request will find its turn over */
    } else {
      arm(e, p);
    }
    break;
  }
  default:
    assert(!"unknown pool event");
    break;
  }
}

void pool_finish(sim_engine *e) {
  pool_state *p = ENG_STATE(e, pool_state);
  if (p->gil_task >= 0) gil_hold(e, p, -1); /* a run cut short (deadlock) */
  sim_free(p->lane);
  sim_free(p->ready);
  sim_free(p->wk);
  sim_free(p->arb);
  p->lane = NULL;
  p->ready = NULL;
  p->wk = NULL;
  p->arb = NULL;
}

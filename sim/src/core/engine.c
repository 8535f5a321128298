/* engine.c - the event loop, task stepping, resources, spans and metrics.
 *
 * See engine_api.h for the contract with strategies. The loop is: pop the next
 * event in (time, seq) order, handle it, let the strategy dispatch; repeat
 * until no event is left. The statistics are metrics.c's. The engine never decides who runs: that
 * is the strategy's job, so sync, async, threads and the rest share every rule about steps,
 * resources and bookkeeping.
 */
#include "engine_api.h"
#include "sim/sim_alloc.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "metrics.h"
#include "rng.h"
#include "strategy_impl.h"

/* --- spans and lanes ------------------------------------------------------- */

void eng_span_record(sim_engine *e, sim_span_kind kind, sim_time start, sim_time end, int32_t task,
                     int32_t lane) {
  if (end <= start || e->failed) return;
  sim_result *r = e->res;
  if (r->nspans == e->spans_cap) {
    size_t cap = e->spans_cap ? e->spans_cap * 2 : 1024;
    sim_span *spans = sim_realloc(r->spans, cap * sizeof *spans);
    if (!spans) {
      e->failed |= ENG_FAILED_MEMORY;
      return;
    }
    r->spans = spans;
    e->spans_cap = cap;
  }
  sim_span *s = &r->spans[r->nspans++];
  memset(s, 0, sizeof *s);
  s->start = start;
  s->end = end;
  s->task = task;
  s->lane = lane;
  s->kind = (uint8_t)kind;
  if (task >= 0) {
    const eng_task *k = &e->tasks[task];
    s->rep = k->rep;
    s->step = k->step;
    if (kind == SIM_SPAN_BLOCKED) s->resource_plus1 = (uint8_t)(k->blocked_on + 1);
  }
}

int32_t eng_lane_add(sim_engine *e, const char *name) {
  sim_result *r = e->res;
  sim_lane *lanes = sim_realloc(r->lanes, (size_t)(r->nlanes + 1) * sizeof *lanes);
  if (!lanes) {
    e->failed |= ENG_FAILED_MEMORY;
    return -1;
  }
  r->lanes = lanes;
  char *to = lanes[r->nlanes].name;
  size_t n = strlen(name), cap = sizeof lanes[r->nlanes].name - 1;
  if (n > cap) {
    /* Cut before a character, never inside one: the name goes into JSON. */
    n = cap;
    while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80) n--;
  }
  memcpy(to, name, n);
  to[n] = '\0';
  return r->nlanes++;
}

int eng_switch(sim_engine *e, int32_t task, int32_t row, uint32_t kind, uint32_t a, uint32_t b) {
  e->res->switches++;
  sim_time cost = e->cfg->switch_cost;
  if (cost == 0) return 0;
  eng_span(e, SIM_SPAN_SWITCH, e->now, eng_time_add(e->now, cost), task, row);
  eng_schedule(e, cost, kind, a, b, 0);
  return 1;
}

/* --- task states ------------------------------------------------------------ */

/* The span kind a state is drawn as; RUNNING's spans are recorded per cpu
 * slice by eng_cpu_*, PENDING and DONE have none. */
static int state_span_kind(eng_task_state s) {
  switch (s) {
  case ENG_READY:
    return SIM_SPAN_READY;
  case ENG_WAITING:
    return SIM_SPAN_WAIT;
  case ENG_BLOCKED:
    return SIM_SPAN_BLOCKED;
  default:
    return -1;
  }
}

void eng_task_close_span(sim_engine *e, int32_t t) {
  int kind = state_span_kind((eng_task_state)e->tasks[t].state);
  if (kind >= 0) eng_span_record(e, (sim_span_kind)kind, ENG_SINCE(e, t), e->now, t, -1);
}

/* --- stepping ----------------------------------------------------------------- */

/* The stream of task t's current step: see rng.h for why streams are keyed
 * by name, instance, repetition and step rather than drawn in event order. */
static uint64_t step_key(const sim_engine *e, int32_t t, uint32_t purpose) {
  const eng_task *k = &e->tasks[t];
  int g = eng_group_index(e, t);
  return dist_step_key(e->seed, e->group_hash[g], (uint32_t)(t - e->group_first[g]), k->rep,
                       k->step, purpose);
}

/* The helpers of a step below are inline: they run once or twice a move,
 * and a call each was a tenth of a big run (docs/performance.md). */
static inline sim_time sample(const sim_engine *e, int32_t t, const scn_dist *d) {
  if (d->kind == SCN_DIST_FIXED) return d->value; /* the common case: no hashing */
  return dist_sample(d, step_key(e, t, DIST_PURPOSE_DURATION));
}

/* Units of resource r a task holds at its current step: acquires minus
 * releases before it in the step list (the loader guarantees each repetition
 * starts holding nothing). */
static int held_units(const sim_engine *e, int32_t t, int r) {
  const eng_task *k = &e->tasks[t];
  const scn_group *g = eng_task_group(e, t);
  int held = 0;
  for (int i = 0; i < k->step && i < g->nsteps; i++) {
    if (g->steps[i].resource != r) continue;
    if (g->steps[i].kind == SCN_STEP_ACQUIRE) held++;
    if (g->steps[i].kind == SCN_STEP_RELEASE) held--;
  }
  return held;
}

/* A wait that was the task's last step ended: with end_on_resume the task
 * ends only when a worker next advances it. Returns 1 when that applies. */
static int defer_end(sim_engine *e, int32_t t) {
  if (!e->end_on_resume) return 0; /* first: the group is not looked up on every wait */
  eng_task *k = &e->tasks[t];
  const scn_group *g = eng_task_group(e, t);
  if (k->step + 1 < g->nsteps || k->rep + 1 < (uint32_t)g->repeat) return 0;
  k->remaining = ENG_END_ON_RESUME;
  return 1;
}

/* Starts the timer of a wait, block or offload step. The duration is drawn,
 * then whether it fails (fail: p, at its end) and whether the timeout cuts it
 * short first (asyncio.wait_for: the timeout wins a tie with a failure). */
static inline void start_timer(sim_engine *e, int32_t t, const scn_step *s, sim_time called) {
  sim_time d = sample(e, t, &s->duration);
  sim_outcome outcome = SIM_OUTCOME_OK;
  if (s->fail > 0 && rng_unit(step_key(e, t, DIST_PURPOSE_FAILURE)) < s->fail)
    outcome = SIM_OUTCOME_FAILED;
  int timeout = s->timeout > 0 && !e->cfg->ignore_timeouts;
  /* wait_for's timeout runs from its call, which may be before the wait. */
  sim_time limit = s->timeout - (e->now - called);
  if (limit < 0) limit = 0;
  if (timeout && d >= limit && (d > limit || outcome != SIM_OUTCOME_OK)) {
    d = limit;
    outcome = SIM_OUTCOME_TIMEOUT;
  }
  /* A blocking call returns late (time.sleep, a socket read); so does any
   * wait of blocking code. An event loop's waits are late by its idle rule. */
  if (s->kind == SCN_STEP_WAIT)
    d += e->wait_late;
  else
    d += e->prof->sleep_late;
  eng_task_set_state(e, t, ENG_WAITING);
  eng_schedule(e, d, ENG_EV_WAIT_END, (uint32_t)t, (uint32_t)outcome, e->tasks[t].cpu_gen);
}

/* The index of the to_thread pool among the resources: after the file's. */
static int pool_index(const sim_engine *e) {
  return e->scn->nresources;
}

/* The unit goes straight to the first task queued for it (no event: SPEC §2),
 * which the strategy then hears about through wake(). A to_thread pool unit
 * instead starts the queued task's call: the task stays suspended. */
static void resource_release(sim_engine *e, int r) {
  int32_t next = eng_fifo_pop(e, &e->res_queue[r]);
  if (next < 0) {
    e->res_free[r]++;
    assert(r == pool_index(e) || e->res_free[r] <= e->scn->resources[r].capacity);
    return;
  }
  assert(e->res_free[r] == 0);
  if (r == pool_index(e)) {
    start_timer(e, next, eng_step(e, next), e->now);
    return;
  }
  eng_task_set_state(e, next, ENG_READY); /* closes BLOCKED at the acquire step */
  eng_step_done(e, next);
  e->cfg->vt->wake(e, next);
}

/* --- errors and cancellation ---------------------------------------------------- */

static void note_outcome(sim_engine *e, int32_t t, sim_outcome outcome) {
  uint8_t *o = &e->res->task_outcome[t];
  if (outcome > *o) *o = (uint8_t)outcome;
}

/* Ends a task before its last step (an error it does not catch, or a
 * cancel): its pending event is voided, a running slice is accounted, the
 * units it holds are handed on (as `async with` does on an exception), and
 * the strategy hears of it through cpu_end or wake. */
static void task_stop(sim_engine *e, int32_t t, sim_outcome outcome) {
  eng_task *k = &e->tasks[t];
  note_outcome(e, t, outcome);
  k->cpu_gen++;
  int was_running = k->state == ENG_RUNNING;
  /* An offload's call in flight holds a pool thread until it returns; that
   * return is voided with the task, so the thread is given back here. */
  int holds_pool = k->state == ENG_WAITING && eng_step(e, t)->kind == SCN_STEP_OFFLOAD;
  int32_t lane = e->task_lane[t];
  if (was_running) {
    sim_time ran = e->now - ENG_SINCE(e, t);
    e->res->busy += ran;
    eng_span(e, SIM_SPAN_CPU, ENG_SINCE(e, t), e->now, t, lane);
    k->state = ENG_READY;
    ENG_SINCE(e, t) = e->now;
  }
  eng_task_set_state(e, t, ENG_DONE);
  e->res->task_end[t] = e->now;
  e->unfinished--;
  for (int r = 0; r < e->scn->nresources; r++)
    for (int n = held_units(e, t, r); n > 0; n--) resource_release(e, r);
  if (holds_pool) resource_release(e, pool_index(e));
  if (was_running)
    e->cfg->vt->cpu_end(e, t, lane);
  else
    e->cfg->vt->wake(e, t);
}

/* A TaskGroup: the first task that stops on an error cancels every other. */
static void cancel_all(sim_engine *e) {
  if (e->cancelling) return;
  e->cancelling = 1;
  for (int32_t t = 0; t < e->ntasks; t++)
    if (e->tasks[t].state != ENG_DONE) task_stop(e, t, SIM_OUTCOME_CANCELLED);
  e->cancelling = 0;
}

eng_advance_result eng_advance_steps(sim_engine *e, int32_t t) {
  assert(e->dispatching && "a task advances in dispatch(), never in arrive, wake or cpu_end");
  eng_task *k = &e->tasks[t];
  const scn_group *g = eng_task_group(e, t);
  if (k->remaining == ENG_END_ON_RESUME && k->state != ENG_DONE) {
    k->remaining = 0;
    eng_task_end(e, t);
  }
  for (;;) {
    if (k->state == ENG_DONE) return ENG_FINISHED;
    const scn_step *s = &g->steps[k->step];
    switch (s->kind) {
    case SCN_STEP_CPU:
      if (k->remaining == 0) {
        k->remaining = sample(e, t, &s->duration);
        if (e->prof->cpu_scale != 1000000) {
          /* In double: up to 1000x of a clock-sized step; capped far from overflow. */
          double scaled = (double)k->remaining * (double)e->prof->cpu_scale / 1e6 + 0.5;
          k->remaining = scaled < (double)(SIM_TIME_MAX / 4) ? (sim_time)scaled : SIM_TIME_MAX / 4;
        }
        if (k->remaining > 0 || e->prof->step_cost > 0) k->remaining += e->prof->step_cost;
      }
      if (k->remaining > 0) return ENG_NEEDS_CPU;
      eng_step_done(e, t); /* a zero-length cpu step takes no worker time */
      break;
    case SCN_STEP_WAIT: {
      sim_time called = e->now;
      if (k->remaining > 0) { /* wait_for was called earlier */
        called = k->remaining - 1;
        k->remaining = 0;
      } else if (e->wait_for_task && s->timeout > 0 && !e->cfg->ignore_timeouts) {
        k->remaining = e->now + 1;
        return ENG_WAIT_FOR;
      }
      start_timer(e, t, s, called);
      return ENG_SUSPENDED_WAIT;
    }
    case SCN_STEP_BLOCK:
      start_timer(e, t, s, e->now);
      return ENG_SUSPENDED_WAIT;
    case SCN_STEP_OFFLOAD:
      /* The call runs on a to_thread pool thread; with none free it queues. */
      if (e->res_free[pool_index(e)] > 0) {
        e->res_free[pool_index(e)]--;
        k->blocked_on = 0;
        start_timer(e, t, s, e->now);
      } else {
        k->blocked_on = (uint8_t)pool_index(e);
        eng_task_set_state(e, t, ENG_BLOCKED);
        eng_fifo_push(e, &e->res_queue[pool_index(e)], t);
      }
      return ENG_SUSPENDED_WAIT;
    case SCN_STEP_YIELD:
      return eng_step_done(e, t) ? ENG_FINISHED : ENG_YIELDED;
    case SCN_STEP_ACQUIRE:
      if (e->res_free[s->resource] > 0) {
        e->res_free[s->resource]--;
        eng_step_done(e, t);
        break;
      }
      k->blocked_on = (uint8_t)s->resource;
      eng_task_set_state(e, t, ENG_BLOCKED);
      eng_fifo_push(e, &e->res_queue[s->resource], t);
      return ENG_BLOCKED_ON_RESOURCE;
    case SCN_STEP_RELEASE:
      /* Hand the unit on before moving past the release, so a waiter woken
       * here joins the ready queue before this task can yield behind it. */
      resource_release(e, s->resource);
      eng_step_done(e, t);
      break;
    default:
      assert(!"unknown step kind");
      return ENG_FINISHED;
    }
  }
}

void eng_cpu_preempt(sim_engine *e, int32_t t) {
  assert(e->tasks[t].state == ENG_RUNNING);
  e->tasks[t].cpu_gen++;
  eng_cpu_account(e, t);
}

/* --- arrivals ------------------------------------------------------------------- */

static void schedule_arrival(sim_engine *e, int g, uint32_t i) {
  const scn_group *grp = &e->scn->groups[g];
  if ((int32_t)i >= e->count[g]) return;
  eng_schedule(e, dist_arrival_gap(&grp->arrivals, e->arrival_key[g], i), ENG_EV_ARRIVE,
               (uint32_t)g, i, 0);
}

/* A closed workload's tasks all arrive at t=0, in file order; an open
 * group's first arrival is an event (after them, even when it is at t=0). */
static void start_arrivals(sim_engine *e) {
  for (int g = 0; g < e->scn->ngroups; g++) {
    const scn_group *grp = &e->scn->groups[g];
    if (grp->arrivals.kind != SCN_ARRIVE_AT_START) {
      schedule_arrival(e, g, 0);
      continue;
    }
    for (int32_t i = 0; i < e->count[g]; i++) e->cfg->vt->arrive(e, e->group_first[g] + i);
  }
}

static void handle(sim_engine *e, const evq_event *ev) {
  int32_t t = (int32_t)ev->a;
  switch (ev->kind) {
  case ENG_EV_WAIT_END: {
    if (ev->c != e->tasks[t].cpu_gen) break; /* the task was cancelled */
    assert(e->tasks[t].state == ENG_WAITING);
    eng_task_set_state(e, t, ENG_READY); /* closes WAIT while the task is still on it */
    const scn_step *s = eng_step(e, t);
    if (s->kind == SCN_STEP_OFFLOAD) resource_release(e, pool_index(e));
    sim_outcome outcome = (sim_outcome)ev->b;
    if (outcome != SIM_OUTCOME_OK) {
      note_outcome(e, t, outcome);
      if ((*eng_task_group(e, t)).on_error == SCN_ON_ERROR_STOP) {
        task_stop(e, t, outcome);
        if (e->scn->cancel_on_error) cancel_all(e);
        break;
      }
    }
    if (!defer_end(e, t)) eng_step_done(e, t);
    e->woke_step = s;
    e->woke_outcome = outcome;
    e->cfg->vt->wake(e, t);
    e->woke_step = NULL;
    break;
  }
  case ENG_EV_CPU_END:
    if (ev->c != e->tasks[t].cpu_gen) break; /* the slice was preempted */
    assert(e->tasks[t].state == ENG_RUNNING && e->task_lane[t] == (int32_t)ev->b);
    eng_cpu_account(e, t);
    e->cfg->vt->cpu_end(e, t, (int32_t)ev->b);
    break;
  case ENG_EV_ARRIVE: {
    int32_t task = e->group_first[ev->a] + (int32_t)ev->b;
    if (e->tasks[task].state == ENG_DONE) { /* cancelled before it arrived */
      e->res->task_arrival[task] = e->res->task_end[task];
    } else {
      e->res->task_arrival[task] = e->now;
      e->cfg->vt->arrive(e, task);
    }
    schedule_arrival(e, (int)ev->a, ev->b + 1);
    break;
  }
  default: /* ENG_EV_SWITCH_END and the strategy's own kinds */
    assert(e->cfg->vt->event);
    e->cfg->vt->event(e, ev);
    break;
  }
}

static void dispatch(sim_engine *e) {
  e->dispatching = 1;
  e->cfg->vt->dispatch(e);
  e->dispatching = 0;
}

/* --- deadlock report -------------------------------------------------------- */

static void task_name(const sim_engine *e, int32_t t, char *buf, size_t size) {
  if (sim_task_name(e->scn, e->res, t, buf, size) < 0) snprintf(buf, size, "task %ld", (long)t + 1);
}

static int deadlock_report(sim_engine *e, sim_error *err) {
  char msg[sizeof err->msg];
  char tbuf[32];
  sim_time_format(e->now, tbuf, sizeof tbuf);
  size_t len = (size_t)snprintf(
      msg, sizeof msg, "%s: error: deadlock at %s: %d task(s) can never finish:", e->scn->file,
      tbuf, (int)e->unfinished);
  int shown = 0;
  for (int32_t t = 0; t < e->ntasks && len < sizeof msg; t++) {
    const eng_task *k = &e->tasks[t];
    if (k->state != ENG_BLOCKED) continue;
    if (shown++ == 8) {
      len += (size_t)snprintf(msg + len, sizeof msg - len, " ...");
      break;
    }
    char name[96];
    task_name(e, t, name, sizeof name);
    int r = k->blocked_on;
    len += (size_t)snprintf(msg + len, sizeof msg - len, " '%s' waits for '%s' (held by", name,
                            e->scn->resources[r].name);
    int holders = 0;
    for (int32_t h = 0; h < e->ntasks && len < sizeof msg; h++) {
      if (held_units(e, h, r) <= 0) continue;
      task_name(e, h, name, sizeof name);
      len += (size_t)snprintf(msg + len, sizeof msg - len, "%s '%s'", holders++ ? "," : "", name);
    }
    if (len < sizeof msg) len += (size_t)snprintf(msg + len, sizeof msg - len, ");");
  }
  if (shown == 0 && len < sizeof msg)
    snprintf(msg + len, sizeof msg - len, " no task is blocked on a resource (strategy stalled)");
  return sim_fail(err, SIM_EFAIL, "%s", msg);
}

/* --- the run ---------------------------------------------------------------- */

/* The run's arrays, each task laid out PENDING in file order: 0, or an
 * out-of-memory error (sim_run frees what was allocated). */
static int run_alloc(sim_engine *e, const scn_scenario *scn, const sim_strategy *strategy,
                     sim_result *out, sim_error *err) {
  size_t n = (size_t)e->ntasks;
  e->tasks = sim_calloc(n, sizeof *e->tasks);
  e->task_lane = sim_malloc(n * sizeof *e->task_lane + 1);
  out->task_end = sim_calloc(n, sizeof *out->task_end);
  out->task_ready = sim_calloc(n, sizeof *out->task_ready);
  out->task_outcome = sim_calloc(n, sizeof *out->task_outcome);
  out->task_arrival = sim_calloc(n, sizeof *out->task_arrival);
  e->arrival_key = sim_calloc((size_t)scn->ngroups, sizeof *e->arrival_key);
  e->seed = out->seed;
  e->group_hash = sim_calloc((size_t)scn->ngroups, sizeof *e->group_hash);
  e->group_first = sim_calloc((size_t)scn->ngroups, sizeof *e->group_first);
  e->ngroups = scn->ngroups;
  e->group_steps = sim_calloc((size_t)scn->ngroups, sizeof *e->group_steps);
  e->res_free = sim_calloc((size_t)scn->nresources + 1, sizeof *e->res_free);
  e->res_queue = sim_calloc((size_t)scn->nresources + 1, sizeof *e->res_queue);
  e->st = sim_calloc(1, strategy->vt->state_size ? strategy->vt->state_size : 1);
  if (!e->tasks || !e->task_lane || !e->group_steps || !out->task_end || !out->task_ready ||
      !out->task_outcome || !out->task_arrival || !e->arrival_key || !e->group_hash ||
      !e->group_first || !e->res_free || !e->res_queue || !e->st) {
    return sim_fail(err, SIM_EFAIL, "%s: error: out of memory for %d tasks", scn->file,
                    (int)e->ntasks);
  }
  for (int r = 0; r < scn->nresources; r++) {
    e->res_free[r] = scn->resources[r].capacity;
    eng_fifo_init(&e->res_queue[r]);
  }
  e->res_free[scn->nresources] = scn->offload_threads > 0 ? scn->offload_threads : 32;
  eng_fifo_init(&e->res_queue[scn->nresources]);
  e->since = out->task_end;
  e->ready_total = out->task_ready;
  int32_t t = 0;
  for (int g = 0; g < scn->ngroups; g++) {
    e->group_hash[g] = rng_hash_name(scn->groups[g].name);
    e->arrival_key[g] = dist_arrival_key(e->seed, e->group_hash[g]);
    if (scn->groups[g].arrivals.kind != SCN_ARRIVE_AT_START) out->open = 1;
    e->group_first[g] = t;
    e->group_steps[g] = scn->groups[g].steps;
    for (int32_t i = 0; i < e->count[g]; i++, t++) {
      e->tasks[t].next = -1;
      e->task_lane[t] = -1;
      e->tasks[t].state = ENG_PENDING;
    }
  }
  return 0;
}

int eng_progress(sim_engine *e) {
  const sim_run_opts *opts = e->opts;
  if (!opts || !opts->progress) return 0;
  if (opts->progress(opts->progress_ctx, e->res->events, e->now) == 0) return 0;
  e->stopped = 1;
  return 1;
}

/* Whether the run is plain (engine_api.h, "the plain loop"): asked after
 * start(), which sets the fidelity rules. O(steps), once a run. */
static int run_is_plain(const sim_engine *e) {
  if (e->record_spans || !e->cpu_as_written || e->wait_late != 0 || e->end_on_resume ||
      e->wait_for_task || e->res->open || e->cfg->switch_cost != 0)
    return 0;
  for (int g = 0; g < e->scn->ngroups; g++) {
    const scn_group *grp = &e->scn->groups[g];
    for (int i = 0; i < grp->nsteps; i++) {
      const scn_step *s = &grp->steps[i];
      if (s->duration.kind != SCN_DIST_FIXED) return 0;
      if (s->kind == SCN_STEP_CPU) continue;
      if (s->kind != SCN_STEP_WAIT || s->timeout > 0 || s->fail > 0) return 0;
    }
  }
  return 1;
}

/* A plain run's events each have a step's duration as their delay: those
 * get queues of their own in evq (the first EVQ_DELAYS durations met; the
 * rest, if any, use the heap). */
static void plain_delays(sim_engine *e) {
  for (int g = 0; g < e->scn->ngroups; g++) {
    const scn_group *grp = &e->scn->groups[g];
    for (int i = 0; i < grp->nsteps; i++) {
      const scn_step *s = &grp->steps[i];
      if (s->kind == SCN_STEP_CPU && s->duration.value == 0) continue; /* no event */
      if (evq_add_delay(&e->events, s->duration.value) != 0) return;
    }
  }
}

/* The event loop: handle the earliest event, let the strategy put its idle
 * lanes to work, until no event is left, the run failed or the progress
 * callback stopped it. A plain run goes to the strategy's own loop when it
 * has one and takes it. */
static void run_events(sim_engine *e) {
  if (e->plain) {
    e->dispatching = 1;
    e->res->plain_loop = e->cfg->vt->plain(e);
    e->dispatching = 0;
    if (e->res->plain_loop) return;
  }
  evq_event ev;
  while (eng_next_event(e, &ev)) {
    handle(e, &ev);
    dispatch(e);
  }
}

/* Why a loop that ran out of events stopped short: the clock's end, memory,
 * or tasks that nobody will wake (a deadlock). 0 when every task ended. */
static int run_verdict(sim_engine *e, sim_error *err) {
  const scn_scenario *scn = e->scn;
  const sim_strategy *strategy = e->cfg;
  int rc = 0;
  if (e->failed & ENG_FAILED_CLOCK) {
    char tbuf[32];
    sim_time_format(e->now, tbuf, sizeof tbuf);
    rc = sim_fail(err, SIM_EFAIL,
                  "%s: error: strategy %s: the run would pass the end of the simulated clock "
                  "(292471 years); stopped at %s. A duration drawn from a long tail (exp, "
                  "normal, lognormal) or a cost that repeats (switch_cost, latency) adds up "
                  "past what the clock can hold",
                  scn->file, sim_strategy_label(strategy), tbuf);
  } else if (e->failed) {
    rc = sim_fail(err, SIM_EFAIL, "%s: error: out of memory while simulating", scn->file);
  } else if (e->unfinished > 0) {
    rc = deadlock_report(e, err);
  }
  return rc;
}

/* The engine's own arrays; the result keeps its. */
static void run_free(sim_engine *e) {
  evq_free(&e->events);
  /* Freed before the metrics, whose copies then take its place at the peak. */
  sim_free(e->tasks);
  sim_free(e->task_lane);
  sim_free((void *)e->group_steps);
  sim_free(e->res_free);
  sim_free(e->res_queue);
  sim_free(e->st);
  sim_free(e->group_hash);
  sim_free(e->arrival_key);
  sim_free(e->group_first);
}

int sim_run(const scn_scenario *scn, const sim_strategy *strategy, const sim_run_opts *opts,
            sim_result *out, sim_error *err) {
  memset(out, 0, sizeof *out);
  sim_engine e;
  memset(&e, 0, sizeof e);
  e.scn = scn;
  e.cfg = strategy;
  e.res = out;
  e.opts = opts;
  e.record_spans = opts && opts->record_spans;
  sim_profile no_profile;
  sim_profile_defaults(&no_profile);
  e.prof = opts && opts->profile ? opts->profile : &no_profile;
  e.cpu_as_written = e.prof->cpu_scale == 1000000 && e.prof->step_cost == 0;
  evq_init(&e.events);
  snprintf(out->strategy, sizeof out->strategy, "%s", sim_strategy_label(strategy));
  out->seed = opts && (opts->has_seed || opts->seed) ? opts->seed : scn->seed;
  out->cores = 1;
  /* This run's own counts, kept in the result (they name its tasks): the
   * scenario is only read, so runs may share it across threads. */
  e.count = out->group_count =
      sim_malloc((size_t)(scn->ngroups > 0 ? scn->ngroups : 1) * sizeof *e.count);
  if (!e.count)
    return sim_fail(err, SIM_EFAIL, "%s: error: out of memory for %d tasks", scn->file,
                    (int)scn->ntasks);
  out->ngroups = scn->ngroups;
  int ran = 0;
  int rc = sim_task_counts(scn, out->seed, e.count, &e.ntasks, err);
  if (rc != 0) {
    sim_free(out->group_count);
    out->group_count = NULL;
    out->ngroups = 0;
    return rc;
  }
  e.unfinished = out->ntasks = e.ntasks;

  rc = run_alloc(&e, scn, strategy, out, err);
  if (rc != 0) goto done;

  if (out->open && !strategy->vt->arrive) {
    rc = sim_fail(err, SIM_EINPUT, "%s: error: strategy %s cannot run tasks that arrive over time",
                  scn->file, strategy->vt->name);
    goto done;
  }
  rc = strategy->vt->start(&e, err);
  if (rc != 0) goto done;
  e.plain = strategy->vt->plain && !(opts && opts->general_loop) && run_is_plain(&e);
  if (e.plain) plain_delays(&e);
  if (strategy->vt->arrive) start_arrivals(&e);
  dispatch(&e);
  run_events(&e);
  if (e.stopped)
    rc = sim_fail(err, SIM_EFAIL, "%s: error: strategy %s: stopped at %lld events", scn->file,
                  sim_strategy_label(strategy), (long long)out->events);
  else
    rc = run_verdict(&e, err);
  /* task_end held when each task's state began (ENG_SINCE): one that never
   * ended (a deadlock) has no end. */
  for (int32_t i = 0; i < e.ntasks; i++)
    if (e.tasks[i].state != ENG_DONE) out->task_end[i] = 0;
  ran = 1;

done:
  if (strategy->vt->finish && e.st) strategy->vt->finish(&e);
  run_free(&e);
  for (int32_t i = 0; i < out->ntasks && out->task_outcome; i++)
    out->outcomes[out->task_outcome[i]]++;
  if (ran && eng_metrics_finish(out) != 0 && rc == 0)
    rc = sim_fail(err, SIM_EFAIL, "%s: error: out of memory for the metrics", scn->file);
  return rc;
}

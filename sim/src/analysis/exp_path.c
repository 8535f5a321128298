/* exp_path.c - the critical path: walk back from the run's last span through
 * what each span waited for.
 *
 * A span that starts at s began because something ended at s (every event is
 * some span's end, except t=0 and an arrival). So the predecessor is always
 * one of the spans ending exactly at s, chosen by what the span was waiting
 * for (explain.h). Ready and blocked spans are usually not on the path
 * themselves: the worker or the holder that kept them waiting is. Each link
 * is picked among the few spans ending at one instant, so the walk costs
 * O(path x spans per instant) after the O(n log n) index.
 */
#include <stdlib.h>
#include <string.h>

#include "exp_internal.h"

#define NONE ((size_t)-1)

typedef struct walk {
  const exp_index *ix;
  size_t first, count; /* the spans ending at the current instant */
} walk;

static const sim_span *at(const walk *w, size_t k) {
  return &w->ix->res->spans[w->ix->by_end[w->first + k]];
}
static size_t idx(const walk *w, size_t k) {
  return w->ix->by_end[w->first + k];
}

/* The task's own row span ending now. */
static size_t own(const walk *w, int32_t task) {
  for (size_t k = 0; k < w->count; k++)
    if (exp_row_span(at(w, k)) && at(w, k)->task == task) return idx(w, k);
  return NONE;
}

/* The span that occupied `lane` until now (any lane when lane < 0), not `task`'s. */
static size_t lane_occupant(const walk *w, int32_t lane, int32_t task) {
  for (size_t k = 0; k < w->count; k++) {
    const sim_span *s = at(w, k);
    if (exp_lane_span(s) && (lane < 0 || s->lane == lane) &&
        (s->task != task || s->kind != SIM_SPAN_CPU))
      return idx(w, k);
  }
  return NONE;
}

/* A task that last ran on `lane` finishing something now (sync: the previous
 * board's last reply frees the master). */
static size_t lane_task(const walk *w, int32_t lane, int32_t task) {
  for (size_t k = 0; k < w->count; k++) {
    const sim_span *s = at(w, k);
    if (exp_row_span(s) && s->task != task && lane >= 0 && w->ix->task_lane[s->task] == lane)
      return idx(w, k);
  }
  return NONE;
}

/* A switch into the task ending now, on whichever row it was drawn (a core
 * handed over under a GIL). */
static size_t switch_into(const walk *w, int32_t task) {
  for (size_t k = 0; k < w->count; k++)
    if (at(w, k)->kind == SIM_SPAN_SWITCH && at(w, k)->task == task) return idx(w, k);
  return NONE;
}

/* Another task's cpu ending now: it gave up the core (a GIL hand-off). */
static size_t other_cpu(const walk *w, int32_t task) {
  for (size_t k = 0; k < w->count; k++)
    if (at(w, k)->kind == SIM_SPAN_CPU && at(w, k)->task != task) return idx(w, k);
  return NONE;
}

/* Any other task's row span ending now: the last resort for a task the
 * worker took up now (a task that never ran cpu has no lane to match). */
static size_t any_row(const walk *w, int32_t task) {
  for (size_t k = 0; k < w->count; k++)
    if (exp_row_span(at(w, k)) && at(w, k)->task != task) return idx(w, k);
  return NONE;
}

static int zero_time(scn_step_kind k) {
  return k == SCN_STEP_ACQUIRE || k == SCN_STEP_RELEASE || k == SCN_STEP_YIELD;
}

/* Did span y's task release resource r at y's end? A cpu, wait or blocked
 * span's step is the one that just ended (the zero-time steps after it ran
 * then); a ready span's step was recorded when it closed, after them; a
 * task that ended sits on its last step. The to_thread pool (r ==
 * nresources) is handed on when an offload's call returns. */
static int releases(const exp_index *ix, const sim_span *y, int r) {
  const scn_group *g = &ix->scn->groups[ix->task_group[y->task]];
  if (r >= ix->scn->nresources)
    return y->kind == SIM_SPAN_WAIT && g->steps[y->step].kind == SCN_STEP_OFFLOAD;
  int from, to;
  if (y->kind == SIM_SPAN_READY) {
    to = y->step;
    if (!zero_time(g->steps[to].kind)) to--;
    for (from = to; from > 0 && zero_time(g->steps[from - 1].kind); from--) {
    }
  } else {
    from = y->step + 1;
    for (to = from; to < g->nsteps && zero_time(g->steps[to].kind); to++) {
    }
    to--;
  }
  for (int k = from; k <= to && k >= 0; k++)
    if (g->steps[k].kind == SCN_STEP_RELEASE && g->steps[k].resource == r) return 1;
  return 0;
}

static size_t releaser(const walk *w, int32_t task, int r) {
  for (size_t k = 0; k < w->count; k++) {
    const sim_span *s = at(w, k);
    if (exp_row_span(s) && s->task != task && releases(w->ix, s, r)) return idx(w, k);
  }
  return NONE;
}

static size_t first_of(size_t a, size_t b, size_t c) {
  return a != NONE ? a : b != NONE ? b : c;
}

/* What span x waited for; NONE at t=0, an arrival, or nothing found. A
 * hand-off of resource r crossed on the way is counted in handoffs[r]. */
static size_t predecessor(const exp_index *ix, size_t xi, int32_t *handoffs) {
  const sim_span *x = &ix->res->spans[xi];
  if (x->start == 0) return NONE;
  walk w = {.ix = ix};
  w.count = exp_ending_at(ix, x->start, &w.first);
  const sim_span *sp = ix->res->spans;
  if (!exp_row_span(x)) { /* a switch or a stall on lane x->lane, for task x->task */
    size_t o = x->task >= 0 ? own(&w, x->task) : NONE;
    if (o != NONE && sp[o].kind == SIM_SPAN_READY) o = NONE;
    size_t p = lane_occupant(&w, x->lane, -2);
    return first_of(
        p, o,
        first_of(lane_task(&w, x->lane, x->task), other_cpu(&w, x->task), any_row(&w, x->task)));
  }
  int32_t lane = x->kind == SIM_SPAN_CPU ? x->lane : ix->task_lane[x->task];
  size_t o = own(&w, x->task);
  if (o == NONE) { /* the task starts now: it arrived, or a worker took it up */
    if (ix->res->task_arrival[x->task] == x->start) return NONE;
    return first_of(lane_occupant(&w, lane, x->task), lane_task(&w, lane, x->task),
                    first_of(other_cpu(&w, x->task), any_row(&w, x->task), NONE));
  }
  if (sp[o].kind == SIM_SPAN_BLOCKED) {
    int r = sp[o].resource_plus1 - 1;
    size_t h = releaser(&w, x->task, r);
    if (h == NONE) return o;
    if (r >= 0 && r <= ix->scn->nresources) handoffs[r]++;
    return h;
  }
  if (sp[o].kind == SIM_SPAN_READY) {
    size_t p = first_of(lane_occupant(&w, lane, x->task), switch_into(&w, x->task),
                        first_of(lane_task(&w, lane, x->task), other_cpu(&w, x->task), NONE));
    /* With lane unknown (a wait or an acquire right after the loop took the
     * task), any lane's occupant. */
    if (p == NONE && x->kind != SIM_SPAN_CPU) p = lane_occupant(&w, -1, x->task);
    return p != NONE ? p : o;
  }
  return o;
}

/* The span the run ends with: the last-ending task's last row span. Among
 * tasks ending together, the lowest-numbered. */
static size_t last_span(const exp_index *ix) {
  const sim_result *r = ix->res;
  size_t first, n = exp_ending_at(ix, r->makespan, &first), best = NONE;
  for (size_t k = 0; k < n; k++) {
    size_t i = ix->by_end[first + k];
    const sim_span *s = &r->spans[i];
    if (!exp_row_span(s) || r->task_end[s->task] != r->makespan) continue;
    if (best == NONE || s->task < r->spans[best].task) best = i;
  }
  if (best == NONE && n > 0) best = ix->by_end[first + n - 1];
  return best;
}

int exp_path_find(const exp_index *ix, exp_explain *ex, int32_t *handoffs) {
  const sim_result *r = ix->res;
  ex->critical = sim_calloc(r->nspans + 1, 1);
  size_t cap = 64, n = 0;
  ex->path_spans = sim_malloc(cap * sizeof *ex->path_spans);
  if (!ex->critical || !ex->path_spans) return -1;
  sim_time begin = r->makespan;
  int gap_kind = EXP_PATH_OTHER;
  for (size_t i = r->makespan > 0 ? last_span(ix) : NONE; i != NONE;
       i = predecessor(ix, i, handoffs)) {
    const sim_span *s = &r->spans[i];
    if (n == cap) {
      size_t *grown = sim_realloc(ex->path_spans, 2 * cap * sizeof *grown);
      if (!grown) return -1;
      ex->path_spans = grown;
      cap *= 2;
    }
    ex->path_spans[n++] = i;
    ex->critical[i] = 1;
    ex->path[exp_path_kind(ix, s)] += s->end - s->start;
    begin = s->start;
    gap_kind = s->task >= 0 && begin > 0 && r->task_arrival[s->task] == begin ? EXP_PATH_ARRIVAL
                                                                              : EXP_PATH_OTHER;
  }
  ex->path[gap_kind] += begin; /* before the first link: 0 when the path starts at t=0 */
  for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
    size_t t = ex->path_spans[a];
    ex->path_spans[a] = ex->path_spans[b];
    ex->path_spans[b] = t;
  }
  ex->npath = n;
  return 0;
}

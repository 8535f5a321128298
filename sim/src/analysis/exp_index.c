/* exp_index.c - the per-run lookups of exp_internal.h. */
#include <stdlib.h>
#include <string.h>

#include "exp_internal.h"

/* qsort has no context argument in C11: sort (end, index) pairs, no global. */
typedef struct end_key {
  sim_time end;
  size_t index;
} end_key;

static int end_key_cmp(const void *a, const void *b) {
  const end_key *x = a, *y = b;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int sort_by_end(exp_index *ix) {
  size_t n = ix->res->nspans, sorted = 1;
  /* Without switch costs spans are recorded as they end: already in order. */
  while (sorted < n && ix->res->spans[sorted - 1].end <= ix->res->spans[sorted].end) sorted++;
  if (sorted >= n) {
    for (size_t k = 0; k < n; k++) ix->by_end[k] = k;
    return 0;
  }
  end_key *keys = sim_malloc((n + 1) * sizeof *keys);
  if (!keys) return -1;
  for (size_t i = 0; i < n; i++) keys[i] = (end_key){ix->res->spans[i].end, i};
  qsort(keys, n, sizeof *keys, end_key_cmp);
  for (size_t i = 0; i < n; i++) ix->by_end[i] = keys[i].index;
  sim_free(keys);
  return 0;
}

/* Held units per step: acquires minus releases before it (the loader
 * guarantees each repetition starts holding nothing). */
static int build_held(exp_index *ix) {
  const scn_scenario *scn = ix->scn;
  size_t total = 0, nr = (size_t)scn->nresources;
  ix->held_at = sim_calloc((size_t)scn->ngroups + 1, sizeof *ix->held_at);
  if (!ix->held_at) return -1;
  for (int g = 0; g < scn->ngroups; g++) {
    ix->held_at[g] = total;
    total += (size_t)scn->groups[g].nsteps * nr;
  }
  ix->held = sim_calloc(total + 1, sizeof *ix->held);
  if (!ix->held) return -1;
  for (int g = 0; g < scn->ngroups; g++) {
    const scn_group *grp = &scn->groups[g];
    int16_t *row = ix->held + ix->held_at[g];
    for (int k = 1; k < grp->nsteps; k++) {
      memcpy(row + (size_t)k * nr, row + (size_t)(k - 1) * nr, nr * sizeof *row);
      const scn_step *prev = &grp->steps[k - 1];
      if (prev->resource < 0 || prev->resource >= scn->nresources) continue;
      if (prev->kind == SCN_STEP_ACQUIRE) row[(size_t)k * nr + (size_t)prev->resource]++;
      if (prev->kind == SCN_STEP_RELEASE) row[(size_t)k * nr + (size_t)prev->resource]--;
    }
  }
  return 0;
}

/* A lane is an event loop when a task starts running on it while another
 * task that ran there has not ended: sync, a thread or an rq worker runs one
 * task to its end; a loop interleaves them. Spans, not the strategy's name,
 * decide, so a new strategy is classified without touching this file. */
static int build_loops(exp_index *ix) {
  const sim_result *r = ix->res;
  ix->loop_lane = sim_calloc((size_t)r->nlanes + 1, 1);
  int32_t *last = sim_malloc(((size_t)r->nlanes + 1) * sizeof *last);
  if (!ix->loop_lane || !last) {
    sim_free(last);
    return -1;
  }
  for (int l = 0; l < r->nlanes; l++) last[l] = -1;
  /* cpu spans in end order are in start order per lane: a lane's spans never overlap. */
  for (size_t k = 0; k < r->nspans; k++) {
    const sim_span *s = &r->spans[ix->by_end[k]];
    if (s->kind != SIM_SPAN_CPU || s->lane < 0 || s->lane >= r->nlanes) continue;
    int32_t p = last[s->lane];
    if (p >= 0 && p != s->task && r->task_end[p] > s->start) ix->loop_lane[s->lane] = 1;
    last[s->lane] = s->task;
  }
  sim_free(last);
  return 0;
}

/* Every span must name a task, lane and step the run and scenario have:
 * the analysis indexes by them without further checks. */
static int spans_fit(const scn_scenario *scn, const sim_result *res) {
  for (size_t i = 0; i < res->nspans; i++) {
    const sim_span *s = &res->spans[i];
    if (s->task >= res->ntasks || s->lane >= res->nlanes || s->end < s->start ||
        s->kind >= SIM_SPAN_KIND_COUNT || (s->kind == SIM_SPAN_CPU && s->lane < 0))
      return 0;
    if (s->task < 0) continue;
    int32_t inst;
    int g = sim_task_group(scn, res, s->task, &inst);
    if (g < 0 || s->step >= scn->groups[g].nsteps) return 0;
  }
  return 1;
}

int exp_index_build(exp_index *ix, const scn_scenario *scn, const sim_result *res) {
  memset(ix, 0, sizeof *ix);
  ix->scn = scn;
  ix->res = res;
  ix->gil_lane = -1;
  if (!spans_fit(scn, res)) return 1;
  size_t n = res->nspans, nt = (size_t)res->ntasks;
  ix->by_end = sim_malloc((n + 1) * sizeof *ix->by_end);
  ix->task_group = sim_malloc((nt + 1) * sizeof *ix->task_group);
  ix->task_lane = sim_malloc((nt + 1) * sizeof *ix->task_lane);
  ix->task_cpu = sim_calloc(nt + 1, sizeof *ix->task_cpu);
  ix->task_first = sim_malloc((nt + 1) * sizeof *ix->task_first);
  if (!ix->by_end || !ix->task_group || !ix->task_lane || !ix->task_cpu || !ix->task_first)
    return -1;
  if (sort_by_end(ix) != 0) return -1;
  for (int32_t t = 0; t < res->ntasks; t++) { /* the run's own counts (sim_task_group) */
    int32_t inst;
    int g = sim_task_group(scn, res, t, &inst);
    ix->task_group[t] = g >= 0 ? g : 0;
  }
  for (size_t i = 0; i < nt; i++) {
    ix->task_lane[i] = -1;
    ix->task_first[i] = SIM_TIME_MAX;
  }
  for (size_t i = 0; i < n; i++) {
    const sim_span *s = &res->spans[i];
    if (s->kind == SIM_SPAN_GIL) ix->gil_lane = s->lane;
    if (!exp_row_span(s) || s->task >= res->ntasks) continue;
    if (s->start < ix->task_first[s->task]) ix->task_first[s->task] = s->start;
    if (s->kind != SIM_SPAN_CPU) continue;
    ix->task_cpu[s->task] += s->end - s->start;
    if (ix->task_lane[s->task] < 0) ix->task_lane[s->task] = s->lane;
  }
  if (build_held(ix) != 0 || build_loops(ix) != 0) return -1;
  return 0;
}

void exp_index_free(exp_index *ix) {
  sim_free(ix->by_end);
  sim_free(ix->task_group);
  sim_free(ix->task_lane);
  sim_free(ix->task_cpu);
  sim_free(ix->task_first);
  sim_free(ix->held);
  sim_free(ix->held_at);
  sim_free(ix->loop_lane);
  memset(ix, 0, sizeof *ix);
}

size_t exp_ending_at(const exp_index *ix, sim_time t, size_t *first) {
  const sim_span *sp = ix->res->spans;
  size_t lo = 0, hi = ix->res->nspans;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sp[ix->by_end[mid]].end < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t end = lo;
  while (end < ix->res->nspans && sp[ix->by_end[end]].end == t) end++;
  *first = lo;
  return end - lo;
}

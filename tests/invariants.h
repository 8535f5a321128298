/* invariants.h - checks that hold for every run under every strategy, read
 * only from the span record (what the trace and the window show):
 *  - a task's spans never overlap;
 *  - a lane runs one thing at a time (cpu or switch);
 *  - at most `cores` cpu spans at any instant;
 *  - a resource is never held by more tasks than its capacity;
 *  - the cpu time recorded equals the cpu time the scenario asks for, and the
 *    result's busy time.
 * Included by test files after <cmocka.h>; every function is static.
 */
#ifndef TESTS_INVARIANTS_H
#define TESTS_INVARIANTS_H

#include <stdlib.h>
#include <string.h>

#include "sim/run.h"

typedef struct inv_edge {
  sim_time time;
  int delta; /* +n at a start, -n at an end */
} inv_edge;

/* Ends sort before starts at the same instant: [a,b) then [b,c) do not overlap. */
static int inv_edge_cmp(const void *x, const void *y) {
  const inv_edge *a = x, *b = y;
  if (a->time != b->time) return a->time < b->time ? -1 : 1;
  return (a->delta > b->delta) - (a->delta < b->delta);
}

/* The largest sum of deltas at any instant. */
static int inv_peak(inv_edge *edges, size_t n) {
  qsort(edges, n, sizeof *edges, inv_edge_cmp);
  int level = 0, peak = 0;
  for (size_t i = 0; i < n; i++) {
    level += edges[i].delta;
    if (level > peak) peak = level;
  }
  return peak;
}

static int inv_span_on_task(const sim_span *s) { return s->task >= 0 && s->kind != SIM_SPAN_SWITCH; }
static int inv_span_on_lane(const sim_span *s) {
  return s->lane >= 0 && (s->kind == SIM_SPAN_CPU || s->kind == SIM_SPAN_SWITCH);
}

/* Units of resource r a task holds while at step `step` (acquires minus
 * releases before it: the loader guarantees each repetition starts empty). */
static int inv_held(const scn_group *g, int step, int r) {
  int held = 0;
  for (int i = 0; i < step; i++) {
    if (g->steps[i].resource != r) continue;
    if (g->steps[i].kind == SCN_STEP_ACQUIRE) held++;
    if (g->steps[i].kind == SCN_STEP_RELEASE) held--;
  }
  return held;
}

static void check_invariants(const scn_scenario *scn, const sim_result *res) {
  size_t n = res->nspans;
  inv_edge *edges = malloc((2 * n + 2) * sizeof *edges);
  assert_non_null(edges);

  /* One row at a time: tasks, then lanes. */
  for (int32_t row = 0; row < res->ntasks + res->nlanes; row++) {
    int is_task = row < res->ntasks;
    int32_t id = is_task ? row : row - res->ntasks;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
      const sim_span *s = &res->spans[i];
      int mine = is_task ? inv_span_on_task(s) && s->task == id : inv_span_on_lane(s) && s->lane == id;
      if (!mine) continue;
      assert_true(s->end > s->start);
      if (is_task) {
        int32_t inst;
        assert_true(s->step < scn->groups[scn_task_group(scn, id, &inst)].nsteps);
      }
      edges[m++] = (inv_edge){s->start, 1};
      edges[m++] = (inv_edge){s->end, -1};
    }
    if (inv_peak(edges, m) > 1)
      fail_msg("%s %d has overlapping spans", is_task ? "task" : "lane", (int)id);
  }

  /* CPU spans at once: at most the cores. */
  size_t m = 0;
  sim_time cpu = 0;
  for (size_t i = 0; i < n; i++) {
    const sim_span *s = &res->spans[i];
    if (s->kind != SIM_SPAN_CPU) continue;
    assert_true(s->lane >= 0 && s->lane < res->nlanes);
    edges[m++] = (inv_edge){s->start, 1};
    edges[m++] = (inv_edge){s->end, -1};
    cpu += s->end - s->start;
  }
  if (inv_peak(edges, m) > res->cores)
    fail_msg("more cpu spans at once than %d core(s)", res->cores);

  /* CPU asked: fixed durations only (random ones are checked against busy). */
  sim_time asked = 0;
  int all_fixed = 1;
  for (int g = 0; g < scn->ngroups; g++)
    for (int i = 0; i < scn->groups[g].nsteps; i++) {
      const scn_step *st = &scn->groups[g].steps[i];
      if (st->kind != SCN_STEP_CPU) continue;
      if (st->duration.kind != SCN_DIST_FIXED) all_fixed = 0;
      asked += st->duration.value * scn->groups[g].count * scn->groups[g].repeat;
    }
  if (res->nspans > 0 || res->busy == 0) assert_int_equal(cpu, res->busy);
  if (all_fixed) assert_int_equal(res->busy, asked);

  /* Resources: a task holds what it acquired before the step each span is at. */
  for (int r = 0; r < scn->nresources; r++) {
    m = 0;
    for (size_t i = 0; i < n; i++) {
      const sim_span *s = &res->spans[i];
      if (!inv_span_on_task(s)) continue;
      int32_t inst;
      int g = scn_task_group(scn, s->task, &inst);
      int held = inv_held(&scn->groups[g], s->step, r);
      if (held <= 0) continue;
      edges[m++] = (inv_edge){s->start, held};
      edges[m++] = (inv_edge){s->end, -held};
    }
    if (inv_peak(edges, m) > scn->resources[r].capacity)
      fail_msg("resource '%s' held beyond its capacity %d", scn->resources[r].name,
               (int)scn->resources[r].capacity);
  }
  free(edges);
}

#endif

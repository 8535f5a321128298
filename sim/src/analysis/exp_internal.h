/* exp_internal.h - internal: the lookups the path, lint and bottleneck code
 * share, built once per explained run.
 *
 * Spans are stored in the order they ended, but a switch is recorded when it
 * starts, so `by_end` sorts their indices by end time: "which spans end at
 * t" is then a binary search. Memory: about 24 bytes a span and 16 a task.
 */
#ifndef SIM_EXP_INTERNAL_H
#define SIM_EXP_INTERNAL_H

#include "sim/explain.h"
#include "sim/sim_alloc.h"

typedef struct exp_index {
  const scn_scenario *scn;
  const sim_result *res;
  size_t *by_end;       /* [nspans] span indices sorted by (end, index) */
  int32_t *task_group;  /* [ntasks] */
  int32_t *task_lane;   /* [ntasks] the lane of the task's first cpu span, -1: none */
  sim_time *task_cpu;   /* [ntasks] the task's cpu time */
  sim_time *task_first; /* [ntasks] start of its first span, SIM_TIME_MAX: none */
  int16_t *held;        /* per group, per step, per resource: units held at that step */
  size_t *held_at;      /* [ngroups] offset of the group's table in held */
  uint8_t *loop_lane;   /* [nlanes] 1: the lane interleaves tasks (an event loop) */
  int32_t gil_lane;     /* the lane holding GIL spans, -1: none */
} exp_index;

/* Returns 0, -1 when out of memory, 1 when the spans do not fit the scenario. */
int exp_index_build(exp_index *ix, const scn_scenario *scn, const sim_result *res);
void exp_index_free(exp_index *ix);

/* The spans ending at t: by_end[*first .. *first + return value). */
size_t exp_ending_at(const exp_index *ix, sim_time t, size_t *first);

/* Units of resource r the task holds while at `step`. */
static inline int exp_held(const exp_index *ix, int32_t task, int step, int r) {
  const int32_t g = ix->task_group[task];
  return ix->held[ix->held_at[g] + (size_t)step * (size_t)ix->scn->nresources + (size_t)r];
}

/* The step a span belongs to. A stall is recorded when the blocking call
 * returns, after the task moved past the block step: walk back to it. */
static inline int exp_span_step(const exp_index *ix, const sim_span *s) {
  const scn_group *g = &ix->scn->groups[ix->task_group[s->task]];
  if (s->kind != SIM_SPAN_STALL) return s->step;
  for (int k = 0, i = s->step; k<g->nsteps; k++, i = i> 0 ? i - 1 : g->nsteps - 1)
    if (g->steps[i].kind == SCN_STEP_BLOCK) return i;
  return s->step;
}

static inline const scn_step *exp_step(const exp_index *ix, const sim_span *s) {
  return &ix->scn->groups[ix->task_group[s->task]].steps[exp_span_step(ix, s)];
}

/* A span on a task's own row (cpu, wait, ready, blocked). */
static inline int exp_row_span(const sim_span *s) {
  return s->task >= 0 && !sim_span_kind_lane_only((sim_span_kind)s->kind);
}

/* A span that occupies a worker lane: cpu, switch, stall (GIL spans shadow cpu). */
static inline int exp_lane_span(const sim_span *s) {
  return s->lane >= 0 && s->kind != SIM_SPAN_GIL;
}

/* The kind a span counts as on the path: its own, except that a blocking
 * call's wait on an event loop is the loop's stall. */
int exp_path_kind(const exp_index *ix, const sim_span *s);

/* The path walk: fills ex->path, path_spans, critical, and the hand-offs it
 * crossed per resource ([nresources + 1], the last the to_thread pool). */
int exp_path_find(const exp_index *ix, exp_explain *ex, int32_t *handoffs);

/* The lints, appended to ex->lints. */
int exp_lints_find(const exp_index *ix, const exp_thresholds *th, exp_explain *ex);

/* The bottleneck and its sentence, from the path. */
void exp_bottleneck_find(const exp_index *ix, const int32_t *handoffs, exp_explain *ex);

/* Appends a lint, folding it into an earlier one of the same code, group and
 * step (the count goes up; the first occurrence's text stays). */
exp_lint *exp_lint_add(exp_explain *ex, const char *code, sim_time at, int32_t task, int32_t group,
                       int step, int *is_new);

/* Display helpers shared by the lint and bottleneck text. */
void exp_task_name(const exp_index *ix, int32_t task, char *buf, size_t size);
void exp_duration(sim_time t, char *buf, size_t size);
const char *exp_worker(const exp_index *ix);
/* The workers as a phrase, "the master" or "the 4 processes" (the GIL lane
 * aside); returns how many. */
int exp_workers(const exp_index *ix, char *buf, size_t size);
/* The strategy already overlaps waits: an event loop, or a worker per task. */
int exp_overlaps(const exp_index *ix);

#endif

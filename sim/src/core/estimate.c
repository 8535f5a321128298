/* estimate.c - the size of a run before it runs; see estimate.h.
 *
 * Calibrated against the shipped scenarios (bench-free: a ratio, not a
 * time): the event count is within 2x of the real one for every scenario
 * and strategy, the span count likewise, and a span takes about 160 bytes
 * of trace JSON on the task's row plus as much again on the lane's row for
 * cpu; labels and names add their length.
 */
#include "sim/estimate.h"

#include <string.h>

#include "strategy_impl.h"

static int64_t add_sat(int64_t a, int64_t b) {
  return b > INT64_MAX - a ? INT64_MAX : a + b;
}

static int64_t mul_sat(int64_t a, int64_t b) {
  return a && b > INT64_MAX / a ? INT64_MAX : a * b;
}

static int64_t param_of(const sim_strategy *s, const char *key, int64_t missing) {
  for (int k = 0; k < s->vt->nparams; k++)
    if (!strcmp(s->vt->params[k].key, key)) return s->param[k];
  return missing;
}

/* The time slice of a strategy that time-slices its lanes' cpu (`switch` of
 * threads and processes) when more lanes than cores want it, else 0: lanes
 * are one per task unless given (threads=N, processes=N), cores as many as
 * lanes unless given, one under the GIL (gil=on is choice 0). */
static sim_time slice_of(const sim_strategy *s, int64_t tasks) {
  sim_time slice = param_of(s, "switch", 0);
  if (slice <= 0) return 0;
  int64_t lanes = param_of(s, s->vt->name, 0);
  if (lanes <= 0 || lanes > tasks) lanes = tasks;
  int64_t cores = param_of(s, "cores", 0);
  if (cores <= 0 || cores > lanes) cores = lanes;
  if (param_of(s, "gil", 1) == 0) cores = 1;
  return lanes > cores ? slice : 0;
}

/* What the trace writes of a label or name in each span: the whole when
 * short, about 43 bytes when long (the rest is written once). */
static int64_t in_span(const char *text) {
  int64_t n = (int64_t)strlen(text);
  return n > 48 ? 43 : n;
}

/* The mean bytes a label or name adds to each span it is written in. */
static int64_t text_per_span(const scn_scenario *scn) {
  int64_t chars = 0, steps = 0;
  for (int g = 0; g < scn->ngroups; g++) {
    const scn_group *grp = &scn->groups[g];
    int64_t name = in_span(grp->name) + 8;
    for (int i = 0; i < grp->nsteps; i++) {
      const char *label = grp->steps[i].label;
      chars = add_sat(chars, mul_sat(grp->count, name + (label ? in_span(label) : 4)));
      steps = add_sat(steps, grp->count);
    }
  }
  return steps ? chars / steps : 0;
}

void sim_estimate_run(const scn_scenario *scn, const sim_strategy *s, sim_estimate *out) {
  scn_totals t;
  scn_totals_of(scn, &t);
  int64_t open = 0;
  for (int g = 0; g < scn->ngroups; g++)
    if (scn->groups[g].arrivals.kind != SCN_ARRIVE_AT_START) open += scn->groups[g].count;
  int64_t cpu_steps = t.steps - t.timed_steps; /* an upper bound: yields and acquires too */
  int64_t events = add_sat(t.timed_steps, cpu_steps);
  sim_time slice = slice_of(s, t.tasks);
  if (slice > 0) events = add_sat(events, t.cpu / slice);
  events = add_sat(events, open);
  if (s->switch_cost > 0) events = add_sat(events, t.steps);
  out->tasks = t.tasks;
  out->events = t.saturated ? INT64_MAX : events;
  /* Each event ends about one state (a cpu slice, a wait, a ready stretch)
   * and a cpu span is written on two rows. */
  out->spans = mul_sat(out->events, 2);
  out->trace_bytes = add_sat(mul_sat(out->spans, 160 + text_per_span(scn)), mul_sat(t.tasks, 200));
}

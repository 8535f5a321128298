/* scn_totals.c - what a scenario adds up to: tasks, steps to run, the longest
 * work and the latest arrival; for the clock's overflow check before a run
 * and for the estimate of its size. Sums saturate at INT64_MAX (and say so)
 * rather than wrap. */
#include <stdint.h>

#include "sim/scenario.h"

static int64_t add_sat(int64_t a, int64_t b, int *sat) {
  if (b > INT64_MAX - a) {
    *sat = 1;
    return INT64_MAX;
  }
  return a + b;
}

static int64_t mul_sat(int64_t a, int64_t b, int *sat) {
  if (a && b > INT64_MAX / a) {
    *sat = 1;
    return INT64_MAX;
  }
  return a * b;
}

/* When the group's last task arrives, at the latest or (poisson) on average. */
static sim_time group_last_arrival(const scn_group *g, int *sat) {
  const scn_arrivals *a = &g->arrivals;
  sim_time last = 0;
  switch (a->kind) {
  case SCN_ARRIVE_AT_START:
    return 0;
  case SCN_ARRIVE_EVERY:
    last = mul_sat(a->every, (int64_t)g->count - 1, sat);
    break;
  case SCN_ARRIVE_POISSON: {
    double mean = (double)g->count / a->rate * 1e6;
    last = mean >= 9.2e18 ? INT64_MAX : (sim_time)mean;
    break;
  }
  case SCN_ARRIVE_AT:
    last = a->at[g->count > 0 ? g->count - 1 : 0];
    break;
  }
  if (a->until > 0 && last > a->until) last = a->until;
  return last;
}

void scn_totals_of(const scn_scenario *scn, scn_totals *out) {
  int sat = 0;
  scn_totals t = {0};
  for (int i = 0; i < scn->ngroups; i++) {
    const scn_group *g = &scn->groups[i];
    int64_t runs = mul_sat(g->count, g->repeat, &sat);
    sim_time per_rep = 0, cpu_per_rep = 0;
    int64_t waits = 0;
    for (int k = 0; k < g->nsteps; k++) {
      const scn_step *st = &g->steps[k];
      sim_time most = scn_dist_bound(&st->duration);
      switch (st->kind) {
      case SCN_STEP_CPU:
        cpu_per_rep = add_sat(cpu_per_rep, most, &sat); /* fall through */
      case SCN_STEP_WAIT:
      case SCN_STEP_BLOCK:
      case SCN_STEP_OFFLOAD:
        per_rep = add_sat(per_rep, most, &sat);
        waits += st->kind != SCN_STEP_CPU;
        break;
      default:
        break;
      }
    }
    t.tasks += g->count;
    t.steps = add_sat(t.steps, mul_sat(g->nsteps, runs, &sat), &sat);
    t.timed_steps = add_sat(t.timed_steps, mul_sat(waits, runs, &sat), &sat);
    t.work = add_sat(t.work, mul_sat(per_rep, runs, &sat), &sat);
    t.cpu = add_sat(t.cpu, mul_sat(cpu_per_rep, runs, &sat), &sat);
    sim_time last = group_last_arrival(g, &sat);
    if (last > t.last_arrival) t.last_arrival = last;
  }
  t.saturated = sat;
  *out = t;
}

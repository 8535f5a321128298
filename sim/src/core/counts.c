/* counts.c - how many tasks a run has: a group whose arrivals stop at
 * `until` has as many as arrive before it, which depends on the seed. The
 * engine counts with the same gap function it schedules arrivals with
 * (dist_arrival_gap), so the count and the run agree exactly. */
#include "dist.h"
#include "rng.h"
#include "sim/run.h"

/* Arrivals before `until` for one group; the engine draws the same gaps. */
static int64_t arrivals_before(const scn_group *g, uint64_t seed, int64_t cap) {
  uint64_t key = dist_arrival_key(seed, rng_hash_name(g->name));
  sim_time at = 0;
  int64_t n = 0;
  for (; n < cap; n++) {
    sim_time gap = dist_arrival_gap(&g->arrivals, key, (uint32_t)n);
    if (gap > g->arrivals.until - at) break; /* at + gap >= until, without overflow */
    at += gap;
    if (at >= g->arrivals.until) break;
  }
  return n;
}

int sim_task_counts(const scn_scenario *scn, uint64_t seed, int32_t *count, int32_t *ntasks,
                    sim_error *err) {
  int64_t total = 0;
  for (int i = 0; i < scn->ngroups; i++) {
    const scn_group *g = &scn->groups[i];
    count[i] = g->count;
    const scn_arrivals *a = &g->arrivals;
    if (a->kind != SCN_ARRIVE_AT_START && a->until > 0) {
      /* A Poisson rate of 1e9/s until a year would be 3e16 tasks: refuse
       * before counting them one by one. */
      int64_t cap = a->has_count ? g->count : a->kind == SCN_ARRIVE_AT ? a->nat : INT32_MAX;
      double expect = a->kind == SCN_ARRIVE_POISSON ? a->rate * sim_time_seconds(a->until)
                      : a->kind == SCN_ARRIVE_EVERY ? (double)a->until / (double)a->every
                                                    : 0;
      if (expect > 2.0 * INT32_MAX)
        return sim_fail(err, SIM_EINPUT,
                        "%s:%d:%d: error: task group '%s' would have about %.0f arrivals before "
                        "'until' (at most %d)",
                        scn->file, g->loc.line, g->loc.col, g->name, expect, INT32_MAX);
      int64_t n = arrivals_before(g, seed, cap);
      if (n == 0)
        return sim_fail(err, SIM_EINPUT,
                        "%s:%d:%d: error: no task of group '%s' arrives before 'until' (seed %llu)",
                        scn->file, g->loc.line, g->loc.col, g->name, (unsigned long long)seed);
      count[i] = (int32_t)n;
    }
    total += count[i];
  }
  if (total > INT32_MAX)
    return sim_fail(err, SIM_EINPUT, "%s: error: too many tasks: %lld in all (at most %d)",
                    scn->file, (long long)total, INT32_MAX);
  *ntasks = (int32_t)total;
  return 0;
}

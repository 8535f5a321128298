/* counts.c - how many tasks a run has: a group whose arrivals stop at
 * `until` has as many as arrive before it, which depends on the seed. The
 * engine counts with the same gap function it schedules arrivals with
 * (dist_arrival_gap), so the count and the run agree exactly. The names of
 * a run's tasks follow from its counts, so they live here too. */
#include <stdio.h>

#include "dist.h"
#include "rng.h"
#include "sim/run.h"

/* Arrivals before `until` for one group; the engine draws the same gaps. */
static int64_t arrivals_before(const scn_group *g, uint64_t seed, int64_t cap) {
  if (g->arrivals.kind == SCN_ARRIVE_EVERY) {
    /* At 0, every, 2 every, ... before until: no need to count them. */
    int64_t n = (g->arrivals.until - 1) / g->arrivals.every + 1;
    return n < cap ? n : cap;
  }
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
    int64_t n = g->count;
    const scn_arrivals *a = &g->arrivals;
    if (a->kind != SCN_ARRIVE_AT_START && a->until > 0) {
      /* A Poisson rate of 1e9/s until a year would be 3e16 tasks: refuse
       * before counting them one by one. */
      int64_t cap = a->has_count ? g->count : a->kind == SCN_ARRIVE_AT ? a->nat : INT32_MAX;
      double expect = a->kind == SCN_ARRIVE_POISSON ? a->rate * sim_time_seconds(a->until)
                      : a->kind == SCN_ARRIVE_EVERY ? (double)a->until / (double)a->every
                                                    : 0;
      if (expect > (double)INT32_MAX)
        return sim_fail(err, SIM_EINPUT,
                        "%s:%d:%d: error: task group '%s' would have about %.0f arrivals before "
                        "'until' (at most %d)",
                        scn->file, g->loc.line, g->loc.col, g->name, expect, INT32_MAX);
      /* One more than the cap counted means more would come: say so rather
       * than cut the group at the cap. */
      n = arrivals_before(g, seed, a->has_count ? cap : (int64_t)INT32_MAX + 1);
      if (n > INT32_MAX)
        return sim_fail(err, SIM_EINPUT,
                        "%s:%d:%d: error: task group '%s' would have more than %d arrivals "
                        "before 'until'",
                        scn->file, g->loc.line, g->loc.col, g->name, INT32_MAX);
      if (n > cap) n = cap;
      if (n == 0)
        return sim_fail(err, SIM_EINPUT,
                        "%s:%d:%d: error: no task of group '%s' arrives before 'until' (seed %llu)",
                        scn->file, g->loc.line, g->loc.col, g->name, (unsigned long long)seed);
    }
    if (count) count[i] = (int32_t)n;
    total += n;
  }
  if (total > INT32_MAX)
    return sim_fail(err, SIM_EINPUT, "%s: error: too many tasks: %lld in all (at most %d)",
                    scn->file, (long long)total, INT32_MAX);
  *ntasks = (int32_t)total;
  return 0;
}

int32_t sim_group_count(const scn_scenario *scn, const sim_result *r, int g) {
  if (r && r->group_count && g >= 0 && g < r->ngroups) return r->group_count[g];
  return g >= 0 && g < scn->ngroups ? scn->groups[g].count : 0;
}

int sim_task_group(const scn_scenario *scn, const sim_result *r, int32_t task, int32_t *instance) {
  int32_t first = 0;
  if (task >= 0)
    for (int g = 0; g < scn->ngroups; g++) {
      int32_t n = sim_group_count(scn, r, g);
      if (task - first < n) {
        if (instance) *instance = task - first;
        return g;
      }
      first += n;
    }
  if (instance) *instance = -1;
  return -1;
}

int sim_task_name(const scn_scenario *scn, const sim_result *r, int32_t task, char *buf,
                  size_t size) {
  int32_t instance;
  int g = sim_task_group(scn, r, task, &instance);
  if (g < 0) return -1;
  if (sim_group_count(scn, r, g) == 1) return snprintf(buf, size, "%s", scn->groups[g].name);
  return snprintf(buf, size, "%s %ld", scn->groups[g].name, (long)instance + 1);
}

/* result.c - what a run returns: freeing it, naming its enums, and the rule
 * every report and the window use to compare results (the speed-up). */
#include <stdlib.h>
#include <string.h>

#include "sim/run.h"
#include "sim/sim_alloc.h"

void sim_result_free(sim_result *res) {
  sim_free(res->task_end);
  sim_free(res->task_ready);
  sim_free(res->task_outcome);
  sim_free(res->task_arrival);
  sim_free(res->lanes);
  sim_free(res->spans);
  sim_free(res->group_count);
  memset(res, 0, sizeof *res);
}

const char *sim_outcome_name(sim_outcome outcome) {
  static const char *const names[] = {
#define SIM_OUTCOME_NAME(id, name) name,
      SIM_OUTCOMES(SIM_OUTCOME_NAME)
#undef SIM_OUTCOME_NAME
  };
  return (unsigned)outcome < SIM_OUTCOME_COUNT ? names[outcome] : "?";
}

const char *sim_span_kind_name(sim_span_kind kind) {
  static const char *const names[] = {
#define SIM_SPAN_NAME(id, name) name,
      SIM_SPAN_KINDS(SIM_SPAN_NAME)
#undef SIM_SPAN_NAME
  };
  return (unsigned)kind < SIM_SPAN_KIND_COUNT ? names[kind] : "?";
}

int sim_result_is_baseline(const sim_result *r) {
  return strcmp(r->strategy, "sync") == 0;
}

double sim_speedup(const sim_result *base, const sim_result *r) {
  if (r->makespan <= 0) return base->makespan <= 0 ? 1.0 : 0.0;
  return (double)base->makespan / (double)r->makespan;
}

double sim_speedup_vs_sync(const sim_result *results, int n, int i) {
  if (i < 0 || i >= n) return 0;
  for (int s = 0; s < n; s++)
    if (sim_result_is_baseline(&results[s])) return sim_speedup(&results[s], &results[i]);
  return 0;
}

/* exp_bottleneck.c - what the critical path is mostly made of, and one
 * sentence saying so in the scenario's words (its worker, groups, labels).
 *
 * The path's time is split into: the workers' cpu (cpu, switch, and ready
 * time the path could not pin on a worker), the world (waits, and blocked
 * time it could not pin on a holder), stalls, the arrivals before the path's
 * first task, and - across those - the time spent holding each resource whose
 * hand-offs the path went through. A resource wins with half the path or
 * more; otherwise the largest share does, and cpu under a GIL is `gil`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exp_internal.h"

/* The step with the most path time among spans accepted by `want`: its
 * label (or kind) and that time. */
typedef int (*span_filter)(const exp_index *ix, const sim_span *s, int arg);

static const char *top_step(const exp_index *ix, const exp_explain *ex, span_filter want, int arg,
                            sim_time *time, int32_t *group) {
  const scn_scenario *scn = ix->scn;
  size_t total = 0;
  for (int g = 0; g < scn->ngroups; g++) total += (size_t)scn->groups[g].nsteps;
  sim_time *acc = sim_calloc(total + 1, sizeof *acc);
  size_t *off = sim_calloc((size_t)scn->ngroups + 1, sizeof *off);
  const char *best = NULL;
  *time = 0;
  if (acc && off) {
    for (int g = 1; g < scn->ngroups; g++) off[g] = off[g - 1] + (size_t)scn->groups[g - 1].nsteps;
    for (size_t k = 0; k < ex->npath; k++) {
      const sim_span *s = &ix->res->spans[ex->path_spans[k]];
      if (s->task < 0 || !want(ix, s, arg)) continue;
      int32_t g = ix->task_group[s->task];
      int step = exp_span_step(ix, s);
      sim_time *a = &acc[off[g] + (size_t)step];
      *a += s->end - s->start;
      if (*a > *time) {
        *time = *a;
        const scn_step *st = &scn->groups[g].steps[step];
        best = st->label ? st->label : scn_step_kind_name(st->kind);
        if (group) *group = g;
      }
    }
  }
  sim_free(acc);
  sim_free(off);
  return best;
}

static int is_kind(const exp_index *ix, const sim_span *s, int kind) {
  return exp_path_kind(ix, s) == kind;
}

static int holds(const exp_index *ix, const sim_span *s, int r) {
  return exp_row_span(s) && exp_held(ix, s->task, s->step, r) > 0;
}

static double pct(sim_time part, sim_time whole) {
  return whole > 0 ? 100.0 * (double)part / (double)whole : 0;
}

static void worker_sentence(const exp_index *ix, exp_explain *ex, int gil) {
  const sim_result *r = ix->res;
  char who[64], per[32], cpu[32];
  int n = exp_workers(ix, who, sizeof who);
  sim_time t;
  int32_t g = -1;
  const char *label = top_step(ix, ex, is_kind, SIM_SPAN_CPU, &t, &g);
  exp_duration(ex->path[SIM_SPAN_CPU], cpu, sizeof cpu);
  if (gil) {
    snprintf(ex->sentence, sizeof ex->sentence,
             "the GIL lets one of %s run at a time: the path is %.1f%% cpu (%s, mostly '%s'); "
             "gil=off or processes would run it in parallel",
             who, pct(ex->path[SIM_SPAN_CPU], r->makespan), cpu, label ? label : "cpu");
    return;
  }
  size_t len =
      (size_t)snprintf(ex->sentence, sizeof ex->sentence,
                       "%s %s busy %.1f%% of the run; the path is %s of cpu, mostly '%s'", who,
                       n > 1 ? "are" : "is", 100 * r->utilization, cpu, label ? label : "cpu");
  sim_time group_cpu = 0;
  int32_t members = 0; /* the run's own count of the group */
  for (int32_t k = 0; g >= 0 && k < r->ntasks; k++)
    if (ix->task_group[k] == g) group_cpu += ix->task_cpu[k], members++;
  if (members > 1 && len < sizeof ex->sentence) {
    exp_duration(group_cpu / members, per, sizeof per);
    snprintf(ex->sentence + len, sizeof ex->sentence - len, ": every %s added costs %s more%s",
             ix->scn->groups[g].name, per, n > 1 ? " of cpu" : "");
  }
}

static void world_sentence(const exp_index *ix, exp_explain *ex) {
  char who[64], w[32], top[32];
  int n = exp_workers(ix, who, sizeof who);
  sim_time t;
  const char *label = top_step(ix, ex, is_kind, SIM_SPAN_WAIT, &t, NULL);
  exp_duration(ex->path[SIM_SPAN_WAIT], w, sizeof w);
  exp_duration(t, top, sizeof top);
  snprintf(ex->sentence, sizeof ex->sentence,
           "the path is %.1f%% waiting on the world (%s), %s of it '%s'; %s %s busy %.1f%% of "
           "the run: %s",
           pct(ex->path[SIM_SPAN_WAIT], ix->res->makespan), w, top, label ? label : "wait", who,
           n > 1 ? "are" : "is", 100 * ix->res->utilization,
           exp_overlaps(ix) ? "the waits already overlap, so only shorter ones would help"
                            : "overlap the waits (async, more threads)");
}

static void resource_sentence(const exp_index *ix, exp_explain *ex, int r, sim_time held,
                              int32_t handoffs) {
  const scn_resource *res = &ix->scn->resources[r];
  char d[32];
  sim_time t;
  const char *label = top_step(ix, ex, holds, r, &t, NULL);
  exp_duration(held, d, sizeof d);
  snprintf(ex->sentence, sizeof ex->sentence,
           "the %s (capacity %d) is handed on %d time%s along the path, which spends %s (%.1f%%) "
           "holding "
           "it, most in '%s': more of them, or a shorter '%s', would help",
           res->name, (int)res->capacity, (int)handoffs, handoffs == 1 ? "" : "s", d,
           pct(held, ix->res->makespan), label ? label : res->name, label ? label : res->name);
}

static void stall_sentence(const exp_index *ix, exp_explain *ex) {
  char d[32];
  sim_time t;
  const char *label = top_step(ix, ex, is_kind, SIM_SPAN_STALL, &t, NULL);
  exp_duration(ex->path[SIM_SPAN_STALL], d, sizeof d);
  snprintf(ex->sentence, sizeof ex->sentence,
           "'%s' blocks the %s for %s of the path, and nothing else runs meanwhile: offload it "
           "(asyncio.to_thread) or await it",
           label ? label : "a blocking call", exp_worker(ix), d);
}

static void arrival_sentence(const exp_index *ix, exp_explain *ex) {
  const sim_result *r = ix->res;
  char at[32], after[32], who[64];
  sim_time a = ex->path[EXP_PATH_ARRIVAL];
  int n = exp_workers(ix, who, sizeof who);
  sim_time_format(a, at, sizeof at);
  exp_duration(r->makespan - a, after, sizeof after);
  const char *group = "task";
  if (ex->npath) group = ix->scn->groups[ix->task_group[r->spans[ex->path_spans[0]].task]].name;
  snprintf(ex->sentence, sizeof ex->sentence,
           "the run lasts as long as the arrivals: the last %s on the path arrives at %s and "
           "is done %s later; %s keep%s up (busy %.1f%%)",
           group, at, after, who, n > 1 ? "" : "s", 100 * r->utilization);
}

void exp_bottleneck_find(const exp_index *ix, const int32_t *handoffs, exp_explain *ex) {
  const sim_time *p = ex->path;
  sim_time worker = p[SIM_SPAN_CPU] + p[SIM_SPAN_SWITCH] + p[SIM_SPAN_READY] + p[SIM_SPAN_GIL];
  sim_time world = p[SIM_SPAN_WAIT] + p[SIM_SPAN_BLOCKED] + p[EXP_PATH_OTHER];
  sim_time stall = p[SIM_SPAN_STALL], arrival = p[EXP_PATH_ARRIVAL];
  int best_r = -1;
  sim_time best_held = 0;
  for (int r = 0; r < ix->scn->nresources; r++) {
    if (handoffs[r] == 0) continue;
    sim_time held = 0;
    for (size_t k = 0; k < ex->npath; k++) {
      const sim_span *s = &ix->res->spans[ex->path_spans[k]];
      if (holds(ix, s, r)) held += s->end - s->start;
    }
    if (held > best_held) {
      best_held = held;
      best_r = r;
    }
  }
  if (best_r >= 0 && 2 * best_held >= ix->res->makespan && ix->res->makespan > 0) {
    snprintf(ex->bottleneck, sizeof ex->bottleneck, "resource:%s", ix->scn->resources[best_r].name);
    resource_sentence(ix, ex, best_r, best_held, handoffs[best_r]);
  } else if (arrival >= worker && arrival >= world && arrival >= stall && arrival > 0) {
    snprintf(ex->bottleneck, sizeof ex->bottleneck, "arrivals");
    arrival_sentence(ix, ex);
  } else if (stall > worker && stall >= world) {
    snprintf(ex->bottleneck, sizeof ex->bottleneck, "stall");
    stall_sentence(ix, ex);
  } else if (world > worker) {
    snprintf(ex->bottleneck, sizeof ex->bottleneck, "world");
    world_sentence(ix, ex);
  } else {
    int gil = ix->gil_lane >= 0;
    snprintf(ex->bottleneck, sizeof ex->bottleneck, "%s", gil ? "gil" : "worker");
    worker_sentence(ix, ex, gil);
  }
}

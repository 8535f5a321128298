/* exp_lints.c - what went wrong: the lints of explain.h, each a scan over
 * the spans (docs/explain.md gives every rule and threshold). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exp_internal.h"

static const char *step_name(const exp_index *ix, const sim_span *s) {
  const scn_step *st = exp_step(ix, s);
  return st->label ? st->label : scn_step_kind_name(st->kind);
}

/* --- ready spans per loop lane, for "while other tasks are ready" ---------- */

typedef struct ready_set {
  size_t *at;         /* [nlanes + 1] offsets into span */
  size_t *span;       /* ready spans of tasks bound to each lane, by end */
  sim_time *minstart; /* suffix minimum of their starts, per lane */
} ready_set;

static int ready_build(const exp_index *ix, ready_set *rs) {
  const sim_result *r = ix->res;
  size_t nl = (size_t)r->nlanes;
  rs->at = sim_calloc(nl + 2, sizeof *rs->at);
  rs->span = sim_malloc((r->nspans + 1) * sizeof *rs->span);
  rs->minstart = sim_malloc((r->nspans + 1) * sizeof *rs->minstart);
  size_t *fill = sim_calloc(nl + 1, sizeof *fill);
  if (!rs->at || !rs->span || !rs->minstart || !fill) {
    sim_free(fill);
    return -1;
  }
  for (size_t i = 0; i < r->nspans; i++) {
    const sim_span *s = &r->spans[i];
    int32_t l = s->kind == SIM_SPAN_READY ? ix->task_lane[s->task] : -1;
    if (l >= 0) rs->at[l + 1]++;
  }
  for (size_t l = 0; l < nl; l++) rs->at[l + 1] += rs->at[l];
  for (size_t k = 0; k < r->nspans; k++) {
    size_t i = ix->by_end[k];
    const sim_span *s = &r->spans[i];
    int32_t l = s->kind == SIM_SPAN_READY ? ix->task_lane[s->task] : -1;
    if (l >= 0) rs->span[rs->at[l] + fill[l]++] = i;
  }
  for (size_t l = 0; l < nl; l++) {
    sim_time m = SIM_TIME_MAX;
    for (size_t j = rs->at[l + 1]; j-- > rs->at[l];) {
      if (r->spans[rs->span[j]].start < m) m = r->spans[rs->span[j]].start;
      rs->minstart[j] = m;
    }
  }
  sim_free(fill);
  return 0;
}

static void ready_free(ready_set *rs) {
  sim_free(rs->at);
  sim_free(rs->span);
  sim_free(rs->minstart);
}

/* How many tasks bound to `lane` were ready at some point in (a, b); with
 * count_all 0, stops at the first (1 or 0). */
static int ready_during(const exp_index *ix, const ready_set *rs, int32_t lane, sim_time a,
                        sim_time b, int count_all) {
  const sim_span *sp = ix->res->spans;
  size_t lo = rs->at[lane], hi = rs->at[lane + 1];
  while (lo < hi) { /* the first ready span ending after a */
    size_t mid = lo + (hi - lo) / 2;
    if (sp[rs->span[mid]].end <= a)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == rs->at[lane + 1] || rs->minstart[lo] >= b) return 0;
  if (!count_all) return 1;
  int n = 0;
  for (size_t j = lo; j < rs->at[lane + 1]; j++) n += sp[rs->span[j]].start < b;
  return n;
}

/* --- loop-stall and never-yields ---------------------------------------------- */

static int add_stall(const exp_index *ix, const ready_set *rs, exp_explain *ex, const sim_span *s) {
  int fresh;
  exp_lint *l = exp_lint_add(ex, "loop-stall", s->start, s->task, ix->task_group[s->task],
                             exp_span_step(ix, s), &fresh);
  if (!l) return -1;
  if (!fresh) return 0;
  char name[96], d[32];
  exp_task_name(ix, s->task, name, sizeof name);
  exp_duration(s->end - s->start, d, sizeof d);
  int others = ready_during(ix, rs, s->lane, s->start, s->end, 1);
  snprintf(l->message, sizeof l->message,
           "'%s' holds the %s for %s in '%s' (%s) while %d other task%s ready", name,
           exp_worker(ix), d, step_name(ix, s),
           s->kind == SIM_SPAN_STALL ? "a blocking call" : "cpu", others,
           others == 1 ? " is" : "s are");
  return 0;
}

static int add_never_yields(const exp_index *ix, exp_explain *ex, const sim_span *first,
                            sim_time cpu) {
  int fresh;
  exp_lint *l = exp_lint_add(ex, "never-yields", first->start, first->task,
                             ix->task_group[first->task], first->step, &fresh);
  if (!l) return -1;
  if (!fresh) return 0;
  char name[96], d[32];
  exp_task_name(ix, first->task, name, sizeof name);
  exp_duration(cpu, d, sizeof d);
  snprintf(l->message, sizeof l->message,
           "'%s' runs %s of cpu on the %s from '%s' without an await", name, d, exp_worker(ix),
           step_name(ix, first));
  return 0;
}

/* A turn: one task's consecutive cpu (and stalls) on a loop lane. */
typedef struct turn {
  size_t first; /* span index, SIZE_MAX: none */
  sim_time end, cpu;
} turn;

static int loop_lints(const exp_index *ix, const exp_thresholds *th, exp_explain *ex) {
  const sim_result *r = ix->res;
  ready_set rs = {0};
  turn *turns = sim_calloc((size_t)r->nlanes + 1, sizeof *turns);
  int rc = turns ? ready_build(ix, &rs) : -1;
  for (int l = 0; turns && l < r->nlanes; l++) turns[l].first = SIZE_MAX;
  for (size_t k = 0; rc == 0 && k <= r->nspans; k++) {
    const sim_span *s = k < r->nspans ? &r->spans[ix->by_end[k]] : NULL;
    if (s && (s->lane < 0 || s->lane >= r->nlanes || !ix->loop_lane[s->lane] || s->task < 0 ||
              (s->kind != SIM_SPAN_CPU && s->kind != SIM_SPAN_STALL)))
      continue;
    for (int l = 0; l < r->nlanes; l++) { /* close turns that this span (or the end) breaks */
      turn *t = &turns[l];
      if (t->first == SIZE_MAX) continue;
      const sim_span *f = &r->spans[t->first];
      if (s && (s->lane != l || (s->task == f->task && s->start == t->end))) continue;
      if (t->cpu >= th->never_yields && add_never_yields(ix, ex, f, t->cpu) != 0) rc = -1;
      t->first = SIZE_MAX;
    }
    if (!s || rc) continue;
    turn *t = &turns[s->lane];
    if (t->first == SIZE_MAX) {
      t->first = ix->by_end[k];
      t->cpu = 0;
    }
    t->end = s->end;
    if (s->kind == SIM_SPAN_CPU) t->cpu += s->end - s->start;
    sim_time d = s->end - s->start;
    int stall = d >= th->loop_stall && (s->kind == SIM_SPAN_STALL || d < th->never_yields);
    if (stall && ready_during(ix, &rs, s->lane, s->start, s->end, 0) && add_stall(ix, &rs, ex, s))
      rc = -1;
  }
  ready_free(&rs);
  sim_free(turns);
  return rc;
}

/* --- per-span lints: timeout, starved ------------------------------------------ */

static int timeout_lints(const exp_index *ix, exp_explain *ex) {
  const sim_result *r = ix->res;
  for (size_t i = 0; i < r->nspans; i++) {
    const sim_span *s = &r->spans[i];
    if (s->kind != SIM_SPAN_WAIT || s->task < 0) continue;
    const scn_step *st = exp_step(ix, s);
    if (st->timeout <= 0 || s->end - s->start != st->timeout ||
        r->task_outcome[s->task] != SIM_OUTCOME_TIMEOUT)
      continue;
    int fresh;
    exp_lint *l =
        exp_lint_add(ex, "timeout", s->end, s->task, ix->task_group[s->task], s->step, &fresh);
    if (!l) return -1;
    if (!fresh) continue;
    char name[96], d[32];
    exp_task_name(ix, s->task, name, sizeof name);
    exp_duration(st->timeout, d, sizeof d);
    snprintf(l->message, sizeof l->message, "'%s' gave up on '%s' at its %s timeout", name,
             step_name(ix, s), d);
  }
  return 0;
}

static int starved_lints(const exp_index *ix, const exp_thresholds *th, exp_explain *ex) {
  const sim_result *r = ix->res;
  size_t *longest = sim_malloc(((size_t)r->ntasks + 1) * sizeof *longest);
  if (!longest) return -1;
  for (int32_t t = 0; t < r->ntasks; t++) longest[t] = SIZE_MAX;
  for (size_t i = 0; i < r->nspans; i++) {
    const sim_span *s = &r->spans[i];
    if (s->kind != SIM_SPAN_READY || s->task < 0) continue;
    size_t *b = &longest[s->task];
    if (*b == SIZE_MAX || s->end - s->start > r->spans[*b].end - r->spans[*b].start) *b = i;
  }
  int rc = 0;
  for (int32_t t = 0; t < r->ntasks && rc == 0; t++) {
    if (longest[t] == SIZE_MAX || ix->task_cpu[t] <= 0) continue;
    const sim_span *s = &r->spans[longest[t]];
    sim_time w = s->end - s->start;
    if ((double)w < th->starved * (double)ix->task_cpu[t]) continue;
    int fresh;
    exp_lint *l = exp_lint_add(ex, "starved", s->start, t, ix->task_group[t], -1, &fresh);
    if (!l) rc = -1;
    if (!l || !fresh) continue;
    char name[96], d[32], c[32];
    exp_task_name(ix, t, name, sizeof name);
    exp_duration(w, d, sizeof d);
    exp_duration(ix->task_cpu[t], c, sizeof c);
    snprintf(l->message, sizeof l->message,
             "'%s' waits %s ready for a worker, %.0fx its own %s of cpu", name, d,
             (double)w / (double)ix->task_cpu[t], c);
  }
  sim_free(longest);
  return rc;
}

/* --- run-wide lints: gil-bound, saturated, idle-worker --------------------------- */

static int run_lint(exp_explain *ex, const char *code, const char *message) {
  int fresh;
  exp_lint *l = exp_lint_add(ex, code, 0, -1, -1, -1, &fresh);
  if (!l) return -1;
  snprintf(l->message, sizeof l->message, "%s", message);
  return 0;
}

static int gil_lint(const exp_index *ix, const exp_thresholds *th, exp_explain *ex) {
  const sim_result *r = ix->res;
  if (ix->gil_lane < 0 || r->open || r->makespan <= 0) return 0;
  /* sync runs every task's cpu and waits one after another and never queues:
   * its makespan is their sum (switch costs aside). */
  sim_time sync = 0, ready = 0, cpu = 0;
  for (size_t i = 0; i < r->nspans; i++) {
    const sim_span *s = &r->spans[i];
    if (!exp_row_span(s)) continue;
    if (s->kind == SIM_SPAN_CPU || s->kind == SIM_SPAN_WAIT) sync += s->end - s->start;
    if (s->kind == SIM_SPAN_CPU) cpu += s->end - s->start;
    if (s->kind == SIM_SPAN_READY) ready += s->end - s->start;
  }
  double gain = (double)sync / (double)r->makespan;
  if (ready == 0 || gain >= th->gil_speedup) return 0;
  char msg[320], w[64], c[32], q[32];
  int nw = exp_workers(ix, w, sizeof w);
  exp_duration(cpu, c, sizeof c);
  exp_duration(ready, q, sizeof q);
  snprintf(msg, sizeof msg,
           "%s gain%s %.2fx over sync: their %s of cpu runs one at a time under the GIL (%s "
           "queued for it); gil=off or processes would run it at once",
           w, nw > 1 ? "" : "s", gain, c, q);
  return run_lint(ex, "gil-bound", msg);
}

static int saturated_lints(const exp_index *ix, const exp_thresholds *th, exp_explain *ex) {
  const sim_result *r = ix->res;
  char msg[320], w[64];
  if (r->makespan <= 0) return 0;
  if (r->utilization >= th->saturated) {
    int nw = exp_workers(ix, w, sizeof w);
    snprintf(msg, sizeof msg, "%s %s busy %.1f%% of the run", w, nw > 1 ? "are" : "is",
             100 * r->utilization);
    if (run_lint(ex, "saturated", msg) != 0) return -1;
  }
  for (int res = 0; res < ix->scn->nresources; res++) {
    long double held = 0;
    for (size_t i = 0; i < r->nspans; i++) {
      const sim_span *s = &r->spans[i];
      if (exp_row_span(s))
        held += (long double)(s->end - s->start) * exp_held(ix, s->task, s->step, res);
    }
    const scn_resource *rr = &ix->scn->resources[res];
    double busy = (double)(held / ((long double)rr->capacity * (long double)r->makespan));
    if (busy < th->saturated) continue;
    snprintf(msg, sizeof msg, "the %s (capacity %d) is in use %.1f%% of the run", rr->name,
             (int)rr->capacity, 100 * busy);
    int fresh;
    exp_lint *l = exp_lint_add(ex, "saturated", 0, -1, -1, res, &fresh);
    if (!l) return -1;
    snprintf(l->message, sizeof l->message, "%s", msg);
  }
  return 0;
}

typedef struct edge {
  sim_time t;
  int8_t busy, wait, queued; /* +1 opens, -1 closes */
} edge;

static int edge_cmp(const void *a, const void *b) {
  const edge *x = a, *y = b;
  return x->t < y->t ? -1 : x->t > y->t;
}

/* The time no worker runs anything while a task waits on the world and
 * another could have started: sync's master idle at board 1, boards 2..24 untouched. */
static int idle_lint(const exp_index *ix, const exp_thresholds *th, exp_explain *ex) {
  const sim_result *r = ix->res;
  if (r->makespan <= 0) return 0;
  /* No worker runs for at most makespan - busy / lanes (some lane is busy
   * at least that share): when that is under the threshold, skip the sort
   * below, the lint's only real cost (async chess: 55 s can idle of 3655). */
  int nl = r->nlanes > 0 ? r->nlanes : 1;
  if ((double)r->makespan - (double)r->busy / nl < th->idle_worker * (double)r->makespan) return 0;
  size_t cap = 2 * r->nspans + 2 * (size_t)r->ntasks + 1, n = 0;
  edge *e = sim_malloc(cap * sizeof *e);
  if (!e) return -1;
  sim_time wait_total = 0;
  const char *label = NULL;
  sim_time label_time = 0;
  for (size_t i = 0; i < r->nspans; i++) {
    const sim_span *s = &r->spans[i];
    int b = exp_lane_span(s) && s->kind != SIM_SPAN_GIL,
        w = exp_row_span(s) && s->kind == SIM_SPAN_WAIT,
        q = exp_row_span(s) && s->kind == SIM_SPAN_READY;
    if (!b && !w && !q) continue;
    e[n++] = (edge){s->start, (int8_t)b, (int8_t)w, (int8_t)q};
    e[n++] = (edge){s->end, (int8_t)-b, (int8_t)-w, (int8_t)-q};
    if (w && s->end - s->start > label_time) {
      label_time = s->end - s->start;
      label = exp_step(ix, s)->label;
    }
    if (w) wait_total += s->end - s->start;
  }
  for (int32_t t = 0; t < r->ntasks; t++) { /* arrived, not started: could have run */
    sim_time a = r->task_arrival[t], f = ix->task_first[t];
    if (f == SIM_TIME_MAX || f <= a) continue;
    e[n++] = (edge){a, 0, 0, 1};
    e[n++] = (edge){f, 0, 0, -1};
  }
  qsort(e, n, sizeof *e, edge_cmp);
  int busy = 0, wait = 0, queued = 0;
  sim_time idle = 0;
  for (size_t k = 0; k < n; k++) {
    if (k > 0 && busy == 0 && wait > 0 && queued > 0) idle += e[k].t - e[k - 1].t;
    busy += e[k].busy;
    wait += e[k].wait;
    queued += e[k].queued;
  }
  sim_free(e);
  double share = (double)idle / (double)r->makespan;
  if (share < th->idle_worker || wait_total == 0) return 0;
  char msg[320], w[64], d[32];
  int nw = exp_workers(ix, w, sizeof w);
  exp_duration(idle, d, sizeof d);
  snprintf(msg, sizeof msg,
           "%s %s idle %s (%.1f%% of the run) waiting on the world%s%s%s while other work could "
           "start: async would overlap the waits",
           w, nw > 1 ? "are all" : "is", d, 100 * share, label ? " ('" : "", label ? label : "",
           label ? "')" : "");
  return run_lint(ex, "idle-worker", msg);
}

int exp_lints_find(const exp_index *ix, const exp_thresholds *th, exp_explain *ex) {
  if (loop_lints(ix, th, ex) || timeout_lints(ix, ex) || starved_lints(ix, th, ex) ||
      gil_lint(ix, th, ex) || saturated_lints(ix, th, ex) || idle_lint(ix, th, ex))
    return -1;
  return 0;
}

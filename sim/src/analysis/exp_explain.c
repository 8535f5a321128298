/* exp_explain.c - exp_explain_run, the thresholds, and the lint list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exp_internal.h"
#include "sim/sim_number.h"

const char *exp_path_kind_name(int kind) {
  if (kind == EXP_PATH_ARRIVAL) return "arrival";
  if (kind == EXP_PATH_OTHER) return "other";
  return sim_span_kind_name((sim_span_kind)kind);
}

void exp_thresholds_default(exp_thresholds *th) {
  th->loop_stall = 100 * SIM_MS;
  th->never_yields = SIM_S;
  th->gil_speedup = 1.1;
  th->saturated = 0.95;
  th->idle_worker = 0.5;
  th->starved = 10;
}

const char exp_thresholds_help[] =
    "  loop_stall=D     loop-stall: a step holds an event loop this long (default 100ms)\n"
    "  never_yields=D   never-yields: consecutive cpu on a loop (default 1s)\n"
    "  gil_speedup=X    gil-bound: threads gain less than X over sync (default 1.1)\n"
    "  saturated=F      saturated: a pool or resource busy F of the run (default 0.95)\n"
    "  idle_worker=F    idle-worker: workers idle F of the run while work waits (default 0.5)\n"
    "  starved=X        starved: a ready wait X times the task's cpu (default 10)\n";

static int parse_ratio(const char *v, double lo, double hi, double *out) {
  double d;
  if (sim_number_parse(v, &d) != 0 || !(d >= lo && d <= hi)) return -1;
  *out = d;
  return 0;
}

int exp_thresholds_set(exp_thresholds *th, const char *assignment, sim_error *err) {
  const char *eq = strchr(assignment, '=');
  size_t klen = eq ? (size_t)(eq - assignment) : strlen(assignment);
  const char *v = eq ? eq + 1 : "";
  struct {
    const char *key;
    sim_time *dur;
    double *ratio;
    double lo, hi;
  } keys[] = {
      {"loop_stall", &th->loop_stall, NULL, 0, 0},
      {"never_yields", &th->never_yields, NULL, 0, 0},
      {"gil_speedup", NULL, &th->gil_speedup, 1, 1e6},
      {"saturated", NULL, &th->saturated, 0, 1},
      {"idle_worker", NULL, &th->idle_worker, 0, 1},
      {"starved", NULL, &th->starved, 0, 1e12},
  };
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    if (strlen(keys[i].key) != klen || strncmp(keys[i].key, assignment, klen) != 0) continue;
    if (!eq || !*v)
      return sim_fail(err, SIM_EINPUT, "error: threshold %s needs a value (%s=...)", keys[i].key,
                      keys[i].key);
    if (keys[i].dur) {
      const char *why = "not a duration";
      if (sim_time_parse_duration(v, keys[i].dur, &why) == 0 && *keys[i].dur > 0) return 0;
      return sim_fail(err, SIM_EINPUT, "error: threshold %s=%s: %s (expected a duration > 0)",
                      keys[i].key, v, *keys[i].dur <= 0 ? "not > 0" : why);
    }
    if (parse_ratio(v, keys[i].lo, keys[i].hi, keys[i].ratio) == 0) return 0;
    return sim_fail(err, SIM_EINPUT, "error: threshold %s=%s is not a number from %g to %g",
                    keys[i].key, v, keys[i].lo, keys[i].hi);
  }
  return sim_fail(err, SIM_EINPUT,
                  "error: unknown threshold '%.*s' (expected loop_stall, never_yields, "
                  "gil_speedup, saturated, idle_worker or starved)",
                  (int)klen, assignment);
}

exp_lint *exp_lint_add(exp_explain *ex, const char *code, sim_time at, int32_t task, int32_t group,
                       int step, int *is_new) {
  for (int i = 0; i < ex->nlints; i++) {
    exp_lint *l = &ex->lints[i];
    if (strcmp(l->code, code) == 0 && l->group == group && l->step == step) {
      l->count++;
      *is_new = 0;
      return l;
    }
  }
  /* Lints fold by (code, group, step), so the list stays small: grow by one. */
  exp_lint *grown = sim_realloc(ex->lints, (size_t)(ex->nlints + 1) * sizeof *grown);
  if (!grown) return NULL;
  ex->lints = grown;
  exp_lint *l = &ex->lints[ex->nlints++];
  memset(l, 0, sizeof *l);
  l->code = code;
  l->at = at;
  l->task = task;
  l->group = group;
  l->step = step;
  l->count = 1;
  *is_new = 1;
  return l;
}

void exp_task_name(const exp_index *ix, int32_t task, char *buf, size_t size) {
  if (sim_task_name(ix->scn, ix->res, task, buf, size) < 0 && size) buf[0] = '\0';
}

/* Sentences round to the millisecond from a second up: "8.032s", not "8.031896s". */
void exp_duration(sim_time t, char *buf, size_t size) {
  if (t >= SIM_S) t = (t + SIM_MS / 2) / SIM_MS * SIM_MS;
  sim_time_format_duration(t, buf, size);
}

int exp_path_kind(const exp_index *ix, const sim_span *s) {
  if (s->kind == SIM_SPAN_WAIT && exp_step(ix, s)->kind == SCN_STEP_BLOCK &&
      ix->task_lane[s->task] >= 0 && ix->loop_lane[ix->task_lane[s->task]])
    return SIM_SPAN_STALL;
  return s->kind;
}

const char *exp_worker(const exp_index *ix) {
  return scn_worker_name(ix->scn);
}

int exp_workers(const exp_index *ix, char *buf, size_t size) {
  const sim_result *r = ix->res;
  int n = r->nlanes - (ix->gil_lane >= 0);
  int first = ix->gil_lane == 0 ? 1 : 0;
  if (n <= 1) {
    snprintf(buf, size, "the %s", r->nlanes > first ? r->lanes[first].name : exp_worker(ix));
    return 1;
  }
  char kind[32]; /* "thread 3" -> "thread" -> "the 24 threads"; "process" -> "processes" */
  snprintf(kind, sizeof kind, "%s", r->lanes[first].name);
  char *sp = strchr(kind, ' ');
  if (sp) *sp = '\0';
  size_t len = strlen(kind);
  snprintf(buf, size, "the %d %s%s", n, kind, len && kind[len - 1] == 's' ? "es" : "s");
  return n;
}

int exp_overlaps(const exp_index *ix) {
  for (int l = 0; l < ix->res->nlanes; l++)
    if (ix->loop_lane[l]) return 1;
  return ix->res->nlanes - (ix->gil_lane >= 0) >= ix->res->ntasks && ix->res->ntasks > 1;
}

static int lint_cmp(const void *a, const void *b) {
  const exp_lint *x = a, *y = b;
  if (x->at != y->at) return x->at < y->at ? -1 : 1;
  return strcmp(x->code, y->code);
}

int exp_explain_run(const scn_scenario *scn, const sim_result *res, const exp_thresholds *th,
                    exp_explain *out, sim_error *err) {
  memset(out, 0, sizeof *out);
  if (!res->spans && res->makespan > 0)
    return sim_fail(err, SIM_EINPUT, "%s: error: the run recorded no spans to explain", scn->file);
  exp_thresholds defaults;
  if (!th) {
    exp_thresholds_default(&defaults);
    th = &defaults;
  }
  exp_index ix;
  int32_t *handoffs = sim_calloc((size_t)scn->nresources + 1, sizeof *handoffs);
  int rc = handoffs ? exp_index_build(&ix, scn, res) : -1;
  if (rc == 1) {
    exp_index_free(&ix);
    sim_free(handoffs);
    return sim_fail(err, SIM_EINPUT, "%s: error: the run's spans do not fit the scenario",
                    scn->file);
  }
  if (rc == 0) rc = exp_path_find(&ix, out, handoffs);
  if (rc == 0) rc = exp_lints_find(&ix, th, out);
  if (rc == 0) {
    exp_bottleneck_find(&ix, handoffs, out);
    if (out->nlints > 1) qsort(out->lints, (size_t)out->nlints, sizeof *out->lints, lint_cmp);
  }
  if (handoffs) exp_index_free(&ix);
  sim_free(handoffs);
  if (rc != 0) {
    exp_explain_free(out);
    return sim_fail(err, SIM_EFAIL, "%s: error: out of memory explaining the run", scn->file);
  }
  return 0;
}

void exp_explain_free(exp_explain *ex) {
  sim_free(ex->path_spans);
  sim_free(ex->critical);
  sim_free(ex->lints);
  memset(ex, 0, sizeof *ex);
}

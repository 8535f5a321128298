/* trace.c - every span of every result as Chrome trace-event JSON (Perfetto).
 *
 * A trace can hold millions of spans, so it is streamed one event at a time
 * (each event one small cJSON tree printed into a reused buffer) instead of
 * being built as one tree. Every write goes through rep_trace_put, which
 * counts its bytes (the length cJSON just printed: no ftell, no syscall) and
 * stops before the one that would pass the cap.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rep_internal.h"
#include "rep_locale.h"
#include "sim/explain.h"

/* The stream and the buffer every event is printed into, reused so a trace
 * of millions of spans never holds more than one event in memory. */
typedef struct rep_trace {
  FILE *f;
  char *buf;
  int cap;
  int started; /* an event was written: the next one needs a comma */
  int failed;
  int too_big;     /* the next write would have passed `limit` */
  int64_t written; /* bytes so far */
  int64_t limit;   /* 0: none */
} rep_trace;

static void rep_trace_put(rep_trace *tr, const char *s) {
  if (tr->failed) return;
  size_t n = strlen(s);
  if (tr->limit > 0 && (int64_t)n > tr->limit - tr->written) {
    tr->too_big = tr->failed = 1;
    return;
  }
  if (fwrite(s, 1, n, tr->f) != n) tr->failed = 1;
  tr->written += (int64_t)n;
}

/* Prints the tree whole and frees it. */
static void rep_trace_json(rep_trace *tr, cJSON *item) {
  char *s = item ? cJSON_PrintUnformatted(item) : NULL;
  if (s)
    rep_trace_put(tr, s);
  else
    tr->failed = 1;
  cJSON_free(s);
  cJSON_Delete(item);
}

static void rep_trace_emit(rep_trace *tr, cJSON *ev) {
  if (!ev) {
    tr->failed = 1;
    return;
  }
  rep_trace_put(tr, tr->started ? ",\n" : "\n");
  tr->started = 1;
  if (tr->buf && cJSON_PrintPreallocated(ev, tr->buf, tr->cap, 0)) {
    rep_trace_put(tr, tr->buf);
    cJSON_Delete(ev);
  } else {
    /* Longer than the buffer (a very long label): print it on its own. */
    rep_trace_json(tr, ev);
  }
}

static cJSON *rep_trace_event(const char *ph, const char *name, int pid, int64_t tid) {
  cJSON *ev = cJSON_CreateObject();
  if (!ev) return NULL;
  cJSON_AddStringToObject(ev, "name", name);
  cJSON_AddStringToObject(ev, "ph", ph);
  cJSON_AddNumberToObject(ev, "pid", pid);
  if (tid >= 0) cJSON_AddNumberToObject(ev, "tid", (double)tid);
  return ev;
}

/* A metadata event: {"name":"thread_name","ph":"M",...,"args":{"name":...}}. */
static void rep_trace_meta(rep_trace *tr, const char *what, int pid, int64_t tid, const char *name,
                           int sort_index) {
  cJSON *ev = rep_trace_event("M", what, pid, tid);
  cJSON *args = ev ? cJSON_AddObjectToObject(ev, "args") : NULL;
  if (args) {
    if (name)
      cJSON_AddStringToObject(args, "name", name);
    else
      cJSON_AddNumberToObject(args, "sort_index", sort_index);
  }
  rep_trace_emit(tr, ev);
}

/* Trace thread ids: tasks 1..N in file order, then the worker lanes. The sort
 * indices put the lanes on top in Perfetto: the worker's row is the one that
 * shows the strategy at work (idle gaps under sync, back-to-back under async),
 * and the boards follow it. */
static int64_t rep_task_tid(int32_t task) {
  return (int64_t)task + 1;
}
static int64_t rep_lane_tid(const sim_result *r, int32_t lane) {
  return (int64_t)r->ntasks + lane + 1;
}

/* The slice's name, which Perfetto also colours by: the step's label ("master
 * moves") for cpu and wait, else the step's kind; "ready", "switch" and
 * "blocked on washer" for the states between steps, so a task waiting for the
 * worker never looks like one running. */
static const char *rep_span_name(const scn_scenario *scn, const sim_span *sp, const scn_step *step,
                                 char *buf, size_t size) {
  switch ((sim_span_kind)sp->kind) {
  case SIM_SPAN_READY:
  case SIM_SPAN_SWITCH:
    return sim_span_kind_name((sim_span_kind)sp->kind);
  case SIM_SPAN_BLOCKED:
    if (step && step->label) return step->label;
    if (sp->resource_plus1 > 0) {
      snprintf(buf, size, "blocked on %s", scn_resource_name(scn, sp->resource_plus1 - 1));
      return buf;
    }
    return "blocked";
  default:
    if (step && step->label) return step->label;
    if (step) return scn_step_kind_name(step->kind);
    return sim_span_kind_name((sim_span_kind)sp->kind);
  }
}

/* A label or task name longer than this is written in full once per trace
 * (labels in otherData.labels, task names in the rows' thread_name) and cut
 * to about 40 bytes plus "..." in each span: a 1 MiB label repeated in every
 * span made a 4 GB trace. */
#define REP_SPAN_TEXT_MAX 48

static const char *rep_short(const char *text, char *buf, size_t size) {
  size_t n = strlen(text);
  if (n <= REP_SPAN_TEXT_MAX) return text;
  n = 40;
  while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80) n--; /* a character's first byte */
  snprintf(buf, size, "%.*s\xe2\x80\xa6", (int)n, text);        /* U+2026 HORIZONTAL ELLIPSIS */
  return buf;
}

/* otherData.labels: {"GROUP step K": "the whole label"} for the labels cut
 * in the spans; NULL when there are none. */
static cJSON *rep_long_labels(const scn_scenario *scn) {
  cJSON *labels = NULL;
  for (int g = 0; g < scn->ngroups; g++)
    for (int i = 0; i < scn->groups[g].nsteps; i++) {
      const char *label = scn->groups[g].steps[i].label;
      if (!label || strlen(label) <= REP_SPAN_TEXT_MAX) continue;
      if (!labels && !(labels = cJSON_CreateObject())) return NULL;
      char key[REP_SPAN_TEXT_MAX + 64], group[REP_SPAN_TEXT_MAX + 8];
      snprintf(key, sizeof key, "%s step %d", rep_short(scn->groups[g].name, group, sizeof group),
               i + 1);
      cJSON_AddStringToObject(labels, key, label);
    }
  return labels;
}

static void rep_trace_span(rep_trace *tr, const scn_scenario *scn, const sim_result *r, int pid,
                           const sim_span *sp, int critical) {
  const scn_step *step = NULL;
  char task_name[160], name_buf[192];
  int has_task = sp->task >= 0 && sp->task < r->ntasks;
  int has_lane = sp->lane >= 0 && sp->lane < r->nlanes;
  if (has_task) {
    int32_t inst;
    int g = sim_task_group(scn, r, sp->task, &inst);
    if (g >= 0 && sp->step < scn->groups[g].nsteps) step = &scn->groups[g].steps[sp->step];
    rep_task_name(scn, r, sp->task, task_name, sizeof task_name);
  }
  char short_name[64], short_task[64];
  const char *name = rep_short(rep_span_name(scn, sp, step, name_buf, sizeof name_buf), short_name,
                               sizeof short_name);
  const char *task = has_task ? rep_short(task_name, short_task, sizeof short_task) : NULL;
  const char *cat = sim_span_kind_name((sim_span_kind)sp->kind);

  int rows = sim_span_rows(sp);
  int on_task = has_task && (rows & SIM_ROW_TASK);
  int on_lane = has_lane && (rows & SIM_ROW_LANE);
  for (int row = 0; row < 2; row++) {
    if (row == 0 ? !on_task : !on_lane) continue;
    int64_t tid = row == 0 ? rep_task_tid(sp->task) : rep_lane_tid(r, sp->lane);
    cJSON *ev = rep_trace_event("X", name, pid, tid);
    if (!ev) {
      tr->failed = 1;
      return;
    }
    cJSON_AddStringToObject(ev, "cat", cat);
    /* Doubles hold integers exactly up to 2^53 us (285 years), and cJSON
     * prints integral values without a fraction or an exponent. */
    cJSON_AddNumberToObject(ev, "ts", (double)sp->start);
    cJSON_AddNumberToObject(ev, "dur", (double)(sp->end - sp->start));
    cJSON *args = cJSON_AddObjectToObject(ev, "args");
    if (args) {
      if (has_task) {
        cJSON_AddStringToObject(args, "task", task);
        /* 1-based, as people count moves and loads. */
        cJSON_AddNumberToObject(args, "step", sp->step + 1);
        cJSON_AddNumberToObject(args, "repetition", (double)sp->rep + 1);
      }
      if (has_lane) cJSON_AddStringToObject(args, "lane", r->lanes[sp->lane].name);
      /* One past the file's resources is the to_thread pool offloads queue on. */
      if (sp->kind == SIM_SPAN_BLOCKED && sp->resource_plus1 > 0)
        cJSON_AddStringToObject(args, "resource", scn_resource_name(scn, sp->resource_plus1 - 1));
      if (critical) cJSON_AddTrueToObject(args, "critical");
    }
    rep_trace_emit(tr, ev);
  }
}

/* --explain: flow events linking each span of the critical path to the
 * next, on the row each is drawn on (the task's, or the lane's for a switch
 * or a stall), so Perfetto draws the chain as arrows. */
static void rep_trace_flows(rep_trace *tr, const sim_result *r, int pid, const exp_explain *ex) {
  for (size_t k = 1; k < ex->npath && !tr->failed; k++) {
    const sim_span *span[2] = {&r->spans[ex->path_spans[k - 1]], &r->spans[ex->path_spans[k]]};
    for (int end = 0; end < 2; end++) {
      const sim_span *s = span[end];
      int64_t tid =
          sim_span_rows(s) & SIM_ROW_TASK ? rep_task_tid(s->task) : rep_lane_tid(r, s->lane);
      cJSON *ev = rep_trace_event(end ? "f" : "s", "critical path", pid, tid);
      if (!ev) {
        tr->failed = 1;
        return;
      }
      cJSON_AddStringToObject(ev, "cat", "critical");
      if (end) cJSON_AddStringToObject(ev, "bp", "e");
      /* One id per link, unique across the strategies' processes. */
      cJSON_AddNumberToObject(ev, "id", (double)(((uint64_t)pid << 32) + k));
      /* Each end binds to the slice enclosing its ts: the span's midpoint
       * is inside it and in no other slice of that row. */
      cJSON_AddNumberToObject(ev, "ts", (double)(s->start + (s->end - s->start) / 2));
      rep_trace_emit(tr, ev);
    }
  }
}

int rep_trace_write(FILE *f, const scn_scenario *scn, const sim_result *results, int n) {
  return rep_trace_write_capped(f, scn, results, n, NULL, 0, NULL);
}

int rep_trace_write_ext(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                        const exp_explain *explain) {
  return rep_trace_write_capped(f, scn, results, n, explain, 0, NULL);
}

int rep_trace_write_capped(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                           const exp_explain *explain, int64_t max_bytes, rep_trace_stats *stats) {
  rep_trace tr = {.f = f, .cap = 4096, .limit = max_bytes};
  char name[160];
  size_t spans = 0, total = 0;
  for (int i = 0; i < n; i++) total += results[i].nspans;
  rep_locale loc;
  rep_locale_enter(&loc); /* numbers with '.', whatever the program's locale */
  tr.buf = malloc((size_t)tr.cap);
  rep_trace_put(&tr, "{\"traceEvents\":[");
  for (int i = 0; i < n && !tr.failed; i++) {
    const sim_result *r = &results[i];
    int pid = i + 1;
    rep_trace_meta(&tr, "process_name", pid, -1, r->strategy, 0);
    rep_trace_meta(&tr, "process_sort_index", pid, -1, NULL, i);
    for (int32_t l = 0; l < r->nlanes; l++) {
      rep_trace_meta(&tr, "thread_name", pid, rep_lane_tid(r, l), r->lanes[l].name, 0);
      rep_trace_meta(&tr, "thread_sort_index", pid, rep_lane_tid(r, l), NULL, l);
    }
    for (int32_t t = 0; t < r->ntasks; t++) {
      rep_task_name(scn, r, t, name, sizeof name);
      rep_trace_meta(&tr, "thread_name", pid, rep_task_tid(t), name, 0);
      rep_trace_meta(&tr, "thread_sort_index", pid, rep_task_tid(t), NULL, r->nlanes + t);
    }
    const exp_explain *ex = explain && explain[i].critical ? &explain[i] : NULL;
    for (size_t s = 0; s < r->nspans && !tr.failed; s++) {
      rep_trace_span(&tr, scn, r, pid, &r->spans[s], ex && ex->critical[s]);
      if (!tr.failed) spans++;
    }
    if (ex) rep_trace_flows(&tr, r, pid, ex);
  }
  rep_trace_put(&tr, "\n],\"otherData\":{\"scenario\":");
  rep_trace_json(&tr, cJSON_CreateString(scn->name ? scn->name : ""));
  cJSON *labels = rep_long_labels(scn);
  if (labels) {
    rep_trace_put(&tr, ",\"labels\":");
    rep_trace_json(&tr, labels);
  }
  rep_trace_put(&tr, "}}\n");
  free(tr.buf);
  rep_locale_leave(&loc);
  if (fflush(f) != 0 || ferror(f)) tr.failed = 1;
  if (stats) *stats = (rep_trace_stats){tr.written, spans, total};
  if (tr.too_big) return REP_TRACE_TOO_BIG;
  return tr.failed ? -1 : 0;
}

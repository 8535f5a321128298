/* lane.c - a worker lane's ready stretches; see lane.h.
 *
 * Cost: per lane, one binary search into the next task's row per gap
 * between the lane's spans, and a walk over that task's spans inside the
 * gap; the whole run's spans at most once more, at build time. Drawing then
 * reads the stretches by binary search and prefix sums, as it reads spans.
 */
#include "render/lane.h"

#include <stdlib.h>
#include <string.h>

typedef struct ivbuf {
  trk_interval *iv;
  size_t n, cap;
} ivbuf;

/* Appends [a, b) for task, joined to the last stretch when they touch (a
 * task's READY spans split at a step or repetition boundary). */
static int ivbuf_add(ivbuf *b, size_t lane_first, sim_time s, sim_time e, int32_t task) {
  if (e <= s) return 0;
  if (b->n > lane_first && b->iv[b->n - 1].end == s && b->iv[b->n - 1].task == task) {
    b->iv[b->n - 1].end = e;
    return 0;
  }
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 256;
    trk_interval *p = realloc(b->iv, cap * sizeof *p);
    if (!p) return -1;
    b->iv = p, b->cap = cap;
  }
  b->iv[b->n++] = (trk_interval){s, e, task};
  return 0;
}

/* The READY parts of `task`'s row within [g0, g1). */
static int add_gap(ivbuf *b, size_t lane_first, const trk_track *t, int32_t task, sim_time g0,
                   sim_time g1) {
  size_t n = trk_row_len(t, task);
  for (size_t i = trk_row_find(t, task, g0); i < n; i++) {
    const sim_span *s = trk_row_span(t, task, i);
    if (s->start >= g1) break;
    if (s->kind != SIM_SPAN_READY) continue;
    sim_time a = s->start > g0 ? s->start : g0, e = s->end < g1 ? s->end : g1;
    if (ivbuf_add(b, lane_first, a, e, task) != 0) return -1;
  }
  return 0;
}

int trk_lane_ready_build(trk_track *t) {
  struct trk_lane_ready *lr = &t->lane_ready;
  memset(lr, 0, sizeof *lr);
  lr->off = calloc((size_t)t->nlanes + 1, sizeof *lr->off);
  if (!lr->off) return -1;
  ivbuf b = {0};
  for (int32_t l = 0; l < t->nlanes; l++) {
    int32_t row = t->ntasks + l;
    size_t first = b.n;
    sim_time idle_from = 0;
    int32_t last = -1; /* the task of the lane's previous span */
    for (size_t i = 0; i < trk_row_len(t, row); i++) {
      const sim_span *s = trk_row_span(t, row, i);
      if (s->kind == SIM_SPAN_GIL) lr->has_gil = 1;
      /* Only a lane that runs the task itself holds it (the GIL's lane
       * shows who holds the GIL, not a thread). A lane still held by its
       * previous task (sync's master in request 1's query, request 2
       * queued) takes the next one only once that task has ended. */
      int runs = s->kind == SIM_SPAN_CPU || s->kind == SIM_SPAN_SWITCH;
      sim_time from = idle_from;
      if (last >= 0 && last != s->task && t->res.task_end && t->res.task_end[last] > from)
        from = t->res.task_end[last];
      if (runs && s->task >= 0 && s->task < t->ntasks && s->start > from &&
          add_gap(&b, first, t, s->task, from, s->start) != 0) {
        free(b.iv);
        trk_lane_ready_free(t);
        return -1;
      }
      if (s->end > idle_from) idle_from = s->end;
      if (s->task >= 0 && s->task < t->ntasks) last = s->task;
    }
    lr->off[l + 1] = (uint32_t)b.n;
  }
  lr->iv = b.iv;
  lr->cum = malloc((b.n ? b.n : 1) * sizeof *lr->cum);
  if (!lr->cum) {
    trk_lane_ready_free(t);
    return -1;
  }
  for (int32_t l = 0; l < t->nlanes; l++) {
    sim_time acc = 0;
    for (uint32_t i = lr->off[l]; i < lr->off[l + 1]; i++) {
      acc += lr->iv[i].end - lr->iv[i].start;
      lr->cum[i] = acc;
    }
  }
  return 0;
}

void trk_lane_ready_free(trk_track *t) {
  free(t->lane_ready.off);
  free(t->lane_ready.iv);
  free(t->lane_ready.cum);
  memset(&t->lane_ready, 0, sizeof t->lane_ready);
}

static int lane_of(const trk_track *t, int32_t row) {
  int32_t l = row - t->ntasks;
  return t->lane_ready.off && l >= 0 && l < t->nlanes ? (int)l : -1;
}

size_t trk_lane_ready_len(const trk_track *t, int32_t row) {
  int l = lane_of(t, row);
  return l < 0 ? 0 : t->lane_ready.off[l + 1] - t->lane_ready.off[l];
}

const trk_interval *trk_lane_ready_at_index(const trk_track *t, int32_t row, size_t i) {
  return &t->lane_ready.iv[t->lane_ready.off[lane_of(t, row)] + i];
}

size_t trk_lane_ready_find(const trk_track *t, int32_t row, sim_time time) {
  size_t lo = 0, hi = trk_lane_ready_len(t, row);
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (trk_lane_ready_at_index(t, row, mid)->end <= time)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

const trk_interval *trk_lane_ready_covering(const trk_track *t, int32_t row, sim_time time) {
  size_t i = trk_lane_ready_find(t, row, time);
  if (i >= trk_lane_ready_len(t, row)) return NULL;
  const trk_interval *iv = trk_lane_ready_at_index(t, row, i);
  return iv->start <= time ? iv : NULL;
}

/* Ready time of the lane in [0, time). */
static sim_time ready_upto(const trk_track *t, int32_t row, sim_time time) {
  size_t i = trk_lane_ready_find(t, row, time);
  sim_time acc = i > 0 ? t->lane_ready.cum[t->lane_ready.off[lane_of(t, row)] + i - 1] : 0;
  if (i < trk_lane_ready_len(t, row)) {
    const trk_interval *iv = trk_lane_ready_at_index(t, row, i);
    if (iv->start < time) acc += time - iv->start;
  }
  return acc;
}

sim_time trk_lane_ready_time(const trk_track *t, int32_t row, sim_time a, sim_time b) {
  if (b <= a || trk_lane_ready_len(t, row) == 0) return 0;
  return ready_upto(t, row, b) - ready_upto(t, row, a);
}

const char *trk_lane_ready_for(const trk_track *t) {
  if (t->lane_ready.has_gil) return "the GIL";
  if (t->res.cores > 0 && t->res.cores < t->nlanes) return "a core";
  return "its worker";
}

const char *trk_ready_legend(const trk_set *set) {
  int gil = 0, core = 0;
  for (int k = 0; k < set->ntracks; k++) {
    const trk_track *t = &set->tracks[k];
    if (!t->lane_ready.off || t->lane_ready.off[t->nlanes] == 0) continue;
    const char *f = trk_lane_ready_for(t);
    gil |= strcmp(f, "the GIL") == 0;
    core |= strcmp(f, "a core") == 0;
  }
  return gil && core ? "ready / waiting for the GIL, a core"
         : gil       ? "ready / waiting for the GIL"
         : core      ? "ready / waiting for a core"
                     : "ready";
}

int32_t trk_lane_holding(const trk_track *t, int32_t task, sim_time at) {
  for (int32_t r = t->ntasks; r < t->nrows; r++) {
    const trk_interval *iv = trk_lane_ready_covering(t, r, at);
    if (iv && iv->task == task) return r;
  }
  return -1;
}

int32_t trk_gil_holder(const trk_track *t, sim_time at) {
  if (!t->lane_ready.has_gil) return -1;
  for (int32_t r = t->ntasks; r < t->nrows; r++) {
    const sim_span *s = trk_row_at(t, r, at);
    if (s && s->kind == SIM_SPAN_GIL) return s->task;
  }
  return -1;
}

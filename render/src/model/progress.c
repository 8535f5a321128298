/* progress.c - the headers' figures at an instant; see progress.h.
 *
 * Cost: one pass over each row's spans and two sorts at build time. The p95
 * of every prefix of the tasks in finishing order comes from a Fenwick tree
 * over response-time ranks (n log n in all), since sorting the finished
 * tasks' times again on every frame would cost n log n per frame.
 */
#include "render/progress.h"

#include <stdlib.h>
#include <string.h>

/* Each cpu step's finish: the end of the last cpu span with its (rep, step). */
static int build_work(trk_track *t) {
  size_t n = 0;
  for (int32_t k = 0; k < t->ntasks; k++) n += trk_row_len(t, k);
  sim_time *w = malloc((n ? n : 1) * sizeof *w);
  if (!w) return -1;
  size_t m = 0;
  for (int32_t k = 0; k < t->ntasks; k++) {
    const sim_span *last = NULL;
    for (size_t i = 0; i < trk_row_len(t, k); i++) {
      const sim_span *s = trk_row_span(t, k, i);
      if (s->kind != SIM_SPAN_CPU) continue;
      if (last && (last->rep != s->rep || last->step != s->step)) w[m++] = last->end;
      last = s;
    }
    if (last) w[m++] = last->end;
  }
  qsort(w, m, sizeof *w, sim_time_cmp);
  t->prog.work_ends = w;
  t->prog.nwork = m;
  return 0;
}

static int lane_kind(uint8_t kind) {
  switch ((sim_span_kind)kind) {
  case SIM_SPAN_CPU:
    return TRK_LANE_CPU;
  case SIM_SPAN_GIL:
    return TRK_LANE_GIL;
  case SIM_SPAN_SWITCH:
    return TRK_LANE_SWITCH;
  case SIM_SPAN_STALL:
    return TRK_LANE_STALL;
  default:
    return -1;
  }
}

static int build_busy(trk_track *t) {
  size_t first = t->row_off[t->ntasks], n = t->row_off[t->nrows] - first;
  t->prog.lane_cum = malloc((n ? n : 1) * sizeof *t->prog.lane_cum);
  if (!t->prog.lane_cum) return -1;
  for (int32_t r = t->ntasks; r < t->nrows; r++) {
    sim_time acc[TRK_LANE_KINDS] = {0};
    for (size_t i = 0; i < trk_row_len(t, r); i++) {
      const sim_span *s = trk_row_span(t, r, i);
      int k = lane_kind(s->kind);
      if (k >= 0) acc[k] += s->end - s->start;
      memcpy(t->prog.lane_cum[t->row_off[r] - first + i], acc, sizeof acc);
    }
  }
  return 0;
}

/* Fenwick tree over ranks 1..n: add one at a rank; the k-th smallest. */
static void fen_add(int32_t *f, int32_t n, int32_t i) {
  for (; i <= n; i += i & -i) f[i]++;
}
static int32_t fen_kth(const int32_t *f, int32_t n, int32_t k) {
  int32_t pos = 0, step = 1;
  while (step * 2 <= n) step *= 2;
  for (; step > 0; step /= 2)
    if (pos + step <= n && f[pos + step] < k) pos += step, k -= f[pos];
  return pos + 1;
}

static int build_response(trk_track *t) {
  int32_t n = t->ntasks;
  if (!t->res.open || !t->res.task_end || !t->res.task_arrival || n <= 0) return 0;
  trk_time_id *order = malloc((size_t)n * sizeof *order);
  sim_time *sorted = malloc((size_t)n * sizeof *sorted);
  int32_t *rank = malloc((size_t)n * sizeof *rank), *fen = calloc((size_t)n + 1, sizeof *fen);
  t->prog.arrivals = malloc((size_t)n * sizeof *t->prog.arrivals);
  t->prog.resp_cum = malloc(((size_t)n + 1) * sizeof *t->prog.resp_cum);
  t->prog.resp_p95 = malloc(((size_t)n + 1) * sizeof *t->prog.resp_p95);
  int rc = -1;
  if (!order || !sorted || !rank || !fen || !t->prog.arrivals || !t->prog.resp_cum ||
      !t->prog.resp_p95)
    goto out;
  trk_time_id *by_resp = malloc((size_t)n * sizeof *by_resp);
  if (!by_resp) goto out;
  for (int32_t k = 0; k < n; k++) {
    order[k] = (trk_time_id){t->res.task_end[k], (uint32_t)k};
    by_resp[k] = (trk_time_id){t->res.task_end[k] - t->res.task_arrival[k], (uint32_t)k};
    t->prog.arrivals[k] = t->res.task_arrival[k];
  }
  qsort(order, (size_t)n, sizeof *order, trk_cmp_time_id);
  qsort(by_resp, (size_t)n, sizeof *by_resp, trk_cmp_time_id);
  for (int32_t i = 0; i < n; i++) {
    rank[by_resp[i].id] = i + 1;
    sorted[i] = by_resp[i].t;
  }
  free(by_resp);
  qsort(t->prog.arrivals, (size_t)n, sizeof *t->prog.arrivals, sim_time_cmp);
  t->prog.resp_cum[0] = 0;
  t->prog.resp_p95[0] = 0;
  for (int32_t i = 0; i < n; i++) {
    int32_t k = order[i].id;
    t->prog.resp_cum[i + 1] =
        t->prog.resp_cum[i] + (double)(t->res.task_end[k] - t->res.task_arrival[k]);
    fen_add(fen, n, rank[k]);
    /* Nearest rank, as the engine's percentile: ceil(0.95 i), at least 1. */
    int32_t want = (int32_t)(0.95 * (double)(i + 1) + 0.999999999);
    if (want < 1) want = 1;
    if (want > i + 1) want = i + 1;
    t->prog.resp_p95[i + 1] = sorted[fen_kth(fen, n, want) - 1];
  }
  rc = 0;
out:
  free(order);
  free(sorted);
  free(rank);
  free(fen);
  return rc;
}

const trk_state trk_chart_states[TRK_CHART_STATES] = {TRK_RUNNING, TRK_BLOCKED, TRK_READY,
                                                      TRK_WAITING};

static int chart_slot(trk_state st) {
  for (int i = 0; i < TRK_CHART_STATES; i++)
    if (trk_chart_states[i] == st) return i;
  return -1;
}

typedef struct delta {
  sim_time t;
  int slot, d;
} delta;

static int cmp_delta(const void *a, const void *b) {
  const delta *x = a, *y = b;
  return (x->t > y->t) - (x->t < y->t);
}

/* Every task-row span is +1 in its state at its start and -1 at its end;
 * a sweep in time order gives the counts after each change and, by adding
 * count x duration, their integrals, so a column's mean is two lookups. */
static int build_chart(trk_track *t) {
  size_t n = 0;
  for (int32_t k = 0; k < t->ntasks; k++) n += 2 * trk_row_len(t, k);
  delta *d = malloc((n ? n : 1) * sizeof *d);
  if (!d) return -1;
  size_t m = 0;
  for (int32_t k = 0; k < t->ntasks; k++)
    for (size_t i = 0; i < trk_row_len(t, k); i++) {
      const sim_span *s = trk_row_span(t, k, i);
      int slot = chart_slot(trk_state_of_kind((sim_span_kind)s->kind));
      if (slot < 0 || s->end <= s->start) continue;
      d[m++] = (delta){s->start, slot, +1};
      d[m++] = (delta){s->end, slot, -1};
    }
  qsort(d, m, sizeof *d, cmp_delta);
  t->prog.chart_t = malloc((m + 1) * sizeof *t->prog.chart_t);
  t->prog.chart_n = malloc((m + 1) * sizeof *t->prog.chart_n);
  t->prog.chart_area = malloc((m + 1) * sizeof *t->prog.chart_area);
  if (!t->prog.chart_t || !t->prog.chart_n || !t->prog.chart_area) {
    free(d);
    return -1;
  }
  int32_t cur[TRK_CHART_STATES] = {0};
  double area[TRK_CHART_STATES] = {0};
  size_t np = 0;
  sim_time last = 0;
  /* Point 0 at time 0 with zero counts, then one point per distinct time. */
  t->prog.chart_t[0] = 0;
  memset(t->prog.chart_n[0], 0, sizeof t->prog.chart_n[0]);
  memset(t->prog.chart_area[0], 0, sizeof t->prog.chart_area[0]);
  np = 1;
  for (size_t i = 0; i < m;) {
    sim_time tm = d[i].t;
    for (int s = 0; s < TRK_CHART_STATES; s++) area[s] += (double)cur[s] * (double)(tm - last);
    for (; i < m && d[i].t == tm; i++) cur[d[i].slot] += d[i].d;
    last = tm;
    size_t j = tm == t->prog.chart_t[np - 1] ? np - 1 : np++;
    t->prog.chart_t[j] = tm;
    memcpy(t->prog.chart_n[j], cur, sizeof cur);
    int32_t total = 0;
    for (int s = 0; s < TRK_CHART_STATES; s++) total += cur[s];
    if (total > t->prog.chart_max) t->prog.chart_max = total;
    memcpy(t->prog.chart_area[j], area, sizeof area);
  }
  t->prog.nchart = np;
  free(d);
  return 0;
}

/* The integral of each count from 0 to tm. */
static void chart_area_at(const trk_track *t, double tm, double out[TRK_CHART_STATES]) {
  sim_time ti = tm <= 0 ? 0 : (sim_time)tm;
  size_t i = trk_times_upto(t->prog.chart_t, t->prog.nchart, ti);
  if (i == 0) {
    for (int s = 0; s < TRK_CHART_STATES; s++) out[s] = 0;
    return;
  }
  i--;
  for (int s = 0; s < TRK_CHART_STATES; s++)
    out[s] = t->prog.chart_area[i][s] +
             (double)t->prog.chart_n[i][s] * (tm - (double)t->prog.chart_t[i]);
}

void trk_state_counts(const trk_track *t, double a, double b, double out[TRK_CHART_STATES]) {
  for (int s = 0; s < TRK_CHART_STATES; s++) out[s] = 0;
  if (!t->prog.chart_t || t->prog.nchart == 0) return;
  if (b <= a) {
    size_t i = trk_times_upto(t->prog.chart_t, t->prog.nchart, a <= 0 ? 0 : (sim_time)a);
    if (i > 0)
      for (int s = 0; s < TRK_CHART_STATES; s++) out[s] = t->prog.chart_n[i - 1][s];
    return;
  }
  double x[TRK_CHART_STATES], y[TRK_CHART_STATES];
  chart_area_at(t, a, x);
  chart_area_at(t, b, y);
  for (int s = 0; s < TRK_CHART_STATES; s++) out[s] = (y[s] - x[s]) / (b - a);
}

int trk_progress_build(trk_track *t) {
  memset(&t->prog, 0, sizeof t->prog);
  if (build_work(t) != 0 || build_busy(t) != 0 || build_response(t) != 0 || build_chart(t) != 0) {
    trk_progress_free(t);
    return -1;
  }
  return 0;
}

void trk_progress_free(trk_track *t) {
  free(t->prog.work_ends);
  free(t->prog.lane_cum);
  free(t->prog.arrivals);
  free(t->prog.resp_cum);
  free(t->prog.resp_p95);
  free(t->prog.chart_t);
  free(t->prog.chart_n);
  free(t->prog.chart_area);
  memset(&t->prog, 0, sizeof t->prog);
}

void trk_work_done(const trk_track *t, sim_time time, size_t *done, size_t *total) {
  *total = t->prog.nwork;
  *done = t->prog.work_ends ? trk_times_upto(t->prog.work_ends, t->prog.nwork, time) : 0;
}

void trk_lane_time(const trk_track *t, int32_t row, sim_time a, sim_time b,
                   sim_time out[TRK_LANE_KINDS]) {
  for (int k = 0; k < TRK_LANE_KINDS; k++) out[k] = 0;
  if (!t->prog.lane_cum || row < t->ntasks || row >= t->nrows || b <= a) return;
  size_t n = trk_row_len(t, row), base = t->row_off[row] - t->row_off[t->ntasks];
  size_t i0 = trk_row_find(t, row, a); /* the first span ending after a */
  size_t i1 = trk_row_find(t, row, b - 1);
  if (i1 < n && trk_row_span(t, row, i1)->start < b) i1++; /* past the last starting before b */
  if (i0 >= i1) return;
  /* The spans strictly between the first and the last lie inside [a, b). */
  if (i1 - i0 > 2)
    for (int k = 0; k < TRK_LANE_KINDS; k++)
      out[k] = t->prog.lane_cum[base + i1 - 2][k] - t->prog.lane_cum[base + i0][k];
  size_t ends[2] = {i0, i1 - 1};
  for (int e = 0; e < (i1 - 1 > i0 ? 2 : 1); e++) {
    const sim_span *s = trk_row_span(t, row, ends[e]);
    int k = lane_kind(s->kind);
    sim_time lo = s->start > a ? s->start : a, hi = s->end < b ? s->end : b;
    if (k >= 0 && hi > lo) out[k] += hi - lo;
  }
}

double trk_busy_share(const trk_track *t, sim_time time) {
  sim_time elapsed = time < t->res.makespan ? time : t->res.makespan;
  int cores = t->res.cores > 0 ? t->res.cores : 1;
  if (elapsed <= 0) return 0;
  double busy = 0;
  for (int32_t r = t->ntasks; r < t->nrows; r++) {
    sim_time k[TRK_LANE_KINDS];
    trk_lane_time(t, r, 0, elapsed, k);
    busy += (double)k[TRK_LANE_CPU];
  }
  return busy / ((double)elapsed * cores);
}

void trk_response_so_far(const trk_track *t, sim_time time, int32_t *n, double *mean_s,
                         double *p95_s) {
  *n = 0, *mean_s = 0, *p95_s = 0;
  if (!t->prog.resp_cum) return;
  int32_t k = trk_tasks_done(t, time);
  *n = k;
  if (k == 0) return;
  *mean_s = t->prog.resp_cum[k] / k / (double)SIM_S;
  *p95_s = (double)t->prog.resp_p95[k] / (double)SIM_S;
}

int32_t trk_in_system(const trk_track *t, sim_time time) {
  if (!t->prog.arrivals) return 0;
  return (int32_t)trk_times_upto(t->prog.arrivals, (size_t)t->ntasks, time) -
         trk_tasks_done(t, time);
}

/* track.c - per-row span indexes and the event-time list, built once per run.
 *
 * Cost: two passes over the spans per track (count, then fill) and one merge
 * of sorted time arrays; after that every query is a binary search. The
 * alternative, scanning spans per frame, is what makes a 10,000-task timeline
 * crawl.
 */
#include "render/track.h"

#include "render/progress.h"
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "sim/explain.h"
#include "sim/sim_alloc.h"

trk_state trk_state_of_kind(sim_span_kind kind) {
  switch (kind) {
  case SIM_SPAN_CPU:
  case SIM_SPAN_SWITCH:
  case SIM_SPAN_GIL: /* the GIL's lane: someone holds it and runs */
    return TRK_RUNNING;
  case SIM_SPAN_STALL: /* a lane held by a blocking call: the worker is blocked */
    return TRK_BLOCKED;
  case SIM_SPAN_WAIT:
    return TRK_WAITING;
  case SIM_SPAN_READY:
    return TRK_READY;
  case SIM_SPAN_BLOCKED:
    return TRK_BLOCKED;
  default:
    return TRK_PENDING;
  }
}

/* Row order must be start order; the engine guarantees it (spans stored in the
 * order they ended, rows never overlap), but a row found out of order is
 * sorted rather than trusted, since every lookup depends on it. The sort
 * carries (start, index) pairs, so the comparator needs no global pointer to
 * the spans (which made two sets built at once on two threads race). */
int trk_cmp_time_id(const void *a, const void *b) {
  const trk_time_id *x = a, *y = b;
  if (x->t != y->t) return (x->t > y->t) - (x->t < y->t);
  return (x->id > y->id) - (x->id < y->id); /* stable: equal times keep their order */
}

static int sort_row(trk_track *t, int32_t r) {
  size_t n = trk_row_len(t, r);
  uint32_t *idx = t->row_idx + t->row_off[r];
  trk_time_id *pairs = malloc(n * sizeof *pairs);
  if (!pairs) return -1;
  for (size_t i = 0; i < n; i++) pairs[i] = (trk_time_id){t->res.spans[idx[i]].start, idx[i]};
  qsort(pairs, n, sizeof *pairs, trk_cmp_time_id);
  for (size_t i = 0; i < n; i++) idx[i] = pairs[i].id;
  free(pairs);
  return 0;
}

static int row_of(const trk_track *t, const sim_span *s, int lane_row) {
  int rows = sim_span_rows(s);
  if (lane_row) return rows & SIM_ROW_LANE && s->lane < t->nlanes ? t->ntasks + s->lane : -1;
  return rows & SIM_ROW_TASK && s->task < t->ntasks ? s->task : -1;
}

int trk_track_init(trk_track *t, sim_result *res, sim_error *err) {
  memset(t, 0, sizeof *t);
  t->res = *res;
  memset(res, 0, sizeof *res);
  t->ntasks = t->res.ntasks;
  t->nlanes = t->res.nlanes;
  t->nrows = t->ntasks + t->nlanes;
  t->is_sync = sim_result_is_baseline(&t->res);
  t->row_off = calloc((size_t)t->nrows + 1, sizeof *t->row_off);
  t->ends_sorted = malloc(((size_t)t->ntasks + 1) * sizeof *t->ends_sorted);
  if (!t->row_off || !t->ends_sorted) goto oom;

  /* Count, prefix-sum, fill: a span can land in two rows (task and lane). */
  size_t total = 0;
  for (size_t i = 0; i < t->res.nspans; i++) {
    for (int lr = 0; lr < 2; lr++) {
      int r = row_of(t, &t->res.spans[i], lr);
      if (r >= 0) t->row_off[r + 1]++, total++;
    }
  }
  /* Rows index spans with 32 bits (half the memory of size_t); only a raised
   * --max-span-memory gets near it. */
  if (total > UINT32_MAX) {
    trk_track_free(t);
    return sim_fail(err, SIM_EINPUT, "error: %zu spans are more than the window can index (%u)",
                    total, (unsigned)UINT32_MAX);
  }
  for (int32_t r = 0; r < t->nrows; r++) t->row_off[r + 1] += t->row_off[r];
  t->row_idx = malloc((total ? total : 1) * sizeof *t->row_idx);
  uint32_t *fill = malloc(((size_t)t->nrows + 1) * sizeof *fill);
  if (!t->row_idx || !fill) {
    free(fill);
    goto oom;
  }
  memcpy(fill, t->row_off, ((size_t)t->nrows + 1) * sizeof *fill);
  for (size_t i = 0; i < t->res.nspans; i++) {
    for (int lr = 0; lr < 2; lr++) {
      int r = row_of(t, &t->res.spans[i], lr);
      if (r >= 0) t->row_idx[fill[r]++] = (uint32_t)i;
    }
  }
  free(fill);
  for (int32_t r = 0; r < t->nrows; r++) {
    for (size_t i = 1; i < trk_row_len(t, r); i++) {
      if (trk_row_span(t, r, i)->start < trk_row_span(t, r, i - 1)->start) {
        if (sort_row(t, r) != 0) goto oom;
        break;
      }
    }
  }

  for (int32_t k = 0; k < t->ntasks; k++)
    t->ends_sorted[k] = t->res.task_end ? t->res.task_end[k] : SIM_TIME_MAX;
  qsort(t->ends_sorted, (size_t)t->ntasks, sizeof *t->ends_sorted, sim_time_cmp);
  if (trk_progress_build(t) != 0) goto oom;
  return 0;
oom:
  trk_track_free(t);
  return sim_fail(err, SIM_EFAIL, "error: out of memory indexing spans");
}

void trk_track_free(trk_track *t) {
  sim_free(t->path); /* taken from the explain result, allocated by sim/ */
  trk_progress_free(t);
  sim_result_free(&t->res);
  free(t->row_off);
  free(t->row_idx);
  free(t->ends_sorted);
  free(t->events);
  memset(t, 0, sizeof *t);
}

/* Merges sorted a[na] and b[nb] into out, dropping duplicates; returns the length. */
static size_t merge_unique(const sim_time *a, size_t na, const sim_time *b, size_t nb,
                           sim_time *out) {
  size_t i = 0, j = 0, n = 0;
  while (i < na || j < nb) {
    sim_time v = j >= nb || (i < na && a[i] <= b[j]) ? a[i++] : b[j++];
    if (n == 0 || out[n - 1] != v) out[n++] = v;
  }
  return n;
}

/* Every instant at which some row changes state. Spans are stored in end
 * order, so a track's ends come sorted; the only starts that are not also the
 * end of the row's previous span are the few after a gap, sorted separately. */
static int build_events(trk_set *set, sim_error *err) {
  size_t cap = 1;
  for (int k = 0; k < set->ntracks; k++) cap += 2 * set->tracks[k].res.nspans;
  sim_time *acc = malloc(cap * sizeof *acc), *tmp = malloc(cap * sizeof *tmp);
  sim_time *one = malloc(cap * sizeof *one);
  if (!acc || !tmp || !one) {
    free(acc), free(tmp), free(one);
    return sim_fail(err, SIM_EFAIL, "error: out of memory listing events");
  }
  size_t nacc = 1;
  acc[0] = 0;
  for (int k = 0; k < set->ntracks; k++) {
    const trk_track *t = &set->tracks[k];
    size_t n = 0, sorted = 1;
    for (size_t i = 0; i < t->res.nspans; i++) {
      one[n++] = t->res.spans[i].end;
      if (n > 1 && one[n - 1] < one[n - 2]) sorted = 0;
    }
    size_t nends = n;
    for (int32_t r = 0; r < t->nrows; r++) {
      for (size_t i = 0; i < trk_row_len(t, r); i++) {
        sim_time s = trk_row_span(t, r, i)->start;
        if (i == 0 || trk_row_span(t, r, i - 1)->end != s) one[n++] = s;
      }
    }
    if (!sorted) qsort(one, nends, sizeof *one, sim_time_cmp);
    qsort(one + nends, n - nends, sizeof *one, sim_time_cmp);
    /* Two merges: ends with the gap starts, then the result into acc. */
    size_t m = merge_unique(one, nends, one + nends, n - nends, tmp);
    memcpy(one, tmp, m * sizeof *one);
    /* The track's own list, for stepping through one strategy's events. */
    set->tracks[k].events = malloc((m ? m : 1) * sizeof *one);
    if (!set->tracks[k].events) {
      free(acc), free(tmp), free(one);
      return sim_fail(err, SIM_EFAIL, "error: out of memory listing events");
    }
    memcpy(set->tracks[k].events, one, m * sizeof *one);
    set->tracks[k].nevents = m;
    nacc = merge_unique(acc, nacc, one, m, tmp);
    memcpy(acc, tmp, nacc * sizeof *acc);
  }
  free(tmp);
  free(one);
  set->events = acc;
  set->nevents = nacc;
  return 0;
}

/* The critical path and the bottleneck, for `c` and the finished panel's
 * sentence. A run the analysis cannot explain (spans that do not fit the
 * scenario, as in hand-made test sets) simply has none. */
static void explain_track(trk_track *t, const scn_scenario *scn) {
  exp_explain ex;
  sim_error err;
  if (exp_explain_run(scn, &t->res, NULL, &ex, &err) != 0) return;
  t->path = ex.path_spans;
  t->npath = ex.npath;
  ex.path_spans = NULL;
  snprintf(t->why, sizeof t->why, "%s: %s", ex.bottleneck, ex.sentence);
  exp_explain_free(&ex);
}

int trk_set_init(trk_set *set, const scn_scenario *scn, sim_result *results, int n,
                 sim_error *err) {
  memset(set, 0, sizeof *set);
  set->scn = scn;
  set->sync_index = -1;
  if (n < 0 || n > TRK_MAX_TRACKS) {
    for (int k = 0; k < n; k++) sim_result_free(&results[k]);
    return sim_fail(err, SIM_EINPUT, "error: at most %d strategies fit in the window",
                    TRK_MAX_TRACKS);
  }
  for (int k = 0; k < n; k++) {
    int rc = trk_track_init(&set->tracks[k], &results[k], err);
    if (rc) {
      for (int j = k + 1; j < n; j++) sim_result_free(&results[j]);
      trk_set_free(set);
      return rc;
    }
    set->ntracks = k + 1;
    if (scn) explain_track(&set->tracks[k], scn);
    if (set->tracks[k].is_sync && set->sync_index < 0) set->sync_index = k;
    if (set->tracks[k].res.makespan > set->end) set->end = set->tracks[k].res.makespan;
  }
  int rc = build_events(set, err);
  if (rc) trk_set_free(set);
  return rc;
}

void trk_set_free(trk_set *set) {
  for (int k = 0; k < set->ntracks; k++) trk_track_free(&set->tracks[k]);
  free(set->events);
  memset(set, 0, sizeof *set);
  set->sync_index = -1;
}

/* The one binary search: the first i in [0, n) with past(ctx, i) false,
 * where past is true for a prefix and false after it. */
static size_t partition_point(size_t n, int (*past)(const void *ctx, size_t i), const void *ctx) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (past(ctx, mid))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

typedef struct row_key {
  const trk_track *t;
  int32_t row;
  sim_time time;
} row_key;

static int row_ends_by(const void *ctx, size_t i) {
  const row_key *k = ctx;
  return trk_row_span(k->t, k->row, i)->end <= k->time;
}

typedef struct times_key {
  const sim_time *a;
  sim_time time;
} times_key;

static int time_at_or_before(const void *ctx, size_t i) {
  const times_key *k = ctx;
  return k->a[i] <= k->time;
}

static int time_before(const void *ctx, size_t i) {
  const times_key *k = ctx;
  return k->a[i] < k->time;
}

size_t trk_row_find(const trk_track *t, int32_t row, sim_time time) {
  row_key k = {t, row, time};
  return partition_point(trk_row_len(t, row), row_ends_by, &k);
}

const sim_span *trk_row_at(const trk_track *t, int32_t row, sim_time time) {
  size_t i = trk_row_find(t, row, time);
  if (i < trk_row_len(t, row)) {
    const sim_span *s = trk_row_span(t, row, i);
    if (s->start <= time) return s;
  }
  return NULL;
}

trk_state trk_task_state(const trk_track *t, int32_t task, sim_time time, const sim_span **span) {
  size_t i = trk_row_find(t, task, time), n = trk_row_len(t, task);
  const sim_span *prev = i > 0 ? trk_row_span(t, task, i - 1) : NULL;
  if (span) *span = prev;
  if (i < n && trk_row_span(t, task, i)->start <= time) {
    const sim_span *s = trk_row_span(t, task, i);
    if (span) *span = s;
    return trk_state_of_kind((sim_span_kind)s->kind);
  }
  if (t->res.task_end && time >= t->res.task_end[task]) return TRK_DONE;
  if (!prev) return TRK_PENDING;
  /* A gap between two spans of a started task: it stays in its last state. */
  return trk_state_of_kind((sim_span_kind)prev->kind);
}

void trk_task_progress(const trk_track *t, const scn_scenario *scn, int32_t task, sim_time time,
                       uint32_t *rep, uint32_t *nrep) {
  int32_t inst = 0;
  int g = scn ? sim_task_group(scn, &t->res, task, &inst) : -1;
  *nrep = g >= 0 ? (uint32_t)scn->groups[g].repeat : 1;
  const sim_span *s = NULL;
  trk_state st = trk_task_state(t, task, time, &s);
  if (st == TRK_DONE)
    *rep = *nrep;
  else
    *rep = s ? s->rep + 1 : 0;
}

void trk_task_totals(const trk_track *t, int32_t task, sim_time out[TRK_STATE_COUNT]) {
  for (int k = 0; k < TRK_STATE_COUNT; k++) out[k] = 0;
  if (task < 0 || task >= t->ntasks) return;
  for (size_t i = 0; i < trk_row_len(t, task); i++) {
    const sim_span *s = trk_row_span(t, task, i);
    out[trk_state_of_kind((sim_span_kind)s->kind)] += s->end - s->start;
  }
}

int trk_task_step(const trk_track *t, const scn_scenario *scn, int32_t task, sim_time time) {
  int32_t inst = 0;
  int g = scn ? sim_task_group(scn, &t->res, task, &inst) : -1;
  const sim_span *s = NULL;
  trk_state st = trk_task_state(t, task, time, &s);
  if (st == TRK_DONE) return g >= 0 ? scn->groups[g].nsteps : 1;
  return s ? (int)s->step + 1 : 0;
}

size_t trk_times_upto(const sim_time *sorted, size_t n, sim_time time) {
  times_key k = {sorted, time};
  return partition_point(n, time_at_or_before, &k);
}

int32_t trk_tasks_done(const trk_track *t, sim_time time) {
  return (int32_t)trk_times_upto(t->ends_sorted, (size_t)t->ntasks, time);
}

/* The events of one track, or of all when track is out of range. */
static const sim_time *events_of(const trk_set *set, int track, size_t *n) {
  if (track >= 0 && track < set->ntracks) {
    *n = set->tracks[track].nevents;
    return set->tracks[track].events;
  }
  *n = set->nevents;
  return set->events;
}

sim_time trk_next_event(const trk_set *set, int track, sim_time time) {
  size_t n;
  const sim_time *ev = events_of(set, track, &n);
  size_t i = trk_times_upto(ev, n, time);
  return i < n ? ev[i] : time;
}

sim_time trk_prev_event(const trk_set *set, int track, sim_time time) {
  size_t n;
  times_key k = {events_of(set, track, &n), time};
  size_t i = partition_point(n, time_before, &k);
  return i > 0 ? k.a[i - 1] : time;
}

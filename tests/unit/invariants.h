/* invariants.h - what every run must satisfy, checked on a sim_result
 * with spans, down to each step of each task.
 *
 * For any strategy (the engine tests can reuse it):
 *  - spans are well formed: start < end, task and lane in range, the row
 *    kinds of run.h (CPU on a task and a lane; WAIT/READY/BLOCKED on a task
 *    only; SWITCH/GIL lane-only);
 *  - a task's own spans never overlap and leave no gap from its first span
 *    to its end (it is always READY, running, waiting or blocked);
 *  - each lane runs one thing at a time;
 *  - at most r->cores CPU spans at once (so at most one under the GIL);
 *  - replaying each task's steps over its spans: every cpu step got exactly
 *    its duration of CPU spans and every wait exactly one WAIT span of its
 *    duration, in step order; hence cpu recorded == cpu asked, and r->busy;
 *  - no resource is ever held beyond its capacity. Zero-time steps leave no
 *    span, so hold times come from the replay: an acquire happens at the end
 *    of its BLOCKED span, else no earlier than the READY time before the next
 *    span; a release no later than the end of the previous span. Holds are
 *    thus taken as short as the spans allow: a violation inside a READY gap
 *    can be missed, a correct run is never flagged.
 *
 * sinv_check returns 0, or -1 with the first broken rule in why. Everything is
 * static inline so a test that includes this file and uses only part of it
 * compiles without warnings.
 */
#ifndef SIMUL_TESTS_INVARIANTS_H
#define SIMUL_TESTS_INVARIANTS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/run.h"
#include "sim/scenario.h"

static inline int sinv_fail(char *why, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, size, fmt, ap);
  va_end(ap);
  return -1;
}

/* A span's sort key and its index: qsort has no context argument, and a
 * global pointer to the spans being sorted would race when two tests (or
 * two seeds) check results on threads at once. */
typedef struct sinv_key {
  sim_time start, end;
  size_t i;
} sinv_key;

static inline int sinv_cmp_key(const void *a, const void *b) {
  const sinv_key *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return (x->i > y->i) - (x->i < y->i);
}

typedef struct sinv_point {
  sim_time time;
  int delta; /* -1 (an end, a release) sorts before +1 at the same time */
  int what;  /* resource index, or 0 */
} sinv_point;

static inline int sinv_cmp_point(const void *a, const void *b) {
  const sinv_point *x = a, *y = b;
  if (x->time != y->time) return x->time < y->time ? -1 : 1;
  return (x->delta > y->delta) - (x->delta < y->delta);
}

/* Every row's spans, sorted by start: row k's are idx[off[k] .. off[k+1]),
 * tasks first (rows 0..ntasks-1), then lanes. Built once by counting. */
typedef struct sinv_rows {
  size_t *idx;
  size_t *off; /* [ntasks + nlanes + 1] */
} sinv_rows;

static inline int sinv_rows_build(const sim_result *r, sinv_rows *rows) {
  size_t nrows = (size_t)r->ntasks + (size_t)r->nlanes;
  rows->idx = malloc((2 * r->nspans + 1) * sizeof *rows->idx);
  rows->off = calloc(nrows + 2, sizeof *rows->off);
  if (!rows->idx || !rows->off) return -1;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < r->nspans; i++) {
      const sim_span *s = &r->spans[i];
      int on = sim_span_rows(s);
      int32_t row[2] = {on & SIM_ROW_TASK ? s->task : -1,
                        on & SIM_ROW_LANE ? r->ntasks + s->lane : -1};
      for (int k = 0; k < 2; k++) {
        if (row[k] < 0 || (size_t)row[k] >= nrows) continue;
        if (pass == 0)
          rows->off[row[k] + 2]++;
        else
          rows->idx[rows->off[row[k] + 1]++] = i;
      }
    }
    if (pass == 0)
      for (size_t k = 2; k < nrows + 2; k++) rows->off[k] += rows->off[k - 1];
  }
  size_t total = rows->off[nrows];
  sinv_key *keys = malloc((total ? total : 1) * sizeof *keys);
  if (!keys) return -1;
  for (size_t j = 0; j < total; j++) {
    const sim_span *s = &r->spans[rows->idx[j]];
    keys[j] = (sinv_key){s->start, s->end, rows->idx[j]};
  }
  for (size_t k = 0; k < nrows; k++)
    qsort(keys + rows->off[k], rows->off[k + 1] - rows->off[k], sizeof *keys, sinv_cmp_key);
  for (size_t j = 0; j < total; j++) rows->idx[j] = keys[j].i;
  free(keys);
  return 0;
}

static inline void sinv_rows_free(sinv_rows *rows) {
  free(rows->idx);
  free(rows->off);
}

/* Row `who` (a task, or a lane when lane_row): its first index and count. */
static inline size_t sinv_row(const sim_result *r, const sinv_rows *rows, int lane_row, int32_t who,
                              const size_t **idx) {
  size_t k = lane_row ? (size_t)r->ntasks + (size_t)who : (size_t)who;
  *idx = rows->idx + rows->off[k];
  return rows->off[k + 1] - rows->off[k];
}

static inline int sinv_check_wellformed(const sim_result *r, char *why, size_t size) {
  for (size_t i = 0; i < r->nspans; i++) {
    const sim_span *s = &r->spans[i];
    if (s->start >= s->end || s->start < 0)
      return sinv_fail(why, size, "span %zu is empty or negative", i);
    if (s->kind >= SIM_SPAN_KIND_COUNT) return sinv_fail(why, size, "span %zu: bad kind", i);
    if (s->task < -1 || s->task >= r->ntasks || s->lane < -1 || s->lane >= r->nlanes)
      return sinv_fail(why, size, "span %zu: task %d or lane %d out of range", i, (int)s->task,
                       (int)s->lane);
    int lane_only = sim_span_kind_lane_only((sim_span_kind)s->kind);
    if (s->kind == SIM_SPAN_CPU && (s->task < 0 || s->lane < 0))
      return sinv_fail(why, size, "cpu span %zu without a task or a lane", i);
    if (!lane_only && s->kind != SIM_SPAN_CPU && (s->task < 0 || s->lane >= 0))
      return sinv_fail(why, size, "%s span %zu must be on a task only",
                       sim_span_kind_name((sim_span_kind)s->kind), i);
    if (lane_only && s->lane < 0) return sinv_fail(why, size, "lane-only span %zu has no lane", i);
  }
  return 0;
}

static inline int sinv_check_rows(const sim_result *r, const sinv_rows *rows, char *why,
                                  size_t size) {
  const size_t *idx;
  for (int32_t t = 0; t < r->ntasks; t++) {
    size_t n = sinv_row(r, rows, 0, t, &idx);
    for (size_t k = 1; k < n; k++) {
      const sim_span *a = &r->spans[idx[k - 1]], *b = &r->spans[idx[k]];
      if (a->end > b->start)
        return sinv_fail(why, size, "task %d: %s and %s spans overlap at %lld us", (int)t,
                         sim_span_kind_name((sim_span_kind)a->kind),
                         sim_span_kind_name((sim_span_kind)b->kind), (long long)b->start);
      if (a->end < b->start)
        return sinv_fail(why, size, "task %d: no state from %lld to %lld us", (int)t,
                         (long long)a->end, (long long)b->start);
    }
    if (n > 0 && r->spans[idx[n - 1]].end != r->task_end[t])
      return sinv_fail(why, size, "task %d: last span ends at %lld us, the task at %lld us", (int)t,
                       (long long)r->spans[idx[n - 1]].end, (long long)r->task_end[t]);
  }
  for (int32_t l = 0; l < r->nlanes; l++) {
    size_t n = sinv_row(r, rows, 1, l, &idx);
    for (size_t k = 1; k < n; k++)
      if (r->spans[idx[k - 1]].end > r->spans[idx[k]].start)
        return sinv_fail(why, size, "lane '%s' runs two things at %lld us", r->lanes[l].name,
                         (long long)r->spans[idx[k]].start);
  }
  return 0;
}

static inline int sinv_check_cores(const sim_result *r, char *why, size_t size) {
  size_t n = 0;
  sinv_point *pts = malloc((2 * r->nspans + 1) * sizeof *pts);
  if (!pts) return sinv_fail(why, size, "out of memory");
  for (size_t i = 0; i < r->nspans; i++) {
    if (r->spans[i].kind != SIM_SPAN_CPU) continue;
    pts[n++] = (sinv_point){r->spans[i].start, +1, 0};
    pts[n++] = (sinv_point){r->spans[i].end, -1, 0};
  }
  qsort(pts, n, sizeof *pts, sinv_cmp_point);
  int running = 0, rc = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    running += pts[i].delta;
    if (running > r->cores)
      rc = sinv_fail(why, size, "%d cpu spans at once at %lld us (cores: %d)", running,
                     (long long)pts[i].time, r->cores);
  }
  free(pts);
  return rc;
}

/* The replay can only follow steps whose spans it can predict: cpu, wait,
 * yield, acquire, release, with no timeout or failure that could end one
 * early. Scenarios with other steps get every other check. */
static inline int sinv_replayable(const scn_scenario *scn) {
  for (int g = 0; g < scn->ngroups; g++)
    for (int k = 0; k < scn->groups[g].nsteps; k++) {
      const scn_step *st = &scn->groups[g].steps[k];
      if (st->kind != SCN_STEP_CPU && st->kind != SCN_STEP_WAIT && st->kind != SCN_STEP_YIELD &&
          st->kind != SCN_STEP_ACQUIRE && st->kind != SCN_STEP_RELEASE)
        return 0;
      if (st->timeout > 0 || st->fail > 0) return 0;
    }
  return 1;
}

/* Replays each task's steps over its own spans, in order (see the header
 * comment). Spans name their (rep, step), so consecutive cpu steps are told
 * apart and random durations are followed too; fixed ones must match exactly. */
static inline int sinv_check_steps(const scn_scenario *scn, const sim_result *r,
                                   const sinv_rows *rows, sim_time cpu_extra, sim_time wait_extra,
                                   char *why, size_t size) {
  const size_t *idx;
  size_t cap = 64, npts = 0;
  sinv_point *pts = malloc(cap * sizeof *pts);
  sim_time asked = 0, recorded = 0;
  int rc = 0, all_fixed = 1;
  if (!pts) return sinv_fail(why, size, "out of memory");
  for (size_t i = 0; i < r->nspans; i++)
    if (r->spans[i].kind == SIM_SPAN_CPU) recorded += r->spans[i].end - r->spans[i].start;
  for (int32_t t = 0; t < r->ntasks && rc == 0; t++) {
    int32_t inst;
    const scn_group *g = &scn->groups[sim_task_group(scn, r, t, &inst)];
    size_t n = sinv_row(r, rows, 0, t, &idx), i = 0;
    sim_time cursor = n ? r->spans[idx[0]].start : 0; /* end of the last span used */
    for (int32_t rep = 0; rep < g->repeat && rc == 0; rep++) {
      for (int k = 0; k < g->nsteps && rc == 0; k++) {
        const scn_step *st = &g->steps[k];
        int fixed = st->duration.kind == SCN_DIST_FIXED;
        sim_time got = 0;
        if (st->kind == SCN_STEP_CPU || st->kind == SCN_STEP_WAIT || st->kind == SCN_STEP_ACQUIRE)
          while (i < n && r->spans[idx[i]].kind == SIM_SPAN_READY) i++;
        const sim_span *s = i < n ? &r->spans[idx[i]] : NULL;
#define SINV_AT(sp) ((sp)->rep == (uint32_t)rep && (sp)->step == (uint16_t)k)
        switch (st->kind) {
        case SCN_STEP_CPU:
          for (;;) {
            while (i < n && r->spans[idx[i]].kind == SIM_SPAN_READY && SINV_AT(&r->spans[idx[i]]))
              i++;
            s = i < n ? &r->spans[idx[i]] : NULL;
            if (!s || s->kind != SIM_SPAN_CPU || !SINV_AT(s)) break;
            got += s->end - s->start;
            cursor = s->end;
            i++;
          }
          if (fixed) asked += st->duration.value + cpu_extra;
          all_fixed &= fixed;
          if (fixed ? got != st->duration.value + cpu_extra : 0)
            rc = sinv_fail(why, size, "task %d rep %d step %d: %lld us of cpu, asked %lld us",
                           (int)t, (int)rep, k, (long long)got, (long long)st->duration.value);
          break;
        case SCN_STEP_WAIT:
          if (s && s->kind == SIM_SPAN_WAIT && SINV_AT(s)) {
            got = s->end - s->start;
            cursor = s->end;
            i++;
          }
          if (fixed && (got < st->duration.value || got > st->duration.value + wait_extra))
            rc = sinv_fail(why, size, "task %d rep %d step %d: waited %lld us, asked %lld us",
                           (int)t, (int)rep, k, (long long)got, (long long)st->duration.value);
          break;
        case SCN_STEP_ACQUIRE:
        case SCN_STEP_RELEASE: {
          sim_time at = cursor;
          if (st->kind == SCN_STEP_ACQUIRE) {
            at = s ? s->start : r->task_end[t];
            if (s && s->kind == SIM_SPAN_BLOCKED && SINV_AT(s)) {
              if (s->resource_plus1 != st->resource + 1)
                rc = sinv_fail(why, size, "task %d: blocked span names the wrong resource", (int)t);
              at = cursor = s->end;
              i++;
            }
          }
          if (npts == cap) {
            sinv_point *more = realloc(pts, 2 * cap * sizeof *pts);
            if (!more) {
              rc = sinv_fail(why, size, "out of memory");
              break;
            }
            pts = more;
            cap *= 2;
          }
          pts[npts++] = (sinv_point){at, st->kind == SCN_STEP_ACQUIRE ? +1 : -1, st->resource};
          break;
        }
        default:
          break; /* yield */
        }
#undef SINV_AT
      }
    }
    while (rc == 0 && i < n && r->spans[idx[i]].kind == SIM_SPAN_READY) i++;
    if (rc == 0 && i != n)
      rc =
          sinv_fail(why, size, "task %d: %zu spans left after its last step (the first at %lld us)",
                    (int)t, n - i, (long long)r->spans[idx[i]].start);
  }
  if (rc == 0 && all_fixed && asked != recorded)
    rc = sinv_fail(why, size, "cpu recorded %lld us, asked %lld us", (long long)recorded,
                   (long long)asked);
  if (rc == 0 && r->busy != recorded)
    rc = sinv_fail(why, size, "busy %lld us but cpu spans %lld us", (long long)r->busy,
                   (long long)recorded);
  if (rc == 0) {
    qsort(pts, npts, sizeof *pts, sinv_cmp_point);
    int *held = calloc((size_t)scn->nresources + 1, sizeof *held);
    for (size_t k = 0; held && k < npts && rc == 0; k++) {
      held[pts[k].what] += pts[k].delta;
      if (held[pts[k].what] > scn->resources[pts[k].what].capacity)
        rc = sinv_fail(why, size, "resource '%s' held %d times at %lld us (capacity %d)",
                       scn->resources[pts[k].what].name, held[pts[k].what], (long long)pts[k].time,
                       (int)scn->resources[pts[k].what].capacity);
    }
    if (!held) rc = sinv_fail(why, size, "out of memory");
    free(held);
  }
  free(pts);
  return rc;
}

/* All of the above for a run with a profile: every fixed cpu step ran
 * cpu_extra (step_cost) more than asked, a wait may end up to wait_extra
 * (sleep_late) late. The run must have recorded spans. */
static inline int sinv_check_profiled(const scn_scenario *scn, const sim_result *r,
                                      sim_time cpu_extra, sim_time wait_extra, char *why,
                                      size_t size) {
  sinv_rows rows = {NULL, NULL};
  int rc = sinv_check_wellformed(r, why, size);
  if (rc == 0 && sinv_rows_build(r, &rows) != 0) rc = sinv_fail(why, size, "out of memory");
  if (rc == 0) rc = sinv_check_rows(r, &rows, why, size);
  if (rc == 0) rc = sinv_check_cores(r, why, size);
  if (rc == 0 && sinv_replayable(scn))
    rc = sinv_check_steps(scn, r, &rows, cpu_extra, wait_extra, why, size);
  sinv_rows_free(&rows);
  return rc;
}

/* All of the above; the run must have recorded spans. */
static inline int sinv_check(const scn_scenario *scn, const sim_result *r, char *why, size_t size) {
  return sinv_check_profiled(scn, r, 0, 0, why, size);
}

#endif

/* loop.c - the event loop at an instant; see loop.h.
 *
 * Cost: one binary search per task and lane, and a sort of each list; the
 * panel asks once per frame, only while it is shown.
 */
#include "render/loop.h"

#include "render/lane.h"

#include <stdlib.h>
#include <string.h>

/* Sorts list entries (time, task) and keeps the first TRK_LOOP_MAX, their
 * spans looked up again (a list is short; the tasks are many). */
static void fill_list(trk_loop_list *l, trk_time_id *k, int32_t n, const trk_track *t,
                      sim_time time) {
  qsort(k, (size_t)n, sizeof *k, trk_cmp_time_id);
  l->n = n;
  for (int32_t i = 0; i < n && i < TRK_LOOP_MAX; i++) {
    const sim_span *s = NULL;
    trk_task_state(t, (int32_t)k[i].id, time, &s);
    l->items[i] =
        (trk_loop_item){(int32_t)k[i].id, s ? s->start : 0, s ? s->end : 0, s ? s->step : 0};
  }
}

/* Units of resource r the task holds on reaching `step` of a repetition:
 * acquires minus releases of r among the steps before it. */
static int holds(const scn_scenario *scn, const sim_result *run, int32_t task, uint32_t step,
                 int r) {
  int32_t inst;
  int g = sim_task_group(scn, run, task, &inst), n = 0;
  if (g < 0) return 0;
  const scn_group *grp = &scn->groups[g];
  for (uint32_t k = 0; k < step && k < (uint32_t)grp->nsteps; k++) {
    if (grp->steps[k].resource != r) continue;
    if (grp->steps[k].kind == SCN_STEP_ACQUIRE) n++;
    if (grp->steps[k].kind == SCN_STEP_RELEASE) n--;
  }
  return n;
}

int trk_loop_at(const trk_track *t, const scn_scenario *scn, sim_time time, trk_loop *out) {
  memset(out, 0, sizeof *out);
  out->nlanes = t->nlanes < TRK_LOOP_MAX_LANES ? t->nlanes : TRK_LOOP_MAX_LANES;
  for (int l = 0; l < out->nlanes; l++) {
    int32_t row = t->ntasks + l;
    size_t i = trk_row_find(t, row, time);
    const sim_span *s = i < trk_row_len(t, row) && trk_row_span(t, row, i)->start <= time
                            ? trk_row_span(t, row, i)
                            : NULL;
    if (s) {
      out->lanes[l] = (trk_loop_lane){s->task, -1, s->kind, 0, s->start, s->end};
      continue;
    }
    const trk_interval *iv = trk_lane_ready_covering(t, row, time);
    if (iv) {
      out->lanes[l] = (trk_loop_lane){-1, iv->task, 0, 1, iv->start, iv->end};
      continue;
    }
    /* Idle: until its next span; bound to its last task if that one waits. */
    const sim_span *prev = i > 0 ? trk_row_span(t, row, i - 1) : NULL;
    sim_time until = i < trk_row_len(t, row) ? trk_row_span(t, row, i)->start : t->res.makespan;
    int32_t w = prev && prev->task >= 0 && trk_task_state(t, prev->task, time, NULL) == TRK_WAITING
                    ? prev->task
                    : -1;
    out->lanes[l] = (trk_loop_lane){-1, w, 0, 0, prev ? prev->end : 0, until};
  }
  out->nres = scn ? (scn->nresources < TRK_LOOP_MAX_RES ? scn->nresources : TRK_LOOP_MAX_RES) : 0;
  int nlists = 2 + 2 * out->nres;
  trk_time_id *k = malloc(((size_t)t->ntasks * (size_t)nlists + 1) * sizeof *k);
  if (!k) return -1;
  int32_t *cnt = calloc((size_t)nlists, sizeof *cnt);
  if (!cnt) {
    free(k);
    return -1;
  }
  /* List j's keys live at k + j * ntasks. */
  for (int32_t task = 0; task < t->ntasks; task++) {
    const sim_span *s = NULL;
    trk_state st = trk_task_state(t, task, time, &s);
    if (!s || st == TRK_DONE || st == TRK_PENDING) continue;
    uint32_t id = (uint32_t)task;
    if (st == TRK_READY) k[cnt[0]++] = (trk_time_id){s->start, id};
    if (st == TRK_WAITING) k[(size_t)t->ntasks + (size_t)cnt[1]++] = (trk_time_id){s->end, id};
    for (int r = 0; scn && r < out->nres; r++) {
      if (st == TRK_BLOCKED && s->kind == SIM_SPAN_BLOCKED && s->resource_plus1 == r + 1) {
        size_t j = 2 + 2 * (size_t)r + 1;
        k[j * (size_t)t->ntasks + (size_t)cnt[j]++] = (trk_time_id){s->start, id};
      }
      if (holds(scn, &t->res, task, s->step, r) > 0) {
        size_t j = 2 + 2 * (size_t)r;
        k[j * (size_t)t->ntasks + (size_t)cnt[j]++] = (trk_time_id){s->start, id};
      }
    }
  }
  fill_list(&out->ready, k, cnt[0], t, time);
  fill_list(&out->waits, k + t->ntasks, cnt[1], t, time);
  for (int r = 0; r < out->nres; r++) {
    fill_list(&out->holders[r], k + (size_t)(2 + 2 * r) * (size_t)t->ntasks, cnt[2 + 2 * r], t,
              time);
    fill_list(&out->queue[r], k + (size_t)(3 + 2 * r) * (size_t)t->ntasks, cnt[3 + 2 * r], t, time);
  }
  free(cnt);
  free(k);
  return 0;
}

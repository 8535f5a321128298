/* track.h - what the window plays back: each strategy's recorded run, indexed
 * once so a frame can look anything up by binary search.
 *
 * A trk_track owns one sim_result (with spans). Its rows are the tasks
 * (0..ntasks-1) followed by the worker lanes (ntasks..ntasks+nlanes-1). CPU
 * spans belong to both their task's row and their lane's row; SWITCH spans to
 * a lane's row; WAIT, READY and BLOCKED to a task's row. One row's spans never
 * overlap, so each row's index is sorted by start and by end at once: the
 * first span visible after time t is a binary search on end.
 *
 * A trk_set is the strategies shown together on one clock, and the sorted,
 * de-duplicated times at which anything changes in any of them (for stepping
 * to the next and the previous event). Everything here is built once after the
 * runs, never per frame; after that it is read-only, so drawing can take it
 * const. Plain C, no SDL: the view-state tests use it with synthetic spans.
 */
#ifndef RENDER_TRACK_H
#define RENDER_TRACK_H

#include <stddef.h>
#include <stdint.h>

#include "sim/run.h"
#include "sim/scenario.h"
#include "sim/strategy.h"

/* What a task is doing at an instant. PENDING: no worker has taken it yet
 * (before its first span); DONE: at or after its end. */
typedef enum trk_state {
  TRK_PENDING,
  TRK_RUNNING,
  TRK_WAITING,
  TRK_READY,
  TRK_BLOCKED,
  TRK_DONE,
  TRK_STATE_COUNT
} trk_state;

/* The state a span of this kind puts its task in (SWITCH: RUNNING). */
trk_state trk_state_of_kind(sim_span_kind kind);

/* A stretch [start, end) of a row's time and the task it concerns. */
typedef struct trk_interval {
  sim_time start, end;
  int32_t task;
} trk_interval;

typedef struct trk_track {
  sim_result res; /* owned: spans, lanes, task_end */
  int32_t ntasks, nlanes, nrows;
  uint32_t *row_off;     /* [nrows+1]: row r's spans are row_idx[row_off[r]..row_off[r+1]) */
  uint32_t *row_idx;     /* span indices into res.spans, sorted by start within a row */
  sim_time *ends_sorted; /* task_end, sorted: tasks done by t is one binary search */
  int is_sync;           /* the plain "sync" strategy: the speed-up reference */
  size_t *path;          /* the critical path's spans in time order (sim/explain.h) */
  size_t npath;          /* its length */
  char why[512];         /* "worker: the master is busy ...": bottleneck, sentence */
  sim_time *events;      /* this run's span starts and ends, sorted, unique */
  size_t nevents;
  struct trk_progress_index {
    sim_time *work_ends; /* each cpu step's finish, sorted */
    size_t nwork;
    /* Per lane-row entry: the lane's time in cpu, gil, switch and stall
     * spans up to that span's end (see trk_lane_time). */
    sim_time (*lane_cum)[4];
    sim_time *arrivals; /* task_arrival, sorted */
    double *resp_cum;   /* [ntasks+1]: sum of response times of the first i to finish */
    sim_time *resp_p95; /* [ntasks+1]: p95 of the first i to finish (0 for i = 0) */
    /* The state chart: the times the task counts change, and at each the
     * counts and their integrals from 0 (running, blocked, ready, waiting). */
    sim_time *chart_t;
    int32_t (*chart_n)[4];
    double (*chart_area)[4];
    size_t nchart;
    int32_t chart_max; /* the most tasks in the chart's states at once: its scale */
  } prog;              /* see progress.h */
  struct trk_lane_ready {
    uint32_t *off;    /* [nlanes+1]: lane l's stretches are iv[off[l]..off[l+1]) */
    trk_interval *iv; /* where a lane holds a READY task: waiting for the GIL or a core */
    sim_time *cum;    /* [off[nlanes]]: the lane's ready time up to each stretch's end */
    int has_gil;      /* some lane holds the GIL (threads with gil=on) */
  } lane_ready;       /* see lane.h */
} trk_track;

#define TRK_MAX_TRACKS 8

typedef struct trk_set {
  const scn_scenario *scn; /* borrowed: must outlive the set */
  /* The title bar: the scenario's name and its real counts ("Chess
   * exhibition — 500 boards x 30 rounds"), set by the app; NULL: the name.
   * hide_description: --set changed the scenario, so its prose may be stale. */
  const char *title;
  int hide_description;
  trk_track tracks[TRK_MAX_TRACKS];
  int ntracks;
  int sync_index;   /* the plain "sync" track, or -1 */
  sim_time end;     /* the longest makespan: where the shared clock stops */
  sim_time *events; /* every span start and end, sorted, unique, with 0 */
  size_t nevents;
} trk_set;

/* Indexes `res` into t, taking ownership of it (it is freed by trk_track_free,
 * and *res is zeroed). Returns 0, or SIM_EFAIL when memory runs out. */
int trk_track_init(trk_track *t, sim_result *res, sim_error *err);
void trk_track_free(trk_track *t);

/* Builds a set from results (ownership taken, each zeroed); at most
 * TRK_MAX_TRACKS: the runs `simul view` made (app/cli_window.c), or hand-made
 * spans in tests. */
int trk_set_init(trk_set *set, const scn_scenario *scn, sim_result *results, int n, sim_error *err);

void trk_set_free(trk_set *set);

/* Row r's span count, and its i-th span in start order. */
static inline size_t trk_row_len(const trk_track *t, int32_t row) {
  return t->row_off[row + 1] - t->row_off[row];
}
static inline const sim_span *trk_row_span(const trk_track *t, int32_t row, size_t i) {
  return &t->res.spans[t->row_idx[t->row_off[row] + i]];
}

/* The index of the first span of `row` with end > time (trk_row_len when none). */
size_t trk_row_find(const trk_track *t, int32_t row, sim_time time);

/* The span of `row` covering `time` (start <= time < end), or NULL. */
const sim_span *trk_row_at(const trk_track *t, int32_t row, sim_time time);

/* A task's state at `time`; *span (optional) gets the span it is in, or the
 * last one before when the state comes from history (DONE), or NULL. */
trk_state trk_task_state(const trk_track *t, int32_t task, sim_time time, const sim_span **span);

/* Which repetition the task is in at `time`, 1-based (0 before it starts,
 * `repeat` once done), and how many there are: "move 17/30". */
void trk_task_progress(const trk_track *t, const scn_scenario *scn, int32_t task, sim_time time,
                       uint32_t *rep, uint32_t *nrep);

/* The task's time in each state over its whole run (out[TRK_RUNNING] is its
 * cpu time, ...; PENDING and DONE stay 0), summed from its row's spans. */
void trk_task_totals(const trk_track *t, int32_t task, sim_time out[TRK_STATE_COUNT]);

/* The step the task is on at `time`, 1-based (0 before it starts, the
 * group's step count once done): "step 3/9" for a task that runs once. */
int trk_task_step(const trk_track *t, const scn_scenario *scn, int32_t task, sim_time time);

/* A time and an index, sorted by time then index (qsort with
 * trk_cmp_time_id): how the model orders spans, tasks and queues without
 * a comparator reaching for a global. */
typedef struct trk_time_id {
  sim_time t;
  uint32_t id;
} trk_time_id;
int trk_cmp_time_id(const void *a, const void *b);

/* How many of sorted[0..n) are <= time (the one binary search track.c has). */
size_t trk_times_upto(const sim_time *sorted, size_t n, sim_time time);

/* Tasks ended at or before `time`. */
int32_t trk_tasks_done(const trk_track *t, sim_time time);

/* The first event strictly after / the last strictly before `time` of
 * strategy `track` (-1: of any); `time` itself when there is none (the
 * clock stays put at either end). */
sim_time trk_next_event(const trk_set *set, int track, sim_time time);
sim_time trk_prev_event(const trk_set *set, int track, sim_time time);

#endif

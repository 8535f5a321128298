/* lane.h - what a worker lane is doing between its spans: idle, or holding
 * a task that is ready to run but has no CPU (waiting for the GIL, or for a
 * core when processes or threads outnumber the cores).
 *
 * The engine records a lane's cpu slices (and GIL, switch, stall spans); a
 * thread whose task waits for the GIL has no span of its own then, only the
 * task's READY span on the task's row (lane -1). A lane's stretch with no
 * span is "ready" where the task the lane runs next is READY: under threads
 * and processes a task runs on one lane from its first slice to its end (a
 * pool thread takes the next job and then queues for the GIL with it), so
 * that task is the one the lane is holding. Everything else in a gap is
 * idle: no task, or its task is in a wait or blocked (the worker does not
 * want a CPU; docs/window.md says why that stays idle). Derived once from
 * the recorded spans when the track is built, so the trace and every
 * report stay what the engine wrote.
 */
#ifndef RENDER_LANE_H
#define RENDER_LANE_H

#include "render/track.h"

/* Finds each lane's ready stretches (t->lane_ready). Returns 0, or -1 when
 * memory runs out. Called by trk_track_init once the rows are indexed. */
int trk_lane_ready_build(trk_track *t);
void trk_lane_ready_free(trk_track *t);

/* Lane row `row`'s ready stretches: count, and the i-th in time order. */
size_t trk_lane_ready_len(const trk_track *t, int32_t row);
const trk_interval *trk_lane_ready_at_index(const trk_track *t, int32_t row, size_t i);

/* The index of the first ready stretch of lane `row` ending after `time`. */
size_t trk_lane_ready_find(const trk_track *t, int32_t row, sim_time time);

/* The stretch covering `time` (start <= time < end), or NULL. */
const trk_interval *trk_lane_ready_covering(const trk_track *t, int32_t row, sim_time time);

/* Lane `row`'s ready time within [a, b): two binary searches and a prefix
 * sum, for a zoomed-out pixel column. */
sim_time trk_lane_ready_time(const trk_track *t, int32_t row, sim_time a, sim_time b);

/* What a ready lane waits for, in this run: "the GIL" (threads with the
 * GIL), "a core" (more runnable lanes than cores), else "its worker". */
const char *trk_lane_ready_for(const trk_track *t);

/* The legend's name for the ready colour over the strategies shown:
 * "ready", or with threads or processes drawn ready on their own rows
 * "ready / waiting for the GIL" (a core; the GIL or a core), as the
 * legend says "blocked / stall". */
const char *trk_ready_legend(const trk_set *set);

/* The lane row holding `task` ready at `at` (one of its ready stretches),
 * or -1 (the task is in a queue no lane has taken it from). One binary
 * search per lane: for tooltips, not per column. */
int32_t trk_lane_holding(const trk_track *t, int32_t task, sim_time at);

/* The task whose thread holds the GIL at `at`, or -1 (none, or no GIL). */
int32_t trk_gil_holder(const trk_track *t, sim_time at);

#endif

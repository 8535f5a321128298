/* loop.h - the event loop at an instant, as the panel (`e`) shows it: who
 * holds each worker, the ready queue in order, the pending waits with the
 * time they end, and each resource's holders and queue.
 *
 * All of it is read from the recorded spans (no engine state is kept): a
 * task in a READY span is in the ready queue (under threads: waiting for
 * the GIL; in a pool: the job queue), ordered by when it became ready; a
 * WAIT span is a pending wait; a BLOCKED span queues for its resource in
 * the order it asked. A resource's holders are the tasks whose steps so far
 * in this repetition acquired it more often than they released it. It
 * follows the playhead both ways, since it is a pure function of the time.
 */
#ifndef RENDER_LOOP_H
#define RENDER_LOOP_H

#include "render/track.h"

#define TRK_LOOP_MAX 48 /* items kept per list; the counts go on */

typedef struct trk_loop_item {
  int32_t task;
  sim_time since, until; /* the span's start and end */
  uint32_t step;
} trk_loop_item;

typedef struct trk_loop_list {
  int32_t n; /* how many in all (items holds the first TRK_LOOP_MAX) */
  trk_loop_item items[TRK_LOOP_MAX];
} trk_loop_list;

typedef struct trk_loop_lane {
  int32_t task;      /* -1: idle */
  int32_t waits_for; /* idle while its last task waits (sync, a thread): that task; else -1 */
  uint8_t kind;      /* sim_span_kind of the lane's span */
  uint8_t ready;     /* no span, but it holds waits_for, READY: no GIL or core yet (lane.h) */
  sim_time since, until;
} trk_loop_lane;

#define TRK_LOOP_MAX_LANES 16
#define TRK_LOOP_MAX_RES   8

typedef struct trk_loop {
  int nlanes; /* shown: the first TRK_LOOP_MAX_LANES */
  trk_loop_lane lanes[TRK_LOOP_MAX_LANES];
  trk_loop_list ready; /* by since: the order the loop will run them */
  trk_loop_list waits; /* by until: the next to come back first */
  int nres;            /* the scenario's resources (the first TRK_LOOP_MAX_RES) */
  trk_loop_list holders[TRK_LOOP_MAX_RES], queue[TRK_LOOP_MAX_RES];
} trk_loop;

/* The loop of track t at `time`. Returns 0, or -1 when memory runs out. */
int trk_loop_at(const trk_track *t, const scn_scenario *scn, sim_time time, trk_loop *out);

#endif

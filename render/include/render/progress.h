/* progress.h - how far each run has got at an instant, for the headers:
 * work done, the workers' busy share so far, and for open workloads the
 * response times of the tasks finished so far and the tasks in the system.
 *
 * "Work" is the cpu steps finished (a chess move; a request's 5 ms): unlike
 * tasks finished, it shows the race while it runs (at 0:38 sync has made 39
 * of 720 moves, async 470). Everything is indexed once per track
 * (trk_progress_build, called by trk_track_init); each query is a binary
 * search or, for the busy share, one per lane.
 */
#ifndef RENDER_PROGRESS_H
#define RENDER_PROGRESS_H

#include "render/track.h"

/* Indexes t's progress (t->prog). Returns 0, or -1 when memory runs out. */
int trk_progress_build(trk_track *t);
void trk_progress_free(trk_track *t);

/* Cpu steps finished by `time` (a step split into several spans, as under
 * the GIL, finishes with its last), and how many there are in all. */
void trk_work_done(const trk_track *t, sim_time time, size_t *done, size_t *total);

/* A worker lane's time in [a, b) in each of its span kinds: [0] cpu, [1]
 * holding the GIL, [2] switching, [3] stalled; two binary searches and a
 * prefix sum, however many spans fall inside (a zoomed-out pixel column). */
enum { TRK_LANE_CPU, TRK_LANE_GIL, TRK_LANE_SWITCH, TRK_LANE_STALL, TRK_LANE_KINDS };
void trk_lane_time(const trk_track *t, int32_t row, sim_time a, sim_time b,
                   sim_time out[TRK_LANE_KINDS]);

/* Cpu time run by every lane in [0, time), over the time elapsed times the
 * cores (the run's utilization once it is over); 0 at time 0. */
double trk_busy_share(const trk_track *t, sim_time time);

/* Of the tasks finished by `time`: how many, their mean response time (end
 * minus arrival) and its nearest-rank p95 (as `simul run` computes it). */
void trk_response_so_far(const trk_track *t, sim_time time, int32_t *n, double *mean_s,
                         double *p95_s);

/* Tasks arrived by `time` and not yet finished. */
int32_t trk_in_system(const trk_track *t, sim_time time);

/* The state chart's order, bottom to top. */
#define TRK_CHART_STATES 4
extern const trk_state trk_chart_states[TRK_CHART_STATES]; /* running, blocked, ready, waiting */

/* The mean number of tasks in each chart state over [a, b) (b > a), or at
 * a when b <= a. */
void trk_state_counts(const trk_track *t, double a, double b, double out[TRK_CHART_STATES]);

#endif

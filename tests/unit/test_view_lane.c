/* test_view_lane.c - a worker lane's ready stretches (render/lane.h): where
 * a thread or process holds a READY task with no GIL or core, derived from
 * the recorded spans. Hand-made runs whose stretches are read off the span
 * lists, and real runs checked against the engine's own per-task READY
 * totals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "render/lane.h"
#include "render/loop.h"
#include "track_harness.h"

#define S SIM_S

typedef struct hspan {
  sim_time start, end;
  int32_t task, lane;
  int kind; /* sim_span_kind */
} hspan;

/* A result made of hand-written spans (the engine's order does not matter:
 * rows are sorted when indexed). */
static void hand_set(trk_set *set, int32_t ntasks, int nlanes, int cores, const hspan *sp, size_t n,
                     const sim_time *ends) {
  sim_result r;
  memset(&r, 0, sizeof r);
  strcpy(r.strategy, "hand");
  r.ntasks = ntasks;
  r.nlanes = nlanes;
  r.cores = cores;
  r.task_end = malloc((size_t)ntasks * sizeof *r.task_end);
  for (int32_t k = 0; k < ntasks; k++) {
    r.task_end[k] = ends[k];
    if (ends[k] > r.makespan) r.makespan = ends[k];
  }
  r.lanes = calloc((size_t)nlanes, sizeof *r.lanes);
  r.nspans = n;
  r.spans = calloc(n, sizeof *r.spans);
  for (size_t i = 0; i < n; i++)
    r.spans[i] = (sim_span){.start = sp[i].start,
                            .end = sp[i].end,
                            .task = sp[i].task,
                            .lane = sp[i].lane,
                            .kind = (uint8_t)sp[i].kind};
  sim_error err;
  if (trk_set_init(set, NULL, &r, 1, &err) != 0) fail_msg("%s", err.msg);
}

enum { CPU = SIM_SPAN_CPU, WAIT = SIM_SPAN_WAIT, READY = SIM_SPAN_READY, GIL = SIM_SPAN_GIL };

/* Two threads under a GIL (lane 0 the GIL, lane 1 board 0's thread, lane 2
 * board 1's). Board 0: cpu 0-5, ready 5-10, cpu 10-15, wait 15-40, cpu
 * 40-45. Board 1: ready 0-5, cpu 5-10, ready 10-15, cpu 15-20. So thread 1
 * is ready 5-10 (its board waits for the GIL) and idle 15-40 (its board is
 * in a wait, not wanting the GIL); thread 2 is ready 0-5 and 10-15; the
 * GIL's lane has no stretches (it shows the holder, never a thread). */
static void lane_gap_of_a_ready_task_is_ready_of_a_waiting_task_idle(void **state) {
  (void)state;
  const hspan sp[] = {
      {0, 5, 0, 1, CPU},   {5, 10, 0, -1, READY}, {10, 15, 0, 1, CPU}, {15, 40, 0, -1, WAIT},
      {40, 45, 0, 1, CPU}, {0, 5, 1, -1, READY},  {5, 10, 1, 2, CPU},  {10, 15, 1, -1, READY},
      {15, 20, 1, 2, CPU}, {0, 5, 0, 0, GIL},     {5, 10, 1, 0, GIL},  {10, 15, 0, 0, GIL},
      {15, 20, 1, 0, GIL}, {40, 45, 0, 0, GIL},
  };
  const sim_time ends[] = {45, 20};
  trk_set set;
  hand_set(&set, 2, 3, 1, sp, sizeof sp / sizeof sp[0], ends);
  const trk_track *t = &set.tracks[0];
  int32_t gil = 2, th1 = 3, th2 = 4; /* rows: tasks 0-1, then lanes */
  assert_int_equal(trk_lane_ready_len(t, gil), 0);
  assert_int_equal(trk_lane_ready_len(t, th1), 1);
  const trk_interval *iv = trk_lane_ready_at_index(t, th1, 0);
  assert_int_equal(iv->start, 5);
  assert_int_equal(iv->end, 10);
  assert_int_equal(iv->task, 0);
  assert_null(trk_lane_ready_covering(t, th1, 20)); /* board 0 waits: idle */
  assert_null(trk_lane_ready_covering(t, th1, 10)); /* [5, 10) ends before 10 */
  assert_int_equal(trk_lane_ready_len(t, th2), 2);
  assert_int_equal(trk_lane_ready_time(t, th2, 0, 20), 10);
  assert_int_equal(trk_lane_ready_time(t, th2, 2, 12), 3 + 2);
  assert_int_equal(trk_lane_ready_time(t, th1, 0, 45), 5);
  assert_int_equal(trk_lane_holding(t, 1, 12), th2);
  assert_int_equal(trk_lane_holding(t, 0, 20), -1);
  assert_int_equal(trk_gil_holder(t, 12), 0);
  assert_int_equal(trk_gil_holder(t, 30), -1);
  assert_string_equal(trk_lane_ready_for(t), "the GIL");
  assert_string_equal(trk_ready_legend(&set), "ready / waiting for the GIL");
  /* The event-loop panel says the same. */
  trk_loop lp;
  assert_int_equal(trk_loop_at(t, NULL, 12, &lp), 0);
  assert_int_equal(lp.lanes[2].ready, 1);
  assert_int_equal(lp.lanes[2].waits_for, 1);
  assert_int_equal(lp.lanes[1].task, 0); /* thread 1 runs board 0 at 12 */
  assert_int_equal(trk_loop_at(t, NULL, 20, &lp), 0);
  assert_int_equal(lp.lanes[1].ready, 0); /* board 0 in its wait */
  assert_int_equal(lp.lanes[1].waits_for, 0);
  trk_set_free(&set);
}

/* One worker, sync-like: board 0 cpu 0-5 then waits 5-10 and ends; board 1,
 * ready (queued) since 0, runs 10-15. The worker is stuck behind board 0's
 * wait until it ends at 10, so its gap stays idle though board 1 is ready. */
static void lane_between_tasks_stays_idle_until_the_last_ends(void **state) {
  (void)state;
  const hspan sp[] = {
      {0, 5, 0, 0, CPU}, {5, 10, 0, -1, WAIT}, {0, 10, 1, -1, READY}, {10, 15, 1, 0, CPU}};
  const sim_time ends[] = {10, 15};
  trk_set set;
  hand_set(&set, 2, 1, 1, sp, sizeof sp / sizeof sp[0], ends);
  assert_int_equal(trk_lane_ready_len(&set.tracks[0], 2), 0);
  assert_string_equal(trk_ready_legend(&set), "ready");
  trk_set_free(&set);
}

/* A pool of two processes on one core: board 0 runs 0-5 on process 1 and
 * ends; process 1 takes board 1 (queued since 0) but gets the core only at
 * 8, board 2 running 5-8 on process 2. Process 1 is ready 5-8, waiting for a
 * core, and before 5 board 1 was only queued (process 1 was busy). */
static void lane_taking_a_queued_task_waits_for_a_core(void **state) {
  (void)state;
  const hspan sp[] = {{0, 5, 0, 0, CPU},
                      {0, 8, 1, -1, READY},
                      {8, 10, 1, 0, CPU},
                      {0, 5, 2, -1, READY},
                      {5, 8, 2, 1, CPU}};
  const sim_time ends[] = {5, 10, 8};
  trk_set set;
  hand_set(&set, 3, 2, 1, sp, sizeof sp / sizeof sp[0], ends);
  const trk_track *t = &set.tracks[0];
  int32_t p1 = 3, p2 = 4;
  assert_int_equal(trk_lane_ready_len(t, p1), 1);
  assert_int_equal(trk_lane_ready_at_index(t, p1, 0)->start, 5);
  assert_int_equal(trk_lane_ready_at_index(t, p1, 0)->end, 8);
  /* Process 2's first span at 5: board 2 ready 0-5 on it, its first task. */
  assert_int_equal(trk_lane_ready_time(t, p2, 0, 10), 5);
  assert_int_equal(trk_lane_holding(t, 1, 2), -1); /* queued, no lane has it */
  assert_string_equal(trk_lane_ready_for(t), "a core");
  assert_string_equal(trk_ready_legend(&set), "ready / waiting for a core");
  trk_set_free(&set);
}

/* Chess under threads (a thread per board, for the board's life): each
 * board's READY time is all spent on its own thread, so its thread's ready
 * time is exactly the engine's task_ready for the board; the GIL's lane
 * has none. Sync's and async's master have none either: async's master is
 * never without a span while a board is ready, sync's is stuck behind a
 * board's wait. */
static void lane_chess_threads_ready_is_the_boards_ready_time(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  if (scn_load("chess", NULL, 0, &scn, &err) != 0) fail_msg("%s", err.msg);
  trk_set set;
  harness_track_set(&set, &scn, "threads,sync,async,processes:cores=2");
  const trk_track *t = &set.tracks[0];
  assert_int_equal(t->nlanes, 25);
  for (int32_t k = 0; k < t->ntasks; k++) {
    int32_t lane = -1;
    for (size_t i = 0; i < trk_row_len(t, k) && lane < 0; i++)
      if (trk_row_span(t, k, i)->kind == SIM_SPAN_CPU) lane = trk_row_span(t, k, i)->lane;
    assert_true(lane >= 1);
    assert_int_equal(trk_lane_ready_time(t, t->ntasks + lane, 0, t->res.makespan),
                     t->res.task_ready[k]);
  }
  assert_int_equal(trk_lane_ready_len(t, t->ntasks), 0); /* the GIL */
  for (int k = 1; k <= 2; k++)
    assert_int_equal(trk_lane_ready_len(&set.tracks[k], set.tracks[k].ntasks), 0);
  assert_string_equal(trk_lane_ready_for(&set.tracks[3]), "a core");
  assert_string_equal(trk_ready_legend(&set), "ready / waiting for the GIL, a core");
  trk_set_free(&set);
  scn_free(&scn);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lane_gap_of_a_ready_task_is_ready_of_a_waiting_task_idle),
      cmocka_unit_test(lane_between_tasks_stays_idle_until_the_last_ends),
      cmocka_unit_test(lane_taking_a_queued_task_waits_for_a_core),
      cmocka_unit_test(lane_chess_threads_ready_is_the_boards_ready_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_view_track.c - the playback index over real runs of the chess
 * exhibition: task states at an instant, progress, tasks done, the event
 * list, and per-row lookups, checked against docs/strategies.md's numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/loop.h"
#include "render/progress.h"
#include "render/track.h"
#include "render/view.h"
#include "track_harness.h"

#define S SIM_S

typedef struct fixture {
  scn_scenario scn;
  trk_set set; /* tracks: 0 sync, 1 async */
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  sim_error err;
  if (scn_load("chess", NULL, 0, &f->scn, &err) != 0) fail_msg("%s", err.msg);
  harness_track_set(&f->set, &f->scn, "sync,async");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  trk_set_free(&f->set);
  scn_free(&f->scn);
  free(f);
  return 0;
}

static void track_rows_are_tasks_then_lanes(void **state) {
  fixture *f = *state;
  const trk_track *a = &f->set.tracks[1];
  assert_int_equal(a->ntasks, 24);
  assert_true(a->nlanes >= 1);
  assert_int_equal(a->nrows, a->ntasks + a->nlanes);
  /* Every task row holds 30 cpu, 30 wait and (async) the ready spans; sorted by start. */
  for (int32_t r = 0; r < a->nrows; r++) {
    for (size_t i = 1; i < trk_row_len(a, r); i++) {
      assert_true(trk_row_span(a, r, i - 1)->end <= trk_row_span(a, r, i)->start);
    }
  }
  size_t cpu = 0;
  for (size_t i = 0; i < trk_row_len(a, a->ntasks); i++)
    cpu += trk_row_span(a, a->ntasks, i)->kind == SIM_SPAN_CPU;
  assert_int_equal(cpu, 24 * 30);
  assert_int_equal(f->set.sync_index, 0);
  assert_int_equal(f->set.end, 43200 * S);
}

static void track_async_board_k_first_move_is_5k(void **state) {
  fixture *f = *state;
  const trk_track *a = &f->set.tracks[1];
  for (int32_t k = 1; k <= 24; k++) {
    sim_time mid = 5 * (k - 1) * S + 2500000;
    const sim_span *s = NULL;
    assert_int_equal(trk_task_state(a, k - 1, mid, &s), TRK_RUNNING);
    assert_int_equal(s->start, 5 * (k - 1) * S);
    assert_int_equal(s->end, 5 * k * S);
    assert_int_equal(s->rep, 0);
  }
}

static void track_async_states_at_2_5s_and_30s(void **state) {
  fixture *f = *state;
  const trk_track *a = &f->set.tracks[1];
  assert_int_equal(trk_task_state(a, 0, 2500000, NULL), TRK_RUNNING);
  for (int32_t t = 1; t < 24; t++) assert_int_equal(trk_task_state(a, t, 2500000, NULL), TRK_READY);
  assert_int_equal(trk_task_state(a, 0, 30 * S, NULL), TRK_WAITING);
  assert_int_equal(trk_task_state(a, 6, 30 * S, NULL), TRK_RUNNING); /* board 7: [30 s, 35 s) */
  /* At an edge the later span wins: at 5 s board 1 waits and board 2 runs. */
  assert_int_equal(trk_task_state(a, 0, 5 * S, NULL), TRK_WAITING);
  assert_int_equal(trk_task_state(a, 1, 5 * S, NULL), TRK_RUNNING);
}

static void track_sync_boards_2_to_24_not_started_at_1000s(void **state) {
  fixture *f = *state;
  const trk_track *s = &f->set.tracks[0];
  trk_state b1 = trk_task_state(s, 0, 1000 * S, NULL);
  assert_true(b1 == TRK_RUNNING || b1 == TRK_WAITING);
  for (int32_t t = 1; t < 24; t++)
    assert_int_equal(trk_task_state(s, t, 1000 * S, NULL), TRK_PENDING);
  /* Board 1 plays 30 moves of 60 s, then board 2 starts. */
  assert_int_equal(trk_task_state(s, 0, 1800 * S, NULL), TRK_DONE);
  assert_int_equal(trk_task_state(s, 1, 1800 * S, NULL), TRK_RUNNING);
}

static void track_done_after_the_task_ends(void **state) {
  fixture *f = *state;
  const trk_track *a = &f->set.tracks[1];
  /* Board 1 ends at 3540 s, board k at 3535 + 5k s (docs/strategies.md). */
  assert_int_equal(trk_task_state(a, 0, 3540 * S - 1, NULL), TRK_WAITING);
  assert_int_equal(trk_task_state(a, 0, 3540 * S, NULL), TRK_DONE);
  assert_int_equal(trk_tasks_done(a, 3540 * S - 1), 0);
  assert_int_equal(trk_tasks_done(a, 3540 * S), 1);
  assert_int_equal(trk_tasks_done(a, 3535 * S + 5 * 12 * S), 12);
  assert_int_equal(trk_tasks_done(a, 3655 * S), 24);
  assert_int_equal(trk_tasks_done(&f->set.tracks[0], 43200 * S - 1), 23);
}

static void track_progress_counts_moves(void **state) {
  fixture *f = *state;
  const trk_track *a = &f->set.tracks[1];
  uint32_t rep, nrep;
  trk_task_progress(a, &f->scn, 0, 2500000, &rep, &nrep);
  assert_int_equal(rep, 1);
  assert_int_equal(nrep, 30);
  trk_task_progress(a, &f->scn, 0, 130 * S, &rep,
                    &nrep); /* move 2: [120 s, 125 s), then its wait */
  assert_int_equal(rep, 2);
  trk_task_progress(a, &f->scn, 0, 240 * S, &rep, &nrep); /* move 3 starts at 240 s */
  assert_int_equal(rep, 3);
  trk_task_progress(a, &f->scn, 0, 3600 * S, &rep, &nrep);
  assert_int_equal(rep, 30);
  trk_task_progress(&f->set.tracks[0], &f->scn, 5, 100 * S, &rep, &nrep);
  assert_int_equal(rep, 0); /* sync: board 6 not started */
}

static int has_event(const trk_set *set, sim_time t) {
  size_t lo = 0, hi = set->nevents;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (set->events[mid] < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < set->nevents && set->events[lo] == t;
}

static void track_events_hold_every_span_edge_once(void **state) {
  fixture *f = *state;
  const trk_set *set = &f->set;
  for (size_t i = 1; i < set->nevents; i++) assert_true(set->events[i - 1] < set->events[i]);
  assert_int_equal(set->events[0], 0);
  assert_int_equal(set->events[set->nevents - 1], 43200 * S);
  for (int k = 0; k < set->ntracks; k++)
    for (size_t i = 0; i < set->tracks[k].res.nspans; i++) {
      assert_true(has_event(set, set->tracks[k].res.spans[i].start));
      assert_true(has_event(set, set->tracks[k].res.spans[i].end));
    }
  /* Chess has events only on 5 s boundaries: nothing else slipped in. */
  for (size_t i = 0; i < set->nevents; i++) assert_int_equal(set->events[i] % (5 * S), 0);
  assert_int_equal(trk_next_event(set, -1, 0), 5 * S);
  assert_int_equal(trk_prev_event(set, -1, 7 * S), 5 * S);
  assert_int_equal(trk_next_event(set, -1, 43200 * S), 43200 * S);
  assert_int_equal(trk_prev_event(set, -1, 0), 0);
}

/* Stepping one strategy's events. Sync plays board 1 alone: cpu [0, 5 s),
 * wait [5 s, 60 s), so after 5 s its next event is 60 s; async's master
 * moves on to board 2 at [5 s, 10 s): 10 s. Async's last event is its end,
 * 3655 s: stepping it further stays there, while sync's go on. With the
 * pointer over a strategy, the arrow keys step that strategy's events. */
static void track_step_one_strategy(void **state) {
  fixture *f = *state;
  const trk_set *set = &f->set;
  assert_int_equal(trk_next_event(set, 0, 5 * S), 60 * S);
  assert_int_equal(trk_next_event(set, 1, 5 * S), 10 * S);
  assert_int_equal(trk_prev_event(set, 0, 60 * S), 5 * S);
  assert_int_equal(trk_next_event(set, 1, 3655 * S), 3655 * S);
  assert_true(trk_next_event(set, 0, 3655 * S) > 3655 * S);
  view_state v;
  view_init(&v, set);
  view_seek(&v, 5 * S);
  v.hover.track = 0;
  view_apply(&v, set, VIEW_NEXT_EVENT);
  assert_int_equal(v.now, 60 * S);
  v.hover.track = 1;
  view_apply(&v, set, VIEW_PREV_EVENT);
  assert_int_equal(v.now, 55 * S); /* async's master: one move every 5 s */
  v.hover.track = -1;
  view_apply(&v, set, VIEW_NEXT_EVENT);
  assert_int_equal(v.now, 60 * S);
}

static void track_row_find_skips_to_the_window(void **state) {
  fixture *f = *state;
  const trk_track *a = &f->set.tracks[1];
  int32_t lane = a->ntasks;
  size_t i = trk_row_find(a, lane, 1000 * S);
  const sim_span *s = trk_row_span(a, lane, i);
  assert_true(s->end > 1000 * S);
  assert_true(i == 0 || trk_row_span(a, lane, i - 1)->end <= 1000 * S);
  assert_int_equal(trk_row_find(a, lane, 1e12), trk_row_len(a, lane));
  assert_null(trk_row_at(a, lane, 3650 * S)); /* the master is idle after 3600 s */
  assert_non_null(trk_row_at(a, lane, 3599 * S));
}

static void track_out_of_order_row_is_sorted(void **state) {
  (void)state;
  sim_result r;
  memset(&r, 0, sizeof r);
  strcpy(r.strategy, "odd");
  r.ntasks = 1;
  r.task_end = malloc(sizeof *r.task_end);
  r.task_end[0] = 30;
  r.makespan = 30;
  r.nspans = 3;
  r.spans = calloc(3, sizeof *r.spans);
  sim_time edges[3][2] = {{20, 30}, {0, 10}, {10, 20}};
  for (int i = 0; i < 3; i++) {
    r.spans[i].start = edges[i][0], r.spans[i].end = edges[i][1];
    r.spans[i].task = 0, r.spans[i].lane = -1, r.spans[i].kind = SIM_SPAN_WAIT;
  }
  trk_set set;
  sim_error err;
  assert_int_equal(trk_set_init(&set, NULL, &r, 1, &err), 0);
  for (int i = 0; i < 3; i++)
    assert_int_equal(trk_row_span(&set.tracks[0], 0, (size_t)i)->start, 10 * i);
  assert_int_equal(trk_task_state(&set.tracks[0], 0, 15, NULL), TRK_WAITING);
  assert_int_equal(set.nevents, 4);
  trk_set_free(&set);
}

/* Work done is cpu steps finished. Sync plays board 1 alone, move k ending
 * at (k - 1) * 60 s + 5 s: by 38 min (2280 s), 38 moves, 190 s of cpu (8.3%
 * busy). Async's master never rests: one move per 5 s, 456 by 2280 s, 100%
 * busy. Both have 24 x 30 = 720 moves in all. */
static void track_work_done_and_busy_share_at_38min(void **state) {
  fixture *f = *state;
  size_t done, total;
  trk_work_done(&f->set.tracks[0], 2280 * S, &done, &total);
  assert_int_equal(done, 38);
  assert_int_equal(total, 720);
  trk_work_done(&f->set.tracks[1], 2280 * S, &done, &total);
  assert_int_equal(done, 456);
  assert_int_equal(total, 720);
  assert_true(fabs(trk_busy_share(&f->set.tracks[0], 2280 * S) - 190.0 / 2280) < 1e-9);
  assert_true(fabs(trk_busy_share(&f->set.tracks[1], 2280 * S) - 1.0) < 1e-9);
  /* At the end, the share is the run's utilization as the engine counts it. */
  for (int k = 0; k < 2; k++) {
    const trk_track *t = &f->set.tracks[k];
    assert_true(fabs(trk_busy_share(t, t->res.makespan) - t->res.utilization) < 1e-9);
    trk_work_done(t, t->res.makespan, &done, &total);
    assert_int_equal(done, total);
  }
  trk_work_done(&f->set.tracks[0], 0, &done, &total);
  assert_int_equal(done, 0);
}

/* Response times so far, against the engine's own figures once every task
 * has finished (computed there by sorting, here by a Fenwick tree over
 * prefixes), and tasks in the system: none at the end, some mid-run. */
static void track_open_workload_response_so_far(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  if (scn_load("webserver", NULL, 0, &scn, &err) != 0) fail_msg("%s", err.msg);
  trk_set set;
  harness_track_set(&set, &scn, "sync,async");
  for (int k = 0; k < 2; k++) {
    const trk_track *t = &set.tracks[k];
    assert_true(t->res.open);
    int32_t n;
    double mean, p95;
    trk_response_so_far(t, t->res.makespan, &n, &mean, &p95);
    assert_int_equal(n, t->ntasks);
    assert_true(fabs(mean - t->res.response.mean) < 1e-9);
    assert_true(fabs(p95 - t->res.response.p95) < 1e-9);
    assert_int_equal(trk_in_system(t, t->res.makespan), 0);
    trk_response_so_far(t, 0, &n, &mean, &p95);
    assert_int_equal(n, 0);
  }
  /* Sync serves one request at a time (50 ms each at 16/s: 80% occupied), so
   * over a minute of arrivals some are always queued: at least one is in
   * the system at some event time in the first minute. */
  int32_t most = 0;
  for (sim_time tm = 0; tm < 60 * S; tm += 10 * SIM_MS) {
    int32_t in = trk_in_system(&set.tracks[0], tm);
    if (in > most) most = in;
  }
  assert_true(most >= 2);
  /* The rows follow the playhead: the first row shown is the oldest
   * request still in flight in some strategy; every one before it is done. */
  view_state v;
  view_init(&v, &set);
  assert_true(v.follow_rows);
  view_seek(&v, 60 * S);
  int32_t first = view_follow_row(&v, &set);
  assert_true(first > 0 && first < set.tracks[0].ntasks);
  for (int k = 0; k < 2; k++)
    for (int32_t i = 0; i < first; i++) assert_true(set.tracks[k].res.task_end[i] <= 60 * S);
  assert_true(set.tracks[0].res.task_end[first] > 60 * S ||
              set.tracks[1].res.task_end[first] > 60 * S);
  trk_set_free(&set);
  scn_free(&scn);
}

/* A task's time per state over its run: every board makes 30 moves of 5 s
 * (150 s running) and waits 30 x 55 s (1650 s) for its opponent, under
 * either strategy; sync never keeps a board ready, and under async every
 * board is in some state from 0 to its end, so the rest is ready time. */
static void track_task_totals(void **state) {
  fixture *f = *state;
  sim_time tot[TRK_STATE_COUNT];
  for (int k = 0; k < 2; k++) {
    const trk_track *t = &f->set.tracks[k];
    for (int32_t task = 0; task < 24; task++) {
      trk_task_totals(t, task, tot);
      assert_int_equal(tot[TRK_RUNNING], 150 * S);
      assert_int_equal(tot[TRK_WAITING], 1650 * S);
      if (k == 0) assert_int_equal(tot[TRK_READY], 0);
      if (k == 1) assert_int_equal(tot[TRK_READY], t->res.task_end[task] - 1800 * S);
      assert_int_equal(tot[TRK_BLOCKED], 0);
    }
  }
}

/* The event loop at 30 s under async: the master plays board 7 ([30 s,
 * 35 s): move k of the first round is at 5(k-1) s); boards 8 to 24 are
 * ready in file order (ready since 0, first come first served); boards 1
 * to 6 wait for their opponents, board 1 back first at 60 s (its move
 * ended at 5 s, plus 55 s), board 6 last at 85 s. */
static void track_loop_at_30s(void **state) {
  fixture *f = *state;
  trk_loop lp;
  assert_int_equal(trk_loop_at(&f->set.tracks[1], &f->scn, 30 * S, &lp), 0);
  assert_int_equal(lp.nlanes, 1);
  assert_int_equal(lp.lanes[0].task, 6);
  assert_int_equal(lp.lanes[0].until, 35 * S);
  assert_int_equal(lp.ready.n, 17);
  for (int i = 0; i < 17; i++) assert_int_equal(lp.ready.items[i].task, 7 + i);
  assert_int_equal(lp.waits.n, 6);
  for (int i = 0; i < 6; i++) {
    assert_int_equal(lp.waits.items[i].task, i);
    assert_int_equal(lp.waits.items[i].until, (60 + 5 * i) * S);
  }
  /* Going back in time is the same query: at 2.5 s, board 1 runs and the
   * other 23 are ready. */
  assert_int_equal(trk_loop_at(&f->set.tracks[1], &f->scn, 2500000, &lp), 0);
  assert_int_equal(lp.lanes[0].task, 0);
  assert_int_equal(lp.ready.n, 23);
  assert_int_equal(lp.waits.n, 0);
}

/* Laundry under async at 30 min: load 1 took the washer first (file order)
 * and is washing (3 min loading, then 40 min); loads 2 and 3 queue for the
 * washer in that order; nobody has the dryer yet. */
static void track_loop_resources_in_laundry(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  if (scn_load("laundry", NULL, 0, &scn, &err) != 0) fail_msg("%s", err.msg);
  trk_set set;
  harness_track_set(&set, &scn, "async");
  trk_loop lp;
  assert_int_equal(trk_loop_at(&set.tracks[0], &scn, 30 * 60 * S, &lp), 0);
  assert_int_equal(lp.nres, 2);
  int washer = strcmp(scn_resource_name(&scn, 0), "washer") == 0 ? 0 : 1;
  assert_int_equal(lp.holders[washer].n, 1);
  assert_int_equal(lp.holders[washer].items[0].task, 1); /* load 1: task 1 after the checklist */
  assert_int_equal(lp.queue[washer].n, 2);
  assert_int_equal(lp.queue[washer].items[0].task, 2);
  assert_int_equal(lp.queue[washer].items[1].task, 3);
  assert_int_equal(lp.holders[1 - washer].n, 0);
  trk_set_free(&set);
  scn_free(&scn);
}

/* The state chart's counts. Under async in [30 s, 35 s) nothing changes:
 * board 7 runs, boards 8-24 are ready, boards 1-6 wait (see the loop test).
 * Over the whole run the mean count running is the cpu time over the
 * makespan: 24 x 30 x 5 s = 3600 s over 3655 s. */
static void track_state_counts(void **state) {
  fixture *f = *state;
  const trk_track *a = &f->set.tracks[1];
  double n[TRK_CHART_STATES];
  trk_state_counts(a, 30.0 * S, 35.0 * S, n);
  double want[TRK_CHART_STATES] = {1, 0, 17, 6}; /* running, blocked, ready, waiting */
  for (int k = 0; k < TRK_CHART_STATES; k++) assert_true(fabs(n[k] - want[k]) < 1e-9);
  trk_state_counts(a, 32.0 * S, 32.0 * S, n); /* an instant */
  for (int k = 0; k < TRK_CHART_STATES; k++) assert_true(fabs(n[k] - want[k]) < 1e-9);
  trk_state_counts(a, 0, (double)a->res.makespan, n);
  assert_true(fabs(n[0] - 3600.0 / 3655) < 1e-9);
}

/* A lane's time per kind in [a, b) by prefix sums (what a zoomed-out column
 * of a dense lane is drawn from) equals the brute-force sum of its spans
 * clipped to [a, b), on intervals cut anywhere, inside spans or between. */
static void track_lane_time_matches_brute_force(void **state) {
  fixture *f = *state;
  for (int k = 0; k < 2; k++) {
    const trk_track *t = &f->set.tracks[k];
    int32_t row = t->ntasks;
    for (sim_time a = 0; a < t->res.makespan; a += 997 * SIM_MS * 7) {
      for (sim_time len = 1; len < 4000 * S; len = len * 3 + 1234567) {
        sim_time b = a + len, got[TRK_LANE_KINDS], want = 0;
        trk_lane_time(t, row, a, b, got);
        for (size_t i = 0; i < trk_row_len(t, row); i++) {
          const sim_span *s = trk_row_span(t, row, i);
          sim_time lo = s->start > a ? s->start : a, hi = s->end < b ? s->end : b;
          if (s->kind == SIM_SPAN_CPU && hi > lo) want += hi - lo;
        }
        assert_int_equal(got[TRK_LANE_CPU], want);
        assert_int_equal(got[TRK_LANE_SWITCH] + got[TRK_LANE_GIL] + got[TRK_LANE_STALL], 0);
      }
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(track_rows_are_tasks_then_lanes),
      cmocka_unit_test(track_work_done_and_busy_share_at_38min),
      cmocka_unit_test(track_step_one_strategy),
      cmocka_unit_test(track_task_totals),
      cmocka_unit_test(track_loop_at_30s),
      cmocka_unit_test(track_state_counts),
      cmocka_unit_test(track_lane_time_matches_brute_force),
      cmocka_unit_test(track_loop_resources_in_laundry),
      cmocka_unit_test(track_open_workload_response_so_far),
      cmocka_unit_test(track_async_board_k_first_move_is_5k),
      cmocka_unit_test(track_async_states_at_2_5s_and_30s),
      cmocka_unit_test(track_sync_boards_2_to_24_not_started_at_1000s),
      cmocka_unit_test(track_done_after_the_task_ends),
      cmocka_unit_test(track_progress_counts_moves),
      cmocka_unit_test(track_events_hold_every_span_edge_once),
      cmocka_unit_test(track_row_find_skips_to_the_window),
      cmocka_unit_test(track_out_of_order_row_is_sorted),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_view_track.c - the playback index over real runs of the chess
 * exhibition: task states at an instant, progress, tasks done, the event
 * list, and per-row lookups, checked against docs/strategies.md's numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "render/track.h"

#define S SIM_S

typedef struct fixture {
  scn_scenario scn;
  trk_set set; /* tracks: 0 sync, 1 async */
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  sim_error err;
  if (scn_load("chess", NULL, 0, &f->scn, &err) != 0) fail_msg("%s", err.msg);
  sim_strategy *st[2];
  int n = 0;
  if (sim_strategy_parse_list("sync,async", "test", st, 2, &n, &err) != 0) fail_msg("%s", err.msg);
  if (trk_set_run(&f->set, &f->scn, st, n, &err) != 0) fail_msg("%s", err.msg);
  for (int i = 0; i < n; i++) sim_strategy_free(st[i]);
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
  assert_int_equal(trk_next_event(set, 0), 5 * S);
  assert_int_equal(trk_prev_event(set, 7 * S), 5 * S);
  assert_int_equal(trk_next_event(set, 43200 * S), 43200 * S);
  assert_int_equal(trk_prev_event(set, 0), 0);
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(track_rows_are_tasks_then_lanes),
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

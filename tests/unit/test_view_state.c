/* test_view_state.c - the window's state machine without SDL: playing and
 * pausing, speed limits, scrubbing both ways, stepping onto exact event
 * times, zoom around the pointer, pan, fit and following the playhead.
 *
 * The runs are made by hand (two tasks, one worker) so every time is known:
 *   task 0: cpu [0, 5 s) on lane 0, wait [5 s, 60 s)
 *   task 1: ready [0, 5 s), cpu [5 s, 10 s) on lane 0, wait [10 s, 65 s)
 * Events: 0, 5 s, 10 s, 60 s, 65 s.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/track.h"
#include "render/view.h"

#define S SIM_S

static sim_span span(sim_time a, sim_time b, int32_t task, int32_t lane, sim_span_kind kind) {
  sim_span s;
  memset(&s, 0, sizeof s);
  s.start = a, s.end = b, s.task = task, s.lane = lane, s.kind = (uint8_t)kind;
  return s;
}

/* A result owning malloc'd arrays, as sim_run makes them. */
static sim_result hand_result(const char *label) {
  sim_result r;
  memset(&r, 0, sizeof r);
  strcpy(r.strategy, label);
  r.ntasks = 2;
  r.nlanes = 1;
  r.lanes = calloc(1, sizeof *r.lanes);
  strcpy(r.lanes[0].name, "worker");
  r.task_end = malloc(2 * sizeof *r.task_end);
  r.task_end[0] = 60 * S, r.task_end[1] = 65 * S;
  r.makespan = 65 * S;
  /* In the order they ended, as the engine stores them. */
  sim_span s[] = {span(0, 5 * S, 0, 0, SIM_SPAN_CPU), span(0, 5 * S, 1, -1, SIM_SPAN_READY),
                  span(5 * S, 10 * S, 1, 0, SIM_SPAN_CPU),
                  span(5 * S, 60 * S, 0, -1, SIM_SPAN_WAIT),
                  span(10 * S, 65 * S, 1, -1, SIM_SPAN_WAIT)};
  r.nspans = sizeof s / sizeof s[0];
  r.spans = malloc(sizeof s);
  memcpy(r.spans, s, sizeof s);
  return r;
}

static int setup(void **state) {
  trk_set *set = malloc(sizeof *set);
  sim_result r = hand_result("async");
  sim_error err;
  assert_int_equal(trk_set_init(set, NULL, &r, 1, &err), 0);
  *state = set;
  return 0;
}

static int teardown(void **state) {
  trk_set_free(*state);
  free(*state);
  return 0;
}

static void view_events_are_the_sorted_unique_span_edges(void **state) {
  const trk_set *set = *state;
  sim_time want[] = {0, 5 * S, 10 * S, 60 * S, 65 * S};
  assert_int_equal(set->nevents, 5);
  for (int i = 0; i < 5; i++) assert_int_equal(set->events[i], want[i]);
  assert_int_equal(set->end, 65 * S);
}

static void view_opens_playing_from_zero_at_default_speed(void **state) {
  view_state v;
  view_init(&v, *state);
  assert_int_equal(v.now, 0);
  assert_true(v.playing);
  /* The 65 s run in about 25 s: 2.6x, to the nearest round number 2.5x
   * (3x is further in ratio). */
  assert_true(v.speed == 2.5);
  assert_true(v.speed_open == 2.5);
  assert_int_equal(v.end, 65 * S);
  assert_true(v.shown[0]);
}

static void view_play_advances_by_real_time_times_speed(void **state) {
  view_state v;
  view_init(&v, *state);
  view_set_speed(&v, 10);
  view_update(&v, 0.5); /* 0.5 s at 10x: 5 s */
  assert_int_equal(v.now, 5 * S);
  view_set_speed(&v, 1);
  view_update(&v, 0.25);
  assert_int_equal(v.now, 5 * S + 250000);
  /* Many small steps add up: no drift from rounding each frame. */
  for (int i = 0; i < 1000; i++) view_update(&v, 0.001);
  assert_true(llabs(v.now - (6 * S + 250000)) <= 1);
}

static void view_pause_stops_the_clock_and_play_resumes_it(void **state) {
  view_state v;
  view_init(&v, *state);
  view_set_speed(&v, 120);
  view_update(&v, 0.01); /* 1.2 s at 120x */
  sim_time t = v.now;
  assert_int_equal(t, 1200000);
  view_apply(&v, *state, VIEW_PLAY_PAUSE);
  assert_false(v.playing);
  view_update(&v, 1.0);
  assert_int_equal(v.now, t);
  view_apply(&v, *state, VIEW_PLAY_PAUSE);
  assert_true(v.playing);
  view_update(&v, 0.01);
  assert_int_equal(v.now, t + 1200000);
}

static void view_play_stops_at_the_end_and_restarts_from_zero(void **state) {
  view_state v;
  view_init(&v, *state);
  view_set_speed(&v, 120);
  view_update(&v, 10.0); /* 1200 s at 120x, far past 65 s */
  assert_int_equal(v.now, 65 * S);
  assert_false(v.playing);
  view_apply(&v, *state, VIEW_PLAY_PAUSE);
  assert_true(v.playing);
  assert_int_equal(v.now, 0);
}

static void view_speed_is_clamped_to_1x_and_100000x(void **state) {
  view_state v;
  view_init(&v, *state);
  view_set_speed(&v, 0.001);
  assert_true(v.speed == VIEW_SPEED_MIN);
  view_apply(&v, *state, VIEW_SLOWER);
  assert_true(v.speed == 0.01);
  view_set_speed(&v, 1e9);
  assert_true(v.speed == VIEW_SPEED_MAX);
  view_apply(&v, *state, VIEW_FASTER);
  assert_true(v.speed == 100000.0);
  view_set_speed(&v, NAN);
  assert_true(v.speed >= VIEW_SPEED_MIN && v.speed <= VIEW_SPEED_MAX);
}

static void view_speed_keys_step_through_1_2_5(void **state) {
  view_state v;
  view_init(&v, *state);
  /* The opening speed (2.5x) is a stop of its own: down and up again. */
  view_apply(&v, *state, VIEW_SLOWER);
  assert_true(v.speed == 2);
  view_apply(&v, *state, VIEW_FASTER);
  assert_true(v.speed == 2.5);
  view_apply(&v, *state, VIEW_FASTER);
  assert_true(v.speed == 5);
  view_set_speed(&v, 120);
  double up[] = {200, 500, 1000, 2000};
  for (int i = 0; i < 4; i++) {
    view_apply(&v, *state, VIEW_FASTER);
    assert_true(v.speed == up[i]);
  }
  view_set_speed(&v, 1);
  double seq[] = {2, 2.5, 5, 10, 20, 50, 100}; /* 2.5x: the opening speed */
  for (int i = 0; i < 7; i++) {
    view_apply(&v, *state, VIEW_FASTER);
    assert_true(v.speed == seq[i]);
  }
  view_apply(&v, *state, VIEW_SLOWER);
  assert_true(v.speed == 50);
  /* Below 1x: 0.5, 0.2, 0.1 ... 0.01, and no further. */
  double down[] = {0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.01};
  view_set_speed(&v, 1);
  for (int i = 0; i < 7; i++) {
    view_apply(&v, *state, VIEW_SLOWER);
    assert_true(fabs(v.speed - down[i]) < 1e-12);
  }
  /* Sixteen steps from 1x reach 100000x and stop there. */
  view_set_speed(&v, 1);
  for (int i = 0; i < 20; i++) view_apply(&v, *state, VIEW_FASTER);
  assert_true(v.speed == VIEW_SPEED_MAX);
}

static void view_slider_is_log_scale(void **state) {
  (void)state;
  /* Seven decades, 0.01x to 100000x: 100x is 4/7 of the way. */
  assert_true(view_speed_to_slider(0.01) == 0.0);
  assert_true(view_speed_to_slider(100000) == 1.0);
  assert_true(fabs(view_speed_to_slider(100) - 4.0 / 7) < 1e-12);
  assert_true(fabs(view_slider_to_speed(5.0 / 7) - 1000) < 1e-9);
  assert_true(fabs(view_slider_to_speed(-1) - 0.01) < 1e-15);
  assert_true(fabs(view_slider_to_speed(2) - 100000.0) < 1e-9);
  for (double s = 0.01; s <= 100000; s *= 3.7)
    assert_true(fabs(view_slider_to_speed(view_speed_to_slider(s)) - s) < s * 1e-12);
}

static void view_scrub_goes_back_and_forth(void **state) {
  view_state v;
  view_init(&v, *state);
  view_seek(&v, 30 * S);
  assert_int_equal(v.now, 30 * S);
  view_seek(&v, 2 * S);
  assert_int_equal(v.now, 2 * S);
  view_seek(&v, 40 * S + 1);
  assert_int_equal(v.now, 40 * S + 1);
  view_seek(&v, -5);
  assert_int_equal(v.now, 0);
  view_seek(&v, 1000 * S);
  assert_int_equal(v.now, 65 * S);
  /* Scrubbing drops playback's fraction: playing on starts from exactly there. */
  view_seek(&v, 3 * S);
  view_set_speed(&v, 1);
  view_update(&v, 1.0);
  assert_int_equal(v.now, 4 * S);
}

static void view_next_and_previous_land_exactly_on_events(void **state) {
  view_state v;
  view_init(&v, *state);
  sim_time fwd[] = {5 * S, 10 * S, 60 * S, 65 * S, 65 * S};
  for (int i = 0; i < 5; i++) {
    view_apply(&v, *state, VIEW_NEXT_EVENT);
    assert_int_equal(v.now, fwd[i]);
    assert_false(v.playing); /* stepping pauses */
  }
  sim_time back[] = {60 * S, 10 * S, 5 * S, 0, 0};
  for (int i = 0; i < 5; i++) {
    view_apply(&v, *state, VIEW_PREV_EVENT);
    assert_int_equal(v.now, back[i]);
  }
  /* From between two events: back to the one before, on to the one after. */
  view_seek(&v, 7 * S + 3);
  view_apply(&v, *state, VIEW_PREV_EVENT);
  assert_int_equal(v.now, 5 * S);
  view_seek(&v, 7 * S + 3);
  view_apply(&v, *state, VIEW_NEXT_EVENT);
  assert_int_equal(v.now, 10 * S);
}

static void view_step_reveals_the_playhead(void **state) {
  view_state v;
  view_init(&v, *state);
  v.vstart = 30.0 * S; /* window [30 s, 30 s + len): 10 s is left of it */
  v.vlen = 10.0 * S;
  view_seek(&v, 20 * S);
  view_apply(&v, *state, VIEW_PREV_EVENT);
  assert_int_equal(v.now, 10 * S);
  assert_true(v.vstart <= 10.0 * S && 10.0 * S <= v.vstart + v.vlen);
}

static void view_zoom_keeps_the_time_under_the_pointer(void **state) {
  view_state v;
  view_init(&v, *state);
  view_fit(&v);
  int x0 = 200, w = 1000;
  double xs[] = {200, 450, 700, 1199};
  double factors[] = {VIEW_ZOOM_STEP, 1 / VIEW_ZOOM_STEP, 3.0, 0.1};
  for (int i = 0; i < 4; i++) {
    for (int f = 0; f < 4; f++) {
      double before = view_x_to_time(&v, xs[i], x0, w);
      view_zoom(&v, factors[f], (xs[i] - x0) / w);
      double after = view_x_to_time(&v, xs[i], x0, w);
      assert_true(fabs(after - before) < 1e-6);
      assert_true(fabs(view_time_to_x(&v, before, x0, w) - xs[i]) < 1e-6);
    }
  }
  /* Zooming in far stops at the narrowest window, the point still fixed. */
  double before = view_x_to_time(&v, 450, x0, w);
  for (int i = 0; i < 200; i++) view_zoom(&v, 2.0, 0.25);
  assert_true(v.vlen == VIEW_MIN_SPAN);
  assert_true(fabs(view_x_to_time(&v, 450, x0, w) - before) < 1e-6);
  /* ... and zooming out stops at four times the run. */
  for (int i = 0; i < 200; i++) view_zoom(&v, 0.5, 0.25);
  assert_true(v.vlen == 4.0 * 65 * S);
}

static void view_pan_moves_the_window_by_pixels(void **state) {
  view_state v;
  view_init(&v, *state);
  view_fit(&v);
  v.vstart = 10.0 * S;
  v.vlen = 20.0 * S;
  view_pan_px(&v, -100, 1000); /* drag left by 100 of 1000 px: 2 s later */
  assert_true(fabs(v.vstart - 12.0 * S) < 1e-6);
  assert_false(v.follow);
  view_pan_px(&v, 200, 1000);
  assert_true(fabs(v.vstart - 8.0 * S) < 1e-6);
  /* Never so far that nothing of the run is left on screen. */
  view_pan_px(&v, 1e9, 1000);
  assert_true(v.vstart + v.vlen > 0);
  view_pan_px(&v, -1e9, 1000);
  assert_true(v.vstart < 65.0 * S);
}

static void view_fit_shows_the_whole_run(void **state) {
  view_state v;
  view_init(&v, *state);
  v.vstart = 40.0 * S, v.vlen = 1000.0;
  view_apply(&v, *state, VIEW_FIT);
  assert_true(v.vstart <= 0 && v.vstart + v.vlen >= 65.0 * S);
  assert_true(v.vlen < 1.1 * 65.0 * S);
}

static void view_follows_the_playhead_while_playing(void **state) {
  view_state v;
  view_init(&v, *state);
  v.vstart = 0, v.vlen = 10.0 * S;
  view_set_speed(&v, 1);
  view_update(&v, 20.0);
  assert_int_equal(v.now, 20 * S);
  double x = (20.0 * S - v.vstart) / v.vlen;
  assert_true(fabs(x - VIEW_FOLLOW_AT) < 1e-9);
  /* After a pan the window stays where the user put it. */
  view_pan_px(&v, 500, 1000);
  double vs = v.vstart;
  view_update(&v, 5.0);
  assert_true(v.vstart == vs);
}

static void view_help_toggles(void **state) {
  view_state v;
  view_init(&v, *state);
  assert_false(v.help);
  view_apply(&v, *state, VIEW_TOGGLE_HELP);
  assert_true(v.help);
  view_apply(&v, *state, VIEW_TOGGLE_HELP);
  assert_false(v.help);
}

static void view_opens_on_a_few_cycles(void **state) {
  (void)state;
  /* Two runs, 65 s and 650 s. The speed plays the shorter in about 25 s:
   * 2.5x. Its tasks take 60 s and 65 s (one repetition each); the median of
   * two, by index, is 65 s, and three cycles (195 s) is more than 3 s of
   * playback (7.5 s), so the window is 195 s from just before 0. */
  sim_result r[2] = {hand_result("async"), hand_result("sync")};
  r[1].makespan = 650 * S;
  r[1].task_end[1] = 650 * S;
  trk_set set;
  sim_error err;
  assert_int_equal(trk_set_init(&set, NULL, r, 2, &err), 0);
  assert_int_equal(set.sync_index, 1);
  view_state v;
  view_init(&v, &set);
  assert_true(v.speed == 2.5);
  assert_true(fabs(v.vlen - 195.0 * S) < 1);
  assert_true(v.vstart <= 0 && v.vstart > -0.05 * v.vlen);
  trk_set_free(&set);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(view_events_are_the_sorted_unique_span_edges, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(view_opens_playing_from_zero_at_default_speed, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(view_play_advances_by_real_time_times_speed, setup, teardown),
      cmocka_unit_test_setup_teardown(view_pause_stops_the_clock_and_play_resumes_it, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(view_play_stops_at_the_end_and_restarts_from_zero, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(view_speed_is_clamped_to_1x_and_100000x, setup, teardown),
      cmocka_unit_test_setup_teardown(view_speed_keys_step_through_1_2_5, setup, teardown),
      cmocka_unit_test_setup_teardown(view_slider_is_log_scale, setup, teardown),
      cmocka_unit_test_setup_teardown(view_scrub_goes_back_and_forth, setup, teardown),
      cmocka_unit_test_setup_teardown(view_next_and_previous_land_exactly_on_events, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(view_step_reveals_the_playhead, setup, teardown),
      cmocka_unit_test_setup_teardown(view_zoom_keeps_the_time_under_the_pointer, setup, teardown),
      cmocka_unit_test_setup_teardown(view_pan_moves_the_window_by_pixels, setup, teardown),
      cmocka_unit_test_setup_teardown(view_fit_shows_the_whole_run, setup, teardown),
      cmocka_unit_test_setup_teardown(view_follows_the_playhead_while_playing, setup, teardown),
      cmocka_unit_test_setup_teardown(view_help_toggles, setup, teardown),
      cmocka_unit_test(view_opens_on_a_few_cycles),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_view_layout.c - where things go: nothing overlaps or is cut off, from
 * 800x520 to 3840x2160, with 1 to 10,000 tasks and 1 to 4 strategies; rows
 * and tiles are found again from their pixels (hit testing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/layout.h"

#define S SIM_S

/* A set of `ntracks` hand-made runs of `ntasks` tasks, each task one cpu
 * span of 1 s on lane 0, one after another. */
static void make_set(trk_set *set, int32_t ntasks, int ntracks) {
  sim_result r[TRK_MAX_TRACKS];
  for (int k = 0; k < ntracks; k++) {
    memset(&r[k], 0, sizeof r[k]);
    snprintf(r[k].strategy, sizeof r[k].strategy, k == 0 ? "sync" : "s%d", k);
    r[k].ntasks = ntasks;
    r[k].nlanes = 1;
    r[k].lanes = calloc(1, sizeof *r[k].lanes);
    strcpy(r[k].lanes[0].name, "worker");
    r[k].task_end = malloc((size_t)ntasks * sizeof *r[k].task_end);
    r[k].spans = calloc((size_t)ntasks, sizeof *r[k].spans);
    r[k].nspans = (size_t)ntasks;
    for (int32_t t = 0; t < ntasks; t++) {
      sim_span *s = &r[k].spans[t];
      s->start = t * S, s->end = (t + 1) * S, s->task = t, s->lane = 0, s->kind = SIM_SPAN_CPU;
      r[k].task_end[t] = s->end;
    }
    r[k].makespan = ntasks * S;
  }
  sim_error err;
  if (trk_set_init(set, NULL, r, ntracks, &err) != 0) fail_msg("%s", err.msg);
}

static int inside(lay_rect in, lay_rect out) {
  return in.w >= 0 && in.h >= 0 && in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
         in.y + in.h <= out.y + out.h;
}

static int overlap(lay_rect a, lay_rect b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static void check_layout(int w, int h, double scale, int32_t ntasks, int ntracks) {
  trk_set set;
  make_set(&set, ntasks, ntracks);
  view_state v;
  view_init(&v, &set);
  lay_layout lay;
  lay_compute(&lay, w, h, scale, &v, &set);
  lay_rect win = {0, 0, w, h};
  assert_int_equal(lay.npanels, ntracks);
  for (int b = 0; b < LAY_BTN_COUNT; b++) {
    assert_true(inside(lay.buttons[b], lay.controls));
    for (int c = b + 1; c < LAY_BTN_COUNT; c++)
      assert_false(overlap(lay.buttons[b], lay.buttons[c]));
    assert_false(overlap(lay.buttons[b], lay.slider));
    assert_false(overlap(lay.buttons[b], lay.clock_label));
  }
  assert_true(inside(lay.axis, win));
  assert_true(inside(lay.controls, win));
  for (int i = 0; i < lay.npanels; i++) {
    const lay_panel *p = &lay.panels[i];
    const trk_track *t = &set.tracks[p->track];
    assert_true(inside(p->panel, win));
    assert_true(inside(p->header, p->panel));
    assert_true(inside(p->scene, p->panel));
    assert_true(inside(p->gantt, p->panel));
    assert_true(inside(p->gutter, p->panel));
    assert_false(overlap(p->scene, p->gutter));
    assert_false(overlap(p->gutter, p->gantt));
    assert_false(overlap(p->header, p->gantt));
    /* The overview strip: above the Gantt, on the timelines' x range, and
     * what the pointer finds there. */
    assert_true(inside(p->overview, p->panel));
    assert_false(overlap(p->overview, p->gantt));
    assert_false(overlap(p->overview, p->header));
    assert_int_equal(p->overview.x, lay.tl_x);
    assert_int_equal(p->overview.w, lay.tl_w);
    assert_int_equal(lay_hit_test(&lay, &v, &set, p->overview.x + p->overview.w / 2,
                                  p->overview.y + p->overview.h / 2)
                         .kind,
                     VIEW_HOVER_OVERVIEW);
    assert_false(overlap(p->panel, lay.axis));
    if (i > 0) assert_false(overlap(p->panel, lay.panels[i - 1].panel));
    /* Every timeline shares the axis's x range. */
    assert_int_equal(p->gantt.x, lay.axis.x);
    assert_int_equal(p->gantt.w, lay.axis.w);
    /* Tiles: all inside the scene, none overlapping its neighbours. */
    for (int32_t k = 0; k < ntasks; k++) {
      lay_rect tile = lay_tile(p, k);
      assert_true(tile.w >= 1 && tile.h >= 1);
      assert_true(inside(tile, p->scene));
      if (k > 0) assert_false(overlap(tile, lay_tile(p, k - 1)));
      if (k >= p->cols) assert_false(overlap(tile, lay_tile(p, k - p->cols)));
    }
    /* Rows: inside the Gantt, and found again from their middle pixel. */
    assert_true(p->task_rows >= 1);
    assert_int_equal(p->max_scroll, ntasks - p->task_rows);
    for (int32_t row = 0; row < t->nrows; row++) {
      lay_rect r = lay_row(p, &v, t, row);
      if (r.h == 0) continue;
      assert_true(inside(r, p->gantt));
      assert_int_equal(lay_row_at(p, &v, t, r.y + r.h / 2), row);
    }
  }
  trk_set_free(&set);
}

static void layout_fits_1280x720_chess(void **state) {
  (void)state;
  check_layout(1280, 720, 1, 24, 2);
}

static void layout_fits_3840x2160_at_3x(void **state) {
  (void)state;
  check_layout(3840, 2160, 3, 24, 2);
}

static void layout_fits_the_smallest_window(void **state) {
  (void)state;
  check_layout(800, 520, 1, 24, 2);
  check_layout(800, 520, 1, 24, 4);
}

static void layout_fits_hundreds_and_thousands_of_tasks(void **state) {
  (void)state;
  check_layout(1280, 720, 1, 300, 2);
  check_layout(1280, 720, 1, 10000, 1);
  check_layout(1920, 1080, 1.5, 10000, 2);
}

static void layout_tiles_shrink_to_cells_but_stay_visible(void **state) {
  (void)state;
  trk_set set;
  make_set(&set, 10000, 1);
  view_state v;
  view_init(&v, &set);
  lay_layout lay;
  lay_compute(&lay, 1280, 720, 1, &v, &set);
  const lay_panel *p = &lay.panels[0];
  assert_int_equal(p->caption_h, 0); /* cells, no captions */
  assert_true(p->tile_w >= 2);
  assert_true(p->cols * p->rows >= 10000);
  assert_true(p->max_scroll > 0); /* the rows scroll */
  trk_set_free(&set);
  make_set(&set, 24, 2);
  view_init(&v, &set);
  lay_compute(&lay, 1280, 720, 1, &v, &set);
  assert_true(lay.panels[0].caption_h > 0); /* 24 boards: real tiles */
  assert_true(lay.panels[0].tile_w >= 40);
  trk_set_free(&set);
}

static void layout_hit_test_finds_what_is_drawn(void **state) {
  (void)state;
  trk_set set;
  make_set(&set, 24, 2);
  view_state v;
  view_init(&v, &set);
  view_fit(&v);
  lay_layout lay;
  lay_compute(&lay, 1280, 720, 1, &v, &set);
  for (int b = 0; b < LAY_BTN_COUNT; b++) {
    lay_rect r = lay.buttons[b];
    view_hover h = lay_hit_test(&lay, &v, &set, r.x + r.w / 2, r.y + r.h / 2);
    assert_int_equal(h.kind, VIEW_HOVER_BUTTON);
    assert_int_equal(h.button, b);
  }
  view_hover h = lay_hit_test(&lay, &v, &set, lay.axis.x + 10, lay.axis.y + lay.axis.h / 2);
  assert_int_equal(h.kind, VIEW_HOVER_AXIS);
  const lay_panel *p = &lay.panels[1];
  lay_rect tile = lay_tile(p, 13);
  h = lay_hit_test(&lay, &v, &set, tile.x + 2, tile.y + 2);
  assert_int_equal(h.kind, VIEW_HOVER_TILE);
  assert_int_equal(h.track, 1);
  assert_int_equal(h.row, 13);
  /* Task 5 runs [5 s, 6 s): the middle of that span on its row. */
  const trk_track *t = &set.tracks[1];
  lay_rect row = lay_row(p, &v, t, 5);
  int x = (int)lay_time_x(&lay, &v, 5.5 * S);
  h = lay_hit_test(&lay, &v, &set, x, row.y + row.h / 2);
  assert_int_equal(h.kind, VIEW_HOVER_ROW);
  assert_int_equal(h.row, 5);
  assert_non_null(h.span);
  assert_int_equal(h.span->start, 5 * S);
  /* The lane row under the same x: the same cpu span, seen from the worker. */
  lay_rect lane = lay_row(p, &v, t, t->ntasks);
  h = lay_hit_test(&lay, &v, &set, x, lane.y + lane.h / 2);
  assert_int_equal(h.row, t->ntasks);
  assert_non_null(h.span);
  assert_int_equal(h.span->task, 5);
  trk_set_free(&set);
}

static void layout_hides_strategies_not_shown(void **state) {
  (void)state;
  trk_set set;
  make_set(&set, 24, 3);
  view_state v;
  view_init(&v, &set);
  v.shown[1] = 0;
  lay_layout lay;
  lay_compute(&lay, 1280, 720, 1, &v, &set);
  assert_int_equal(lay.npanels, 2);
  assert_null(lay_panel_of(&lay, 1));
  assert_non_null(lay_panel_of(&lay, 2));
  trk_set_free(&set);
}

static void layout_tile_style_follows_the_scenario(void **state) {
  (void)state;
  scn_scenario chess, laundry;
  sim_error err;
  assert_int_equal(scn_load("chess", NULL, 0, &chess, &err), 0);
  assert_int_equal(scn_load("laundry", NULL, 0, &laundry, &err), 0);
  assert_int_equal(lay_tile_style_of(&chess), LAY_TILE_CHESS);
  assert_int_equal(lay_tile_style_of(&laundry), LAY_TILE_MACHINE);
  assert_int_equal(lay_tile_style_of(NULL), LAY_TILE_CARD);
  scn_free(&chess);
  scn_free(&laundry);
}

/* The overview strips show [0, the longest run) across the timelines'
 * width: a 10 s run at tl_w pixels puts 5 s at the middle, and a click
 * there centres the timeline's window on 5 s. */
static void layout_overview_maps_the_whole_run(void **state) {
  (void)state;
  trk_set set;
  make_set(&set, 10, 2);
  view_state v;
  view_init(&v, &set);
  lay_layout lay;
  lay_compute(&lay, 1280, 720, 1, &v, &set);
  assert_true(fabs(lay_overview_x(&lay, 0) - lay.tl_x) < 1e-9);
  assert_true(fabs(lay_overview_x(&lay, 10.0 * S) - (lay.tl_x + lay.tl_w)) < 1e-9);
  double mid = lay.tl_x + lay.tl_w / 2.0;
  assert_true(fabs(lay_overview_time(&lay, mid) - 5.0 * S) < 1e-6);
  v.vlen = 2.0 * S;
  view_center(&v, lay_overview_time(&lay, mid));
  assert_true(fabs(v.vstart - 4.0 * S) < 1e-6);
  assert_false(v.follow);
  trk_set_free(&set);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(layout_fits_1280x720_chess),
      cmocka_unit_test(layout_fits_3840x2160_at_3x),
      cmocka_unit_test(layout_fits_the_smallest_window),
      cmocka_unit_test(layout_fits_hundreds_and_thousands_of_tasks),
      cmocka_unit_test(layout_tiles_shrink_to_cells_but_stay_visible),
      cmocka_unit_test(layout_hit_test_finds_what_is_drawn),
      cmocka_unit_test(layout_hides_strategies_not_shown),
      cmocka_unit_test(layout_tile_style_follows_the_scenario),
      cmocka_unit_test(layout_overview_maps_the_whole_run),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

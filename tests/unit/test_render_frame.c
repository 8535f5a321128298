/* test_render_frame.c - pixels of drawn frames: the chess exhibition's tiles
 * and Gantt rows show the right state colours at the right instants, drawn
 * in-process and by `simul render`, at 1280x720 and 3840x2160; text is
 * rendered once and reused; the palette stays distinct under colour-vision
 * deficiencies.
 *
 * Coordinates come from the layout module (the same one the frame used), so
 * no test hard-codes a pixel position.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

#define S SIM_S

typedef struct fixture {
  scn_scenario scn;
  trk_set set; /* 0 sync, 1 async */
  trk_set async_only;
} fixture;

static void run_set(trk_set *set, const scn_scenario *scn, const char *list) {
  sim_error err;
  sim_strategy *st[TRK_MAX_TRACKS];
  int n = 0;
  if (sim_strategy_parse_list(list, "test", st, TRK_MAX_TRACKS, &n, &err) != 0)
    fail_msg("%s", err.msg);
  if (trk_set_run(set, scn, st, n, &err) != 0) fail_msg("%s", err.msg);
  for (int i = 0; i < n; i++) sim_strategy_free(st[i]);
}

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  sim_error err;
  if (scn_load("chess", NULL, 0, &f->scn, &err) != 0) fail_msg("%s", err.msg);
  run_set(&f->set, &f->scn, "sync,async");
  run_set(&f->async_only, &f->scn, "async");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  trk_set_free(&f->set);
  trk_set_free(&f->async_only);
  scn_free(&f->scn);
  free(f);
  return 0;
}

static void assert_rgb(rnd_rgb got, rnd_rgb want, const char *what) {
  if (got.r != want.r || got.g != want.g || got.b != want.b)
    fail_msg("%s: got #%02x%02x%02x, expected #%02x%02x%02x", what, got.r, got.g, got.b, want.r,
             want.g, want.b);
}

/* A point on the tile's left frame, which always shows the state colour
 * (the picture inside and the worker's disc at the top right never reach it). */
static void tile_point(const lay_panel *p, int32_t task, int *x, int *y) {
  lay_rect r = lay_tile(p, task);
  *x = r.x + 1;
  *y = r.y + r.w / 2;
}

typedef struct frame {
  rnd_canvas *cv;
  view_state v;
} frame;

static void draw_at(frame *fr, const trk_set *set, int w, int h, sim_time at) {
  sim_error err;
  fr->cv = rnd_canvas_open(w, h, rnd_auto_scale(w, h), &err);
  if (!fr->cv) fail_msg("%s", err.msg);
  rnd_image_opts o;
  memset(&o, 0, sizeof o);
  o.at = at;
  rnd_image_view(&fr->v, set, &o);
  rnd_canvas_draw(fr->cv, &fr->v, set);
}

static rnd_rgb tile_pixel(const frame *fr, int track, int32_t task) {
  const lay_panel *p = lay_panel_of(rnd_canvas_layout(fr->cv), track);
  assert_non_null(p);
  int x, y;
  tile_point(p, task, &x, &y);
  return rnd_canvas_pixel(fr->cv, x, y);
}

static rnd_rgb row_pixel(const frame *fr, const trk_set *set, int track, int32_t row, double t) {
  const lay_layout *lay = rnd_canvas_layout(fr->cv);
  const lay_panel *p = lay_panel_of(lay, track);
  lay_rect r = lay_row(p, &fr->v, &set->tracks[track], row);
  assert_true(r.h > 0);
  return rnd_canvas_pixel(fr->cv, (int)lround(lay_time_x(lay, &fr->v, t)), r.y + r.h / 2);
}

static void render_async_2_5s_board1_running_board2_ready(void **state) {
  fixture *f = *state;
  int sizes[][2] = {{1280, 720}, {3840, 2160}};
  for (int i = 0; i < 2; i++) {
    frame fr;
    draw_at(&fr, &f->set, sizes[i][0], sizes[i][1], 2500000);
    assert_rgb(tile_pixel(&fr, 1, 0), rnd_state_color(TRK_RUNNING), "async board 1 at 2.5 s");
    assert_rgb(tile_pixel(&fr, 1, 1), rnd_state_color(TRK_READY), "async board 2 at 2.5 s");
    assert_rgb(tile_pixel(&fr, 1, 23), rnd_state_color(TRK_READY), "async board 24 at 2.5 s");
    rnd_canvas_close(fr.cv);
  }
}

/* `c`: chess under async at its end (3655 s), the whole run in view. Board
 * 24's last reply (3600-3655 s) ends the run, so it is on the critical path
 * and keeps its colour; board 1's ready wait at 60-120 s (the master busy
 * with round 1) is not - the master's moves are - so it is dimmed. Without
 * `c` both show their own colours. */
static void render_critical_path_dims_what_is_off_it(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->async_only, 1280, 720, 3655 * S);
  assert_non_null(f->async_only.tracks[0].path);
  assert_rgb(row_pixel(&fr, &f->async_only, 0, 0, 90.0 * S), rnd_state_color(TRK_READY),
             "board 1 ready at 90 s");
  assert_rgb(row_pixel(&fr, &f->async_only, 0, 23, 3627.0 * S), rnd_state_color(TRK_WAITING),
             "board 24's last reply");
  fr.v.critical = 1;
  rnd_canvas_draw(fr.cv, &fr.v, &f->async_only);
  rnd_rgb dim = row_pixel(&fr, &f->async_only, 0, 0, 90.0 * S);
  rnd_rgb ready = rnd_state_color(TRK_READY);
  assert_true(dim.r + dim.g + dim.b < ready.r + ready.g + ready.b);
  assert_rgb(row_pixel(&fr, &f->async_only, 0, 23, 3627.0 * S), rnd_state_color(TRK_WAITING),
             "board 24's last reply, on the path");
  sim_error err;
  if (getenv("SIMUL_KEEP_FRAME")) rnd_canvas_save(fr.cv, getenv("SIMUL_KEEP_FRAME"), &err);
  rnd_canvas_close(fr.cv);
}

static void render_async_30s_board1_waiting(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 30 * S);
  assert_rgb(tile_pixel(&fr, 1, 0), rnd_state_color(TRK_WAITING), "async board 1 at 30 s");
  assert_rgb(tile_pixel(&fr, 1, 6), rnd_state_color(TRK_RUNNING), "async board 7 at 30 s");
  assert_rgb(tile_pixel(&fr, 1, 7), rnd_state_color(TRK_READY), "async board 8 at 30 s");
  rnd_canvas_close(fr.cv);
}

static void render_timeline_board1_at_2_5s_is_cpu(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 30 * S);
  rnd_rgb cpu = rnd_state_color(TRK_RUNNING);
  assert_rgb(row_pixel(&fr, &f->set, 1, 0, 2.5 * S), cpu, "board 1's row at x(2.5 s)");
  /* The same instant on the worker's row, and board 1 waiting at x(30 s - 2 px). */
  assert_rgb(row_pixel(&fr, &f->set, 1, 24, 2.5 * S), cpu, "worker's row at x(2.5 s)");
  assert_rgb(row_pixel(&fr, &f->set, 1, 1, 2.5 * S), rnd_state_color(TRK_READY),
             "board 2's row at x(2.5 s)");
  assert_rgb(row_pixel(&fr, &f->set, 1, 0, 20.0 * S), rnd_state_color(TRK_WAITING),
             "board 1's row at x(20 s)");
  /* The sync strategy's board 2 has no span yet: the row's background. */
  rnd_rgb bg = row_pixel(&fr, &f->set, 0, 1, 2.5 * S);
  assert_true(memcmp(&bg, &cpu, sizeof bg) != 0);
  rnd_canvas_close(fr.cv);
}

static void render_sync_1000s_boards_2_to_24_not_started(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 1000 * S);
  rnd_rgb b1 = tile_pixel(&fr, 0, 0);
  rnd_rgb run = rnd_state_color(TRK_RUNNING), wait = rnd_state_color(TRK_WAITING);
  assert_true(memcmp(&b1, &run, sizeof b1) == 0 || memcmp(&b1, &wait, sizeof b1) == 0);
  for (int32_t t = 1; t < 24; t++) {
    char what[64];
    snprintf(what, sizeof what, "sync board %d at 1000 s", (int)t + 1);
    assert_rgb(tile_pixel(&fr, 0, t), rnd_state_color(TRK_PENDING), what);
  }
  /* Meanwhile async plays every board: board 24 moved at [955 s, 960 s) and waits. */
  assert_rgb(tile_pixel(&fr, 1, 23), rnd_state_color(TRK_WAITING), "async board 24 at 1000 s");
  rnd_canvas_close(fr.cv);
}

static void render_done_tiles_after_the_run(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 3655 * S);
  for (int32_t t = 0; t < 24; t++)
    assert_rgb(tile_pixel(&fr, 1, t), rnd_state_color(TRK_DONE), "async board at 3655 s");
  rnd_canvas_close(fr.cv);
}

/* The pixel at the middle of a tile: where a crossed-out tile's X meets. */
static rnd_rgb tile_centre(const frame *fr, int track, int32_t task) {
  lay_rect r = lay_tile(lay_panel_of(rnd_canvas_layout(fr->cv), track), task);
  return rnd_canvas_pixel(fr->cv, r.x + r.w / 2, r.y + r.w / 2);
}

/* A task that ended in a timeout is crossed out once it is done, not before;
 * the others are not. The webpage's ad (task 2) times out at 3 s under async. */
static void render_timed_out_task_is_crossed_out(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  if (scn_load("webpage", NULL, 0, &scn, &err) != 0) fail_msg("%s", err.msg);
  trk_set set;
  run_set(&set, &scn, "async");
  const rnd_rgb ink = {0x10, 0x10, 0x10};
  frame fr;
  draw_at(&fr, &set, 1280, 720, 4 * S);
  assert_rgb(tile_centre(&fr, 0, 2), ink, "the ad's tile after its timeout");
  assert_rgb(tile_pixel(&fr, 0, 2), rnd_state_color(TRK_DONE), "the ad's frame after its timeout");
  rnd_rgb logo = tile_centre(&fr, 0, 0);
  assert_true(memcmp(&logo, &ink, sizeof ink) != 0);
  rnd_canvas_close(fr.cv);
  draw_at(&fr, &set, 1280, 720, 2 * S);
  rnd_rgb before = tile_centre(&fr, 0, 2);
  assert_true(memcmp(&before, &ink, sizeof ink) != 0);
  rnd_canvas_close(fr.cv);
  trk_set_free(&set);
  scn_free(&scn);
}

/* The same checks on the PNG that `simul render` writes. */
static void render_cli_png_has_the_same_pixels(void **state) {
  fixture *f = *state;
  const char *bin = getenv("SIMUL_BINARY_DIR");
  if (!bin) {
    print_message("SIMUL_BINARY_DIR not set: skipped (run through ctest)\n");
    skip();
  }
  char png[512], cmd[2048];
  snprintf(png, sizeof png, "%s/test_render_frame_cli.png", bin);
  snprintf(cmd, sizeof cmd, "'%s/app/simul' render chess --strategy async --at 2.5s -o '%s'", bin,
           png);
  assert_int_equal(system(cmd), 0);
  int w = 0, h = 0;
  uint8_t *px = rnd_png_read(png, &w, &h);
  remove(png);
  assert_non_null(px);
  assert_int_equal(w, 1280);
  assert_int_equal(h, 720);
  view_state v;
  rnd_image_opts o;
  memset(&o, 0, sizeof o);
  o.at = 2500000;
  rnd_image_view(&v, &f->async_only, &o);
  lay_layout lay;
  lay_compute(&lay, w, h, rnd_auto_scale(w, h), &v, &f->async_only);
  const lay_panel *p = lay_panel_of(&lay, 0);
  int x, y;
  struct {
    int32_t task;
    trk_state st;
  } want[] = {{0, TRK_RUNNING}, {1, TRK_READY}, {12, TRK_READY}};
  for (int i = 0; i < 3; i++) {
    tile_point(p, want[i].task, &x, &y);
    const uint8_t *q = px + ((size_t)y * (size_t)w + (size_t)x) * 3;
    assert_rgb((rnd_rgb){q[0], q[1], q[2]}, rnd_state_color(want[i].st), "simul render tile");
  }
  free(px);
}

static void render_text_is_rendered_once(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 30 * S);
  unsigned long misses1, hits1, misses2, hits2;
  rnd_canvas_text_stats(fr.cv, &misses1, &hits1);
  assert_true(misses1 > 20); /* titles, labels, captions... */
  rnd_canvas_draw(fr.cv, &fr.v, &f->set);
  rnd_canvas_text_stats(fr.cv, &misses2, &hits2);
  assert_int_equal(misses2, misses1); /* the same frame again: nothing new to render */
  assert_true(hits2 >= hits1 + misses1);
  /* Clocks change every frame while playing; they are composed from cached
   * glyphs. The first hundred clocks make each glyph once per size and
   * weight; the next hundred, all different, make no text at all, where a
   * string per clock would make 300 (two headers and the axis). */
  for (int i = 0; i < 100; i++) {
    view_seek(&fr.v, 31 * S + i * 1000 * SIM_MS + 7 * SIM_MS);
    rnd_canvas_draw(fr.cv, &fr.v, &f->set);
  }
  unsigned long misses3, misses4;
  rnd_canvas_text_stats(fr.cv, &misses3, NULL);
  assert_true(misses3 - misses2 <= 80); /* at most 12 glyphs x 4 sizes, and captions */
  for (int i = 0; i < 100; i++) {
    view_seek(&fr.v, 131 * S + i * 1234 * SIM_MS + 3 * SIM_MS);
    rnd_canvas_draw(fr.cv, &fr.v, &f->set);
  }
  rnd_canvas_text_stats(fr.cv, &misses4, NULL);
  assert_true(misses4 - misses3 <= 3); /* only tile captions: "4/30" and the like */
  rnd_canvas_close(fr.cv);
}

static void render_help_overlay_covers_the_frame(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 30 * S);
  rnd_rgb before = tile_pixel(&fr, 1, 0);
  fr.v.help = 1;
  rnd_canvas_draw(fr.cv, &fr.v, &f->set);
  rnd_rgb after = tile_pixel(&fr, 1, 0);
  /* Board 1 (top left) is dimmed by the overlay's veil, not hidden or unchanged. */
  assert_true(after.r < before.r || after.g < before.g || after.b < before.b);
  rnd_canvas_close(fr.cv);
}

/* --- colour-vision deficiencies ------------------------------------------------ */

static double lin(double c) {
  c /= 255;
  return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static void to_lab(const double rgb_lin[3], double lab[3]) {
  double r = rgb_lin[0], g = rgb_lin[1], b = rgb_lin[2];
  double X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  double Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  double Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  double v[3] = {X, Y, Z};
  for (int i = 0; i < 3; i++) v[i] = v[i] > 0.008856 ? cbrt(v[i]) : 7.787 * v[i] + 16.0 / 116;
  lab[0] = 116 * v[1] - 16;
  lab[1] = 500 * (v[0] - v[1]);
  lab[2] = 200 * (v[1] - v[2]);
}

static void render_palette_distinct_for_colour_blind_readers(void **state) {
  (void)state;
  /* Machado, Oliveira & Fernandes (2009) at full severity, on linear RGB. */
  static const double sims[4][3][3] = {
      {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
      {{0.152286, 1.052583, -0.204868},
       {0.114503, 0.786281, 0.099216},
       {-0.003882, -0.048116, 1.051998}}, /* protanopia */
      {{0.367322, 0.860646, -0.227968},
       {0.280085, 0.672501, 0.047413},
       {-0.011820, 0.042940, 0.968881}}, /* deuteranopia */
      {{1.255528, -0.076749, -0.178779},
       {-0.078411, 0.930809, 0.147602},
       {0.004733, 0.691367, 0.303900}}, /* tritanopia */
  };
  for (int s = 0; s < 4; s++) {
    double lab[TRK_STATE_COUNT][3];
    for (int k = 0; k < TRK_STATE_COUNT; k++) {
      rnd_rgb c = rnd_state_color((trk_state)k);
      double l[3] = {lin(c.r), lin(c.g), lin(c.b)}, o[3];
      for (int i = 0; i < 3; i++) {
        o[i] = sims[s][i][0] * l[0] + sims[s][i][1] * l[1] + sims[s][i][2] * l[2];
        o[i] = o[i] < 0 ? 0 : o[i] > 1 ? 1 : o[i];
      }
      to_lab(o, lab[k]);
    }
    for (int a = 0; a < TRK_STATE_COUNT; a++)
      for (int b = a + 1; b < TRK_STATE_COUNT; b++) {
        double d = sqrt(pow(lab[a][0] - lab[b][0], 2) + pow(lab[a][1] - lab[b][1], 2) +
                        pow(lab[a][2] - lab[b][2], 2));
        /* CIE76 delta E: 15 is far beyond "just noticeable" (about 2.3). */
        if (d < 15)
          fail_msg("%s and %s are too close (delta E %.1f) in simulation %d",
                   rnd_state_name((trk_state)a), rnd_state_name((trk_state)b), d, s);
      }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(render_async_2_5s_board1_running_board2_ready),
      cmocka_unit_test(render_async_30s_board1_waiting),
      cmocka_unit_test(render_critical_path_dims_what_is_off_it),
      cmocka_unit_test(render_timeline_board1_at_2_5s_is_cpu),
      cmocka_unit_test(render_sync_1000s_boards_2_to_24_not_started),
      cmocka_unit_test(render_done_tiles_after_the_run),
      cmocka_unit_test(render_timed_out_task_is_crossed_out),
      cmocka_unit_test(render_cli_png_has_the_same_pixels),
      cmocka_unit_test(render_text_is_rendered_once),
      cmocka_unit_test(render_help_overlay_covers_the_frame),
      cmocka_unit_test(render_palette_distinct_for_colour_blind_readers),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

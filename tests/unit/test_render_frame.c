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
#include "track_harness.h"

#define S SIM_S

typedef struct fixture {
  scn_scenario scn;
  trk_set set; /* 0 sync, 1 async */
  trk_set async_only;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  sim_error err;
  if (scn_load("chess", NULL, 0, &f->scn, &err) != 0) fail_msg("%s", err.msg);
  harness_track_set(&f->set, &f->scn, "sync,async");
  harness_track_set(&f->async_only, &f->scn, "async");
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
    assert_rgb(tile_pixel(&fr, 1, 0), pal_state_color(TRK_RUNNING), "async board 1 at 2.5 s");
    assert_rgb(tile_pixel(&fr, 1, 1), pal_state_color(TRK_READY), "async board 2 at 2.5 s");
    assert_rgb(tile_pixel(&fr, 1, 23), pal_state_color(TRK_READY), "async board 24 at 2.5 s");
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
  view_fit(&fr.v);
  rnd_canvas_draw(fr.cv, &fr.v, &f->async_only);
  assert_non_null(f->async_only.tracks[0].path);
  assert_rgb(row_pixel(&fr, &f->async_only, 0, 0, 90.0 * S), pal_state_color(TRK_READY),
             "board 1 ready at 90 s");
  assert_rgb(row_pixel(&fr, &f->async_only, 0, 23, 3627.0 * S), pal_state_color(TRK_WAITING),
             "board 24's last reply");
  fr.v.critical = 1;
  rnd_canvas_draw(fr.cv, &fr.v, &f->async_only);
  rnd_rgb dim = row_pixel(&fr, &f->async_only, 0, 0, 90.0 * S);
  rnd_rgb ready = pal_state_color(TRK_READY);
  assert_true(dim.r + dim.g + dim.b < ready.r + ready.g + ready.b);
  assert_rgb(row_pixel(&fr, &f->async_only, 0, 23, 3627.0 * S), pal_state_color(TRK_WAITING),
             "board 24's last reply, on the path");
  sim_error err;
  if (getenv("SIMUL_KEEP_FRAME")) rnd_canvas_save(fr.cv, getenv("SIMUL_KEEP_FRAME"), &err);
  rnd_canvas_close(fr.cv);
}

static void render_async_30s_board1_waiting(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 30 * S);
  assert_rgb(tile_pixel(&fr, 1, 0), pal_state_color(TRK_WAITING), "async board 1 at 30 s");
  assert_rgb(tile_pixel(&fr, 1, 6), pal_state_color(TRK_RUNNING), "async board 7 at 30 s");
  assert_rgb(tile_pixel(&fr, 1, 7), pal_state_color(TRK_READY), "async board 8 at 30 s");
  rnd_canvas_close(fr.cv);
}

static void render_timeline_board1_at_2_5s_is_cpu(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 30 * S);
  rnd_rgb cpu = pal_state_color(TRK_RUNNING);
  assert_rgb(row_pixel(&fr, &f->set, 1, 0, 2.5 * S), cpu, "board 1's row at x(2.5 s)");
  /* The same instant on the worker's row, and board 1 waiting at x(30 s - 2 px). */
  assert_rgb(row_pixel(&fr, &f->set, 1, 24, 2.5 * S), cpu, "worker's row at x(2.5 s)");
  assert_rgb(row_pixel(&fr, &f->set, 1, 1, 2.5 * S), pal_state_color(TRK_READY),
             "board 2's row at x(2.5 s)");
  assert_rgb(row_pixel(&fr, &f->set, 1, 0, 20.0 * S), pal_state_color(TRK_WAITING),
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
  rnd_rgb run = pal_state_color(TRK_RUNNING), wait = pal_state_color(TRK_WAITING);
  assert_true(memcmp(&b1, &run, sizeof b1) == 0 || memcmp(&b1, &wait, sizeof b1) == 0);
  for (int32_t t = 1; t < 24; t++) {
    char what[64];
    snprintf(what, sizeof what, "sync board %d at 1000 s", (int)t + 1);
    assert_rgb(tile_pixel(&fr, 0, t), pal_state_color(TRK_PENDING), what);
  }
  /* Meanwhile async plays every board: board 24 moved at [955 s, 960 s) and waits. */
  assert_rgb(tile_pixel(&fr, 1, 23), pal_state_color(TRK_WAITING), "async board 24 at 1000 s");
  rnd_canvas_close(fr.cv);
}

static void render_done_tiles_after_the_run(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 3655 * S);
  for (int32_t t = 0; t < 24; t++)
    assert_rgb(tile_pixel(&fr, 1, t), pal_state_color(TRK_DONE), "async board at 3655 s");
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
  harness_track_set(&set, &scn, "async");
  const rnd_rgb ink = {0x10, 0x10, 0x10};
  frame fr;
  draw_at(&fr, &set, 1280, 720, 4 * S);
  assert_rgb(tile_centre(&fr, 0, 2), ink, "the ad's tile after its timeout");
  assert_rgb(tile_pixel(&fr, 0, 2), pal_state_color(TRK_DONE), "the ad's frame after its timeout");
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
    assert_rgb((rnd_rgb){q[0], q[1], q[2]}, pal_state_color(want[i].st), "simul render tile");
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

/* Pixels of colour `c` in a track's row, across the whole timeline. */
static long row_count(const frame *fr, const trk_set *set, int track, int32_t row, rnd_rgb c) {
  const lay_layout *lay = rnd_canvas_layout(fr->cv);
  lay_rect r = lay_row(lay_panel_of(lay, track), &fr->v, &set->tracks[track], row);
  long n = 0;
  for (int y = r.y; y < r.y + r.h; y++)
    for (int x = lay->tl_x; x < lay->tl_x + lay->tl_w; x++) {
      rnd_rgb p = rnd_canvas_pixel(fr->cv, x, y);
      n += p.r == c.r && p.g == c.g && p.b == c.b;
    }
  return n;
}

static void draw_window(frame *fr, const trk_set *set, sim_time at, sim_time w0, sim_time w1) {
  sim_error err;
  fr->cv = rnd_canvas_open(1280, 720, 1, &err);
  if (!fr->cv) fail_msg("%s", err.msg);
  rnd_image_opts o;
  memset(&o, 0, sizeof o);
  o.at = at;
  o.window = 1;
  o.win_start = w0;
  o.win_end = w1;
  rnd_image_view(&fr->v, set, &o);
  rnd_canvas_draw(fr->cv, &fr->v, set);
}

/* Zoomed out, a pixel column holds many spans and is split in proportion to
 * the time each state fills it. Both masters run 24 boards x 30 moves x 5 s =
 * 3600 s of cpu: on one 12 h window their rows hold the same amount of the
 * running colour (sync's spread thin over 12 h, async's packed into its
 * hour). On async's own hour, async runs all 3600 s and sync 300 s (board 1's
 * first 60 moves at 5 s per minute): twelve times as much. Rounding is
 * carried from column to column, so the tolerance is a few per cent. */
static void render_zoomed_out_columns_are_proportional(void **state) {
  fixture *f = *state;
  rnd_rgb run = pal_state_color(TRK_RUNNING);
  frame fr;
  draw_window(&fr, &f->set, 12 * 3600 * S, 0, 12 * 3600 * S);
  long sync12 = row_count(&fr, &f->set, 0, 24, run), async12 = row_count(&fr, &f->set, 1, 24, run);
  /* Idle has its own colour: sync's master is idle 11 of its 12 hours. */
  long idle12 = row_count(&fr, &f->set, 0, 24, RND_IDLE_COLOR);
  rnd_canvas_close(fr.cv);
  print_message("12 h: sync %ld, async %ld running pixels; sync idle %ld\n", sync12, async12,
                idle12);
  assert_true(async12 > 400); /* about tl_w / 12 columns of a 10-pixel row */
  assert_true(labs(sync12 - async12) * 100 <= 5 * async12);
  assert_true(idle12 > 8 * sync12);

  draw_window(&fr, &f->set, 12 * 3600 * S, 0, 3600 * S);
  long sync1 = row_count(&fr, &f->set, 0, 24, run), async1 = row_count(&fr, &f->set, 1, 24, run);
  rnd_canvas_close(fr.cv);
  print_message("1 h: sync %ld, async %ld running pixels\n", sync1, async1);
  assert_true(sync1 > 0);
  double ratio = (double)async1 / (double)sync1;
  assert_true(ratio > 11.0 && ratio < 13.0);
}

/* Pixels of colour c in row `row` of `track` between times a and b. */
static long span_count(const frame *fr, const trk_set *set, int track, int32_t row, double a,
                       double b, rnd_rgb c) {
  const lay_layout *lay = rnd_canvas_layout(fr->cv);
  lay_rect r = lay_row(lay_panel_of(lay, track), &fr->v, &set->tracks[track], row);
  int x0 = (int)lround(lay_time_x(lay, &fr->v, a)), x1 = (int)lround(lay_time_x(lay, &fr->v, b));
  long n = 0;
  for (int y = r.y; y < r.y + r.h; y++)
    for (int x = x0; x < x1; x++) {
      rnd_rgb p = rnd_canvas_pixel(fr->cv, x, y);
      n += p.r == c.r && p.g == c.g && p.b == c.b;
    }
  return n;
}

/* Chess under threads: all 24 boards want the GIL from 0 s and take 5 ms
 * turns, so each board's 1000 slices of its first move end at 115-120 s,
 * each thread running 5 ms in every 120 (1/24). Between its slices a
 * thread holds its READY board: drawn ready (waiting for the GIL), not
 * idle - at least 90% of its row from 1 to 110 s (the running share 1/24
 * rounds to under a pixel a column), no idle pixel. From 125 to 165 s
 * every board's opponent thinks (55 s from its move's end): the threads
 * are idle, not ready. Async's master, alongside, runs all the time. */
static void render_threads_lane_waiting_for_the_gil_is_ready(void **state) {
  fixture *f = *state;
  trk_set set;
  harness_track_set(&set, &f->scn, "threads,async");
  const trk_track *t = &set.tracks[0];
  rnd_rgb ready = pal_state_color(TRK_READY), run = pal_state_color(TRK_RUNNING);
  frame fr;
  draw_window(&fr, &set, 3 * 60 * S, 0, 3 * 60 * S);
  const lay_layout *lay = rnd_canvas_layout(fr.cv);
  double px_s = (lay_time_x(lay, &fr.v, 110.0 * S) - lay_time_x(lay, &fr.v, 1.0 * S)) / 109.0;
  for (int32_t lane = 1; lane < t->nlanes; lane++) {
    int32_t row = t->ntasks + lane;
    lay_rect r = lay_row(lay_panel_of(lay, 0), &fr.v, t, row);
    long area = lround(109.0 * px_s) * r.h;
    long n_ready = span_count(&fr, &set, 0, row, 1.0 * S, 110.0 * S, ready);
    long n_idle = span_count(&fr, &set, 0, row, 1.0 * S, 110.0 * S, RND_IDLE_COLOR);
    if (n_ready * 10 < area * 9 || n_idle != 0)
      fail_msg("thread lane %d at 1-110 s: %ld ready, %ld idle of %ld pixels", lane, n_ready,
               n_idle, area);
    assert_int_equal(span_count(&fr, &set, 0, row, 125.0 * S, 165.0 * S, ready), 0);
    assert_true(span_count(&fr, &set, 0, row, 125.0 * S, 165.0 * S, RND_IDLE_COLOR) > 0);
  }
  /* One column at 1:00 on thread 5 (lane 5), its middle: the ready colour. */
  assert_rgb(row_pixel(&fr, &set, 0, t->ntasks + 5, 60.0 * S), ready, "thread 5 at 1:00");
  int32_t master = set.tracks[1].ntasks;
  assert_int_equal(span_count(&fr, &set, 1, master, 1.0 * S, 110.0 * S, ready), 0);
  assert_int_equal(span_count(&fr, &set, 1, master, 1.0 * S, 110.0 * S, RND_IDLE_COLOR), 0);
  assert_true(span_count(&fr, &set, 1, master, 1.0 * S, 110.0 * S, run) > 0);
  rnd_canvas_close(fr.cv);
  trk_set_free(&set);
}

/* The web server under sync: the master serves one request at a time and
 * stands idle in its query while the next request queues, READY. That is
 * idle (it is stuck behind the query), not ready: no ready pixel on the
 * master's row over the whole run, for sync and for async (whose master
 * takes a ready request at once). */
static void render_sync_master_behind_a_wait_stays_idle(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  if (scn_load("webserver", NULL, 0, &scn, &err) != 0) fail_msg("%s", err.msg);
  trk_set set;
  harness_track_set(&set, &scn, "sync,async");
  frame fr;
  draw_window(&fr, &set, set.end, 0, set.end);
  for (int k = 0; k < 2; k++) {
    int32_t master = set.tracks[k].ntasks;
    assert_int_equal(
        span_count(&fr, &set, k, master, 0, (double)set.end, pal_state_color(TRK_READY)), 0);
    assert_true(span_count(&fr, &set, k, master, 0, (double)set.end, RND_IDLE_COLOR) > 0);
  }
  rnd_canvas_close(fr.cv);
  trk_set_free(&set);
  scn_free(&scn);
}

/* A selected task is ringed in every strategy, and only it. */
static void render_selected_task_is_ringed_everywhere(void **state) {
  fixture *f = *state;
  sim_error err;
  frame fr;
  fr.cv = rnd_canvas_open(1280, 720, 1, &err);
  if (!fr.cv) fail_msg("%s", err.msg);
  rnd_image_opts o;
  memset(&o, 0, sizeof o);
  o.at = 50 * 60 * S;
  o.select = 3; /* board 3 */
  rnd_image_view(&fr.v, &f->set, &o);
  rnd_canvas_draw(fr.cv, &fr.v, &f->set);
  for (int k = 0; k < 2; k++) {
    const lay_panel *p = lay_panel_of(rnd_canvas_layout(fr.cv), k);
    lay_rect t3 = lay_tile(p, 2), t4 = lay_tile(p, 3);
    /* Just outside the tile's left edge: the ring (2 px, 1 px off the tile). */
    assert_rgb(rnd_canvas_pixel(fr.cv, t3.x - 2, t3.y + t3.h / 2), RND_ACCENT, "board 3's ring");
    rnd_rgb other = rnd_canvas_pixel(fr.cv, t4.x - 2, t4.y + t4.h / 2);
    assert_true(memcmp(&other, &RND_ACCENT, sizeof other) != 0);
  }
  rnd_canvas_close(fr.cv);
}

/* Row names sit on their own rows: the ink of each name in the gutter is
 * centred on the row it names (within 3 pixels; rows are about 9 apart at
 * 1280x720, and a name centred on a block of two rows, as before, sat 4.5
 * pixels off, reading as the next row's). Names are every k-th row, so each
 * is looked for only where drawn: rows 0, 2, 4, ... here. */
static void render_row_names_sit_on_their_rows(void **state) {
  fixture *f = *state;
  frame fr;
  draw_at(&fr, &f->set, 1280, 720, 30 * S);
  const lay_layout *lay = rnd_canvas_layout(fr.cv);
  const lay_panel *p = lay_panel_of(lay, 1);
  const trk_track *t = &f->set.tracks[1];
  int right = p->gutter.x + p->gutter.w - lay->pad, checked = 0;
  int every = (lay->font_small + 2 + p->row_h - 1) / p->row_h;
  assert_true(every >= 2); /* rows thinner than a line: the case that went wrong */
  for (int32_t row = 0; row < p->task_rows; row += every) {
    lay_rect r = lay_row(p, &fr.v, t, row);
    int mid = r.y + r.h / 2;
    double sum = 0, n = 0;
    for (int y = mid - p->row_h; y <= mid + p->row_h; y++)
      for (int x = right - 40; x < right; x++) {
        rnd_rgb c = rnd_canvas_pixel(fr.cv, x, y);
        if (c.r == RND_PANEL.r && c.g == RND_PANEL.g && c.b == RND_PANEL.b) continue;
        sum += y, n++;
      }
    assert_true(n > 10); /* a name is there */
    double ink = sum / n;
    if (fabs(ink - mid) > 3)
      fail_msg("row %d's name is centred at y %.1f, the row at %d", row, ink, mid);
    checked++;
  }
  assert_true(checked >= 10);
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
      rnd_rgb c = pal_state_color((trk_state)k);
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
                   pal_state_name((trk_state)a), pal_state_name((trk_state)b), d, s);
      }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(render_async_2_5s_board1_running_board2_ready),
      cmocka_unit_test(render_threads_lane_waiting_for_the_gil_is_ready),
      cmocka_unit_test(render_sync_master_behind_a_wait_stays_idle),
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
      cmocka_unit_test(render_zoomed_out_columns_are_proportional),
      cmocka_unit_test(render_selected_task_is_ringed_everywhere),
      cmocka_unit_test(render_row_names_sit_on_their_rows),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/* render_bench.c - how long the window takes to draw a frame of a big run.
 *
 * 10,000 boards (the chess exhibition scaled up, 10 moves each) under async,
 * and sync vs async stacked, drawn offscreen with the software renderer at
 * 1280x720: 600 frames with the playhead sweeping the run, once with the
 * opening view (the shortest run) and once fitted to the whole run, where
 * most spans are narrower than a pixel. Prints ms per frame; the target is
 * under 16 ms. The software renderer is the slow path: a window with a GPU
 * renderer is faster, so this is the bound that matters.
 *
 * Run: BUILD_DIR/render/bench_render [frames]   (built with SIMUL_BENCH=ON)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/render.h"
#include "sim/scenario.h"
#include "sim/strategy.h"

static const char bench_yaml[] = "name: Ten thousand boards\n"
                                 "tasks:\n"
                                 "  - name: board\n"
                                 "    count: 10000\n"
                                 "    repeat: 10\n"
                                 "    steps:\n"
                                 "      - {cpu: 5s, label: master moves}\n"
                                 "      - {wait: 55s, label: opponent thinks}\n";

static double bench_now(void) {
  struct timespec ts;
  timespec_get(&ts, TIME_UTC);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench_case(const char *title, const scn_scenario *scn, const char *list, int fit,
                      int frames) {
  sim_error err = {0};
  sim_strategy *st[TRK_MAX_TRACKS];
  int n = 0;
  if (sim_strategy_parse_list(list, "bench", st, TRK_MAX_TRACKS, &n, &err) != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return 1;
  }
  double t0 = bench_now();
  /* As `simul view` does (app/cli_window.c): each run with spans, then the set. */
  trk_set set;
  sim_result res[TRK_MAX_TRACKS];
  memset(res, 0, sizeof res);
  sim_run_opts opts = {.record_spans = 1};
  int rc = 0;
  for (int i = 0; i < n; i++) {
    if (rc == 0) rc = sim_run(scn, st[i], &opts, &res[i], &err);
    sim_strategy_free(st[i]);
  }
  if (rc == 0)
    rc = trk_set_init(&set, scn, res, n, &err);
  else
    for (int i = 0; i < n; i++) sim_result_free(&res[i]);
  if (rc != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return 1;
  }
  double t_index = bench_now() - t0;
  size_t spans = 0;
  for (int k = 0; k < set.ntracks; k++) spans += set.tracks[k].res.nspans;
  rnd_canvas *cv = rnd_canvas_open(1280, 720, 1.0, &err);
  if (!cv) {
    fprintf(stderr, "%s\n", err.msg);
    trk_set_free(&set);
    return 1;
  }
  view_state v;
  view_init(&v, &set);
  if (fit) view_fit(&v);
  v.playing = 0;
  /* One warm-up frame: fonts open and strings are made once, as in the window. */
  rnd_canvas_draw(cv, &v, &set);
  double worst = 0, start = bench_now();
  for (int f = 0; f < frames; f++) {
    view_seek(&v, (sim_time)((double)set.end * f / frames));
    if (!fit) view_reveal_now(&v);
    double a = bench_now();
    rnd_canvas_draw(cv, &v, &set);
    double d = bench_now() - a;
    if (d > worst) worst = d;
  }
  double total = bench_now() - start;
  printf("%-34s %zu spans, run+index %.2f s: %.2f ms/frame (worst %.2f ms) over %d frames\n", title,
         spans, t_index, total * 1000 / frames, worst * 1000, frames);
  rnd_canvas_close(cv);
  trk_set_free(&set);
  return total * 1000 / frames < 16.0 ? 0 : 2;
}

int main(int argc, char **argv) {
  int frames = argc > 1 ? atoi(argv[1]) : 600;
  if (frames < 1) frames = 600;
  scn_scenario scn;
  sim_error err = {0};
  if (scn_load_text("bench:10000-boards", bench_yaml, strlen(bench_yaml), NULL, 0, &scn, &err)) {
    fprintf(stderr, "%s\n", err.msg);
    return 1;
  }
  int rc = 0, r;
  r = bench_case("10000 tasks, async, opening view", &scn, "async", 0, frames);
  rc = r > rc ? r : rc;
  r = bench_case("10000 tasks, async, fit", &scn, "async", 1, frames);
  rc = r > rc ? r : rc;
  r = bench_case("10000 tasks, sync+async, fit", &scn, "sync,async", 1, frames);
  rc = r > rc ? r : rc;
  scn_free(&scn);
  if (rc == 2) printf("slower than the 16 ms target\n");
  return rc == 1 ? 1 : 0;
}

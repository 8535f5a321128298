/* test_sweep.c - the sweep library: values, the knee, M/M/c, and whole
 * sweeps of the chess exhibition whose every point is derived by hand.
 *
 * Chess, n boards of 30 rounds of (5 s move, 55 s think), one master:
 *   sync  plays one board to mate then the next: n x 30 x 60 s = 1800 n s.
 *   async moves on every board in turn. A round of moves takes the master
 *         5n s; a board is ready again 60 s after its last move started.
 *         While 5n <= 60 (n <= 12) the master waits for the boards: board
 *         k (from 0) moves at 5k + 60 r, and the last board ends its 30th
 *         think at 5(n-1) + 1800 = 1795 + 5n. From 5n >= 60 on the boards
 *         wait for the master: he works without a break, 150n s of moves,
 *         and the last think adds 55 s: 150n + 55. So
 *         async = max(150n + 55, 1795 + 5n), the two equal at n = 12.
 *   The knee (Kneedle): x' = (n-1)/47, y' = (async(n) - 1800)/5455; the
 *         distance x' - y' is 0.2036 at n = 11, 0.2238 at n = 12 and 0.2177
 *         at n = 13: the knee is 12, where the round time 5n reaches 60 s.
 *   queue:workers=w takes whole boards, each 1800 s, w at a time:
 *         ceil(24 / w) x 1800 s: 43200, 21600, 14400, 10800, 9000, 7200,
 *         7200, 5400 for w = 1..8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sweep/sweep.h"

static swp_axis parse_ok(const char *arg) {
  swp_axis a;
  sim_error err = {0};
  if (swp_axis_parse(arg, &a, &err) != 0) fail_msg("%s", err.msg);
  return a;
}

static void parse_bad(const char *arg, const char *want) {
  swp_axis a;
  sim_error err = {0};
  assert_int_equal(swp_axis_parse(arg, &a, &err), SIM_EINPUT);
  if (!strstr(err.msg, want)) fail_msg("'%s': message '%s' lacks '%s'", arg, err.msg, want);
}

static void values_are_exact(void **state) {
  (void)state;
  swp_axis a = parse_ok("tasks.board.count=1..48:4");
  assert_int_equal(a.n, 12); /* 1, 5, ..., 45 */
  assert_string_equal(a.texts[11], "45");
  swp_axis_free(&a);
  a = parse_ok("tasks.request.arrivals.poisson=2..19:0.5");
  assert_int_equal(a.n, 35); /* (19 - 2) / 0.5 + 1 */
  assert_string_equal(a.texts[1], "2.5");
  assert_string_equal(a.texts[34], "19"); /* the end itself, not 18.999... */
  assert_true(a.values[34] == 19.0);
  assert_int_equal(a.unit, SWP_UNIT_NUMBER);
  swp_axis_free(&a);
  a = parse_ok("switch_cost=1ms..50ms:5ms");
  assert_int_equal(a.n, 10); /* 1, 6, ..., 46 ms */
  assert_string_equal(a.texts[1], "6ms");
  assert_true(fabs(a.values[9] - 0.046) < 1e-12);
  assert_int_equal(a.unit, SWP_UNIT_DURATION);
  swp_axis_free(&a);
  a = parse_ok("workers=1,2,4..6,8");
  assert_int_equal(a.n, 6);
  assert_string_equal(a.texts[3], "5");
  swp_axis_free(&a);
}

static void bad_values_say_why(void **state) {
  (void)state;
  parse_bad("tasks.board.count=5..1", "empty");
  parse_bad("tasks.board.count=1..5:0", "step is 0");
  parse_bad("tasks.board.count=1..5:-1", "positive");
  parse_bad("tasks.board.count=", "no values");
  parse_bad("tasks.board.count", "KEY=VALUES");
  parse_bad("switch_cost=1ms..5ms", "needs a step");
  parse_bad("switch_cost=1ms,2", "has no unit");
  parse_bad("tasks.board.count=1,,2", "empty value");
  parse_bad("tasks.board.count=1..2000000", "more than");
}

static void knee_of_chess_async_is_12(void **state) {
  (void)state;
  double x[48], y[48], line[48], flat[48];
  for (int i = 0; i < 48; i++) {
    int n = i + 1;
    x[i] = n;
    y[i] = fmax(150.0 * n + 55, 1795.0 + 5 * n);
    line[i] = 1800.0 * n;
    flat[i] = 140 + (i % 2) * 0.5; /* noise on a flat curve */
  }
  assert_int_equal(swp_knee(x, y, 48), 11); /* index 11: n = 12 */
  assert_int_equal(swp_knee(x, line, 48), -1);
  assert_int_equal(swp_knee(x, flat, 48), -1);
  /* Falling: makespan against workers, ceil(24/w) x 1800. Scaled distance
   * |y' - x'|: 0.429, 0.476, 0.429 at w = 2, 3, 4: the knee is 3. */
  double w[8], m[8];
  for (int i = 0; i < 8; i++) {
    w[i] = i + 1;
    m[i] = ((24 + i) / (i + 1)) * 1800.0;
  }
  assert_int_equal(swp_knee(w, m, 8), 2);
  assert_int_equal(swp_knee(w, m, 2), -1); /* too few points */
}

/* M/M/1 (lambda 16/s, mu 200/s): T is exponential with rate mu - lambda =
 * 184/s: mean 1/184 s, p95 ln(20)/184 s. M/M/2 at lambda 1, mu 1: C(2, 1) =
 * 1/3, W = C/(2 - 1) + 1 = 4/3 s. */
static void mmc_matches_erlang_c(void **state) {
  (void)state;
  assert_true(fabs(swp_mmc_mean(1, 16, 200) - 1.0 / 184) < 1e-12);
  assert_true(fabs(swp_mmc_quantile(1, 16, 200, 0.95) - log(20) / 184) < 1e-9);
  assert_true(fabs(swp_mmc_mean(2, 1, 1) - 4.0 / 3) < 1e-12);
  assert_true(isnan(swp_mmc_mean(1, 200, 200))); /* at capacity: no steady state */
}

typedef struct sweep_fixture {
  swp_spec spec;
  swp_sweep sw;
} sweep_fixture;

static void run_sweep(sweep_fixture *f, const char *scenario, const char *strategies,
                      const char *const *vary, int nvary, int runs, int jobs) {
  memset(f, 0, sizeof *f);
  f->spec.scenario = scenario;
  f->spec.strategy_list = strategies;
  f->spec.runs = runs;
  for (int i = 0; i < nvary; i++) f->spec.axes[i] = parse_ok(vary[i]);
  f->spec.naxes = nvary;
  sim_error err = {0};
  if (swp_prepare(&f->sw, &f->spec, &err) != 0) fail_msg("%s", err.msg);
  if (swp_run(&f->sw, jobs, 1, 1, NULL, NULL, &err) != 0) fail_msg("%s", err.msg);
}

static void free_sweep(sweep_fixture *f) {
  swp_sweep_free(&f->sw);
  for (int i = 0; i < f->spec.naxes; i++) swp_axis_free(&f->spec.axes[i]);
}

static const sim_result *cell(const sweep_fixture *f, int p, int s) {
  return &f->sw.mean[(size_t)p * (size_t)f->sw.nstrategies + (size_t)s];
}

static void chess_sweep_matches_the_formulas(void **state) {
  (void)state;
  const char *vary[] = {"tasks.board.count=1..48"};
  sweep_fixture f;
  run_sweep(&f, "chess", "sync,async", vary, 1, 1, 2);
  assert_int_equal(f.sw.npoints, 48);
  double x[48], y[48];
  for (int p = 0; p < 48; p++) {
    sim_time n = p + 1;
    assert_true(f.sw.have[p]);
    assert_int_equal(cell(&f, p, 0)->makespan, 1800 * n * SIM_S);
    sim_time async = 150 * n + 55 > 1795 + 5 * n ? 150 * n + 55 : 1795 + 5 * n;
    assert_int_equal(cell(&f, p, 1)->makespan, async * SIM_S);
    x[p] = (double)n;
    y[p] = swp_metric_value(SWP_METRIC_MAKESPAN, cell(&f, p, 1), NULL);
  }
  int knee = swp_knee(x, y, 48);
  assert_int_equal(knee, 11);
  char why[256];
  swp_knee_reason(&f.sw, 1, SWP_METRIC_MAKESPAN, knee, why, sizeof why);
  assert_string_equal(why, "from 12 boards on the master is the bottleneck: 12 x 5s = 5s + 55s");
  /* The bounds: total cpu 150 n s on one core, and one board's own 1800 s. */
  swp_bound *b;
  int nb;
  sim_error err = {0};
  assert_int_equal(swp_bounds(&f.sw, SWP_METRIC_MAKESPAN, &b, &nb, &err), 0);
  assert_int_equal(nb, 2);
  for (int i = 0; i < nb; i++) {
    int work = strstr(b[i].name, "work bound") != NULL;
    assert_int_equal(b[i].strategy, -1);
    for (int p = 0; p < 48; p++) assert_true(b[i].y[p] == (work ? 150.0 * (p + 1) : 1800.0));
  }
  swp_bounds_free(b, nb);
  free_sweep(&f);
}

static void strategy_parameter_sweep(void **state) {
  (void)state;
  const char *vary[] = {"workers=1..8"};
  sweep_fixture f;
  run_sweep(&f, "chess", "queue", vary, 1, 1, 1);
  static const sim_time want[] = {43200, 21600, 14400, 10800, 9000, 7200, 7200, 5400};
  for (int p = 0; p < 8; p++) {
    assert_int_equal(cell(&f, p, 0)->makespan, want[p] * SIM_S);
    char label[32];
    snprintf(label, sizeof label, "queue:workers=%d", p + 1);
    assert_string_equal(cell(&f, p, 0)->strategy, label);
  }
  assert_string_equal(f.sw.strategies[0], "queue");
  free_sweep(&f);
}

/* A grid: boards 1..3 (outer) x switch_cost 0s, 1s (inner). sync plays
 * the boards one after another and switches only between them: n - 1
 * switches, so 1800 n + (n - 1) x cost. One board has no one to switch to:
 * under async too the cost then changes nothing. */
static void grid_of_two_axes(void **state) {
  (void)state;
  const char *vary[] = {"tasks.board.count=1..3", "switch_cost=0s,1s"};
  sweep_fixture f;
  run_sweep(&f, "chess", "sync,async", vary, 2, 1, 2);
  assert_int_equal(f.sw.npoints, 6);
  for (int p = 0; p < 6; p++) {
    int idx[SWP_MAX_AXES];
    swp_point_index(&f.sw, p, idx);
    assert_int_equal(idx[0], p / 2);
    assert_int_equal(idx[1], p % 2);
    sim_time n = idx[0] + 1, cost = idx[1];
    assert_int_equal(cell(&f, p, 0)->makespan, (1800 * n + (n - 1) * cost) * SIM_S);
  }
  assert_int_equal(cell(&f, 1, 1)->makespan, cell(&f, 0, 1)->makespan);
  free_sweep(&f);
}

/* Threads change nothing: every cell is the same with 1 and 3 jobs. */
static void jobs_do_not_change_results(void **state) {
  (void)state;
  const char *vary[] = {"tasks.request.arrivals.poisson=4..16:4"};
  sweep_fixture a, b;
  run_sweep(&a, "webserver", NULL, vary, 1, 3, 1);
  run_sweep(&b, "webserver", NULL, vary, 1, 3, 3);
  for (int p = 0; p < a.sw.npoints; p++) {
    for (int s = 0; s < a.sw.nstrategies; s++) {
      assert_true(cell(&a, p, s)->response.p95 == cell(&b, p, s)->response.p95);
      assert_true(cell(&a, p, s)->in_system_mean == cell(&b, p, s)->in_system_mean);
      assert_int_equal(cell(&a, p, s)->makespan, cell(&b, p, s)->makespan);
    }
  }
  free_sweep(&a);
  free_sweep(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(values_are_exact),
      cmocka_unit_test(bad_values_say_why),
      cmocka_unit_test(knee_of_chess_async_is_12),
      cmocka_unit_test(mmc_matches_erlang_c),
      cmocka_unit_test(chess_sweep_matches_the_formulas),
      cmocka_unit_test(strategy_parameter_sweep),
      cmocka_unit_test(grid_of_two_axes),
      cmocka_unit_test(jobs_do_not_change_results),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

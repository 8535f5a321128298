/* test_dist.c - drawing durations (sim/src/core/dist.c): the normal
 * distribution, truncated at 0, through dist_sample and through a scenario.
 * A draw is a pure function of its key, so every figure here is the same on
 * every run; the tolerances are three standard errors of the mean, derived
 * below, not fitted to what the code printed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "dist.h"
#include "harness.h"
#include "rng.h"

#define N 10000

/* The mean of N draws of `d`, in seconds, and every draw >= 0. */
static double mean_of(const scn_dist *d) {
  double sum = 0;
  for (uint64_t i = 0; i < N; i++) {
    sim_time x = dist_sample(d, rng_key(7, 11, i, DIST_PURPOSE_DURATION));
    assert_true(x >= 0);
    sum += sim_time_seconds(x);
  }
  return sum / N;
}

static void normal_with_no_spread_is_its_mean(void **state) {
  (void)state;
  scn_dist d = {.kind = SCN_DIST_NORMAL, .value = 1500 * SIM_MS, .spread = 0};
  for (uint64_t i = 0; i < 100; i++) assert_int_equal(dist_sample(&d, i), 1500 * SIM_MS);
}

/* Mean 1 s, sd 200 ms: 0 is five sd away, so truncation changes nothing
 * that shows; the mean of N draws is 1 s within 3 x 0.2 / sqrt(N) = 6 ms. */
static void normal_draws_average_to_the_mean(void **state) {
  (void)state;
  scn_dist d = {.kind = SCN_DIST_NORMAL, .value = SIM_S, .spread = 200 * SIM_MS};
  assert_true(fabs(mean_of(&d) - 1.0) < 0.006);
}

/* Mean 0, sd 1 s: rejection keeps the half above 0, a half-normal of mean
 * sqrt(2/pi) = 0.7979 s and sd sqrt(1 - 2/pi) = 0.6028 s; the mean of N
 * draws is within 3 x 0.6028 / 100 = 18 ms of it. Clamping at 0 instead
 * would give a mean of sqrt(1/(2 pi)) = 0.399 s. */
static void normal_is_truncated_by_rejection_not_clamped(void **state) {
  (void)state;
  scn_dist d = {.kind = SCN_DIST_NORMAL, .value = 0, .spread = SIM_S};
  assert_true(fabs(mean_of(&d) - sqrt(2 / 3.141592653589793)) < 0.018);
}

/* A mean far below 0 with a tiny sd rejects every try: after its 64 tries
 * the draw is 0, not a loop without end. */
static void normal_far_below_zero_gives_zero(void **state) {
  (void)state;
  scn_dist d = {.kind = SCN_DIST_NORMAL, .value = -3600 * SIM_S, .spread = SIM_MS};
  for (uint64_t i = 0; i < 10; i++) assert_int_equal(dist_sample(&d, i), 0);
}

/* Through the loader and the engine: 1000 tasks of {normal: {mean: 1s, sd:
 * 100ms}} cpu under sync run one after another, so the makespan is the sum
 * of the draws: 1000 s within 3 x 0.1 x sqrt(1000) = 9.5 s. */
static void normal_cpu_steps_add_up_under_sync(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: normal\n"
           "tasks:\n"
           "  - {name: t, count: 1000, steps: [{cpu: {normal: {mean: 1s, sd: 100ms}}}]}\n",
           "sync");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, r.res.busy);
  assert_true(fabs(sim_time_seconds(r.res.makespan) - 1000) < 9.5);
  run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(normal_with_no_spread_is_its_mean),
      cmocka_unit_test(normal_draws_average_to_the_mean),
      cmocka_unit_test(normal_is_truncated_by_rejection_not_clamped),
      cmocka_unit_test(normal_far_below_zero_gives_zero),
      cmocka_unit_test(normal_cpu_steps_add_up_under_sync),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

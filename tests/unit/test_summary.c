/* test_summary.c - means and 95% confidence intervals over seeds (--runs). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "report/report.h"
#include "report/summary.h"

static sim_lane worker[1] = {{"worker"}};

static sim_result result(const char *label, double makespan_s, double response_s) {
  sim_result r;
  memset(&r, 0, sizeof r);
  snprintf(r.strategy, sizeof r.strategy, "%s", label);
  r.makespan = (sim_time)llround(makespan_s * SIM_S);
  r.response.mean = response_s;
  r.ntasks = 4;
  r.outcomes[SIM_OUTCOME_OK] = 4;
  r.cores = 1;
  r.lanes = worker;
  r.nlanes = 1;
  return r;
}

static void close_to(double x, double y) {
  if (fabs(x - y) > 1e-9) fail_msg("%.12f != %.12f", x, y);
}

static void t95_matches_the_table(void **state) {
  (void)state;
  close_to(rep_t95(1), 12.706);
  close_to(rep_t95(2), 4.303);
  close_to(rep_t95(9), 2.262);
  close_to(rep_t95(30), 2.042);
  assert_true(fabs(rep_t95(120) - 1.980) < 0.002);
  assert_true(rep_t95(100000) > 1.96 && rep_t95(100000) < 1.961);
}

/* Three seeds: makespans 10, 12, 14 s: mean 12, sd 2, half-width
 * 4.303 x 2 / sqrt(3). */
static void mean_and_interval_over_seeds(void **state) {
  (void)state;
  sim_result runs[3] = {result("async", 10, 1), result("async", 12, 2), result("async", 14, 3)};
  runs[0].seed = 5;
  sim_result mean;
  rep_summary sum;
  assert_int_equal(rep_summarize(runs, 3, 1, &mean, &sum), 0);
  assert_int_equal(sum.runs, 3);
  assert_int_equal(mean.makespan, 12 * SIM_S);
  close_to(sum.ci.makespan_s, 4.303 * 2 / sqrt(3));
  close_to(mean.response.mean, 2);
  close_to(sum.ci.response_mean_s, 4.303 * 1 / sqrt(3));
  assert_int_equal(mean.seed, 5);
  assert_string_equal(mean.lanes[0].name, "worker");
  assert_null(mean.task_end);
  assert_int_equal(mean.outcomes[SIM_OUTCOME_OK], 4);
  sim_result_free(&mean);
}

/* The speed-up is paired per seed: sync/async = 10/5 and 30/10, mean 2.5,
 * not the ratio of mean makespans (40/15 = 2.67). */
static void speedup_is_paired_per_seed(void **state) {
  (void)state;
  sim_result runs[4] = {result("sync", 10, 0), result("async", 5, 0), result("sync", 30, 0),
                        result("async", 10, 0)};
  sim_result mean[2];
  rep_summary sum[2];
  assert_int_equal(rep_summarize(runs, 2, 2, mean, sum), 0);
  close_to(sum[1].speedup, 2.5);
  close_to(sum[1].ci.speedup, 12.706 * sqrt(0.5) / sqrt(2));
  close_to(sum[0].speedup, 1);
  close_to(sum[0].ci.speedup, 0);
  sim_result_free(&mean[0]);
  sim_result_free(&mean[1]);
}

static void one_run_has_no_interval(void **state) {
  (void)state;
  sim_result runs[1] = {result("async", 10, 1)};
  sim_result mean;
  rep_summary sum;
  assert_int_equal(rep_summarize(runs, 1, 1, &mean, &sum), 0);
  close_to(sum.ci.makespan_s, 0);
  assert_int_equal(mean.makespan, 10 * SIM_S);
  sim_result_free(&mean);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(t95_matches_the_table),
      cmocka_unit_test(mean_and_interval_over_seeds),
      cmocka_unit_test(speedup_is_paired_per_seed),
      cmocka_unit_test(one_run_has_no_interval),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_metrics.c - a run's statistics (metrics.c): nearest-rank percentiles
 * found by selection must be the ones a sort gives, on the orders that break
 * naive quickselects (sorted, reversed, organ pipe, sawtooth, all equal),
 * and the derived figures (utilization, throughput, in-system) follow their
 * definitions on results small enough to work out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "metrics.h"

enum { N = 1000 };

/* Values 1..N seconds in a given order: nearest rank p% of 1..N is p*N/100
 * rounded up, so p50 = 500, p95 = 950, p99 = 990, max = 1000 and the mean
 * (N+1)/2 = 500.5, whatever the order. */
static void check_1_to_n(const sim_time *v) {
  sim_stats s;
  assert_int_equal(eng_stats(v, N, &s), 0);
  assert_true(s.p50 == 500 && s.p95 == 950 && s.p99 == 990 && s.max == 1000);
  assert_true(s.mean == 500.5);
}

static void stats_orders_that_break_quickselect(void **state) {
  (void)state;
  static sim_time v[N];
  for (int i = 0; i < N; i++) v[i] = (sim_time)(i + 1) * SIM_S; /* sorted */
  check_1_to_n(v);
  for (int i = 0; i < N; i++) v[i] = (sim_time)(N - i) * SIM_S; /* reversed */
  check_1_to_n(v);
  for (int i = 0; i < N / 2; i++) { /* organ pipe: 1 3 5 ... 999 1000 998 ... 2 */
    v[i] = (sim_time)(2 * i + 1) * SIM_S;
    v[N - 1 - i] = (sim_time)(2 * i + 2) * SIM_S;
  }
  check_1_to_n(v);
  /* Sawtooth: a permutation of 1..N in runs of 7 (7 is coprime with 1000, so
   * i -> 7i mod N hits every residue once). */
  for (int i = 0; i < N; i++) v[i] = (sim_time)((7 * i) % N + 1) * SIM_S;
  check_1_to_n(v);
  for (int i = 0; i < N; i++) v[i] = 7 * SIM_S; /* all equal */
  sim_stats s;
  assert_int_equal(eng_stats(v, N, &s), 0);
  assert_true(s.p50 == 7 && s.p95 == 7 && s.p99 == 7 && s.max == 7 && s.mean == 7);
}

static int cmp(const void *a, const void *b) {
  sim_time x = *(const sim_time *)a, y = *(const sim_time *)b;
  return (x > y) - (x < y);
}

/* Random values with many repeats, at sizes around the small-range cut-off:
 * each percentile is the sorted array's element at rank ceil(p n / 100). */
static void stats_match_a_sort(void **state) {
  (void)state;
  static const size_t sizes[] = {1, 2, 3, 16, 17, 100, 1001, 100003};
  uint64_t x = 12345;
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
    size_t n = sizes[k];
    sim_time *v = malloc(n * sizeof *v), *sorted = malloc(n * sizeof *v);
    assert_non_null(v);
    assert_non_null(sorted);
    for (size_t i = 0; i < n; i++) {
      x = x * 6364136223846793005u + 1442695040888963407u;
      v[i] = sorted[i] = (sim_time)((x >> 33) % 997) * SIM_MS;
    }
    qsort(sorted, n, sizeof *sorted, cmp);
    sim_stats s;
    assert_int_equal(eng_stats(v, n, &s), 0);
    const double p[] = {50, 95, 99};
    const double got[] = {s.p50, s.p95, s.p99};
    for (int j = 0; j < 3; j++) {
      size_t rank = (size_t)((p[j] * (double)n + 99) / 100); /* ceil for these n */
      if (rank < 1) rank = 1;
      assert_true(got[j] == sim_time_seconds(sorted[rank - 1]));
    }
    assert_true(s.max == sim_time_seconds(sorted[n - 1]));
    free(v);
    free(sorted);
  }
}

static void stats_of_nothing_are_zero(void **state) {
  (void)state;
  sim_stats s = {1, 1, 1, 1, 1};
  assert_int_equal(eng_stats(NULL, 0, &s), 0);
  assert_true(s.mean == 0 && s.p50 == 0 && s.p95 == 0 && s.p99 == 0 && s.max == 0);
}

/* Three tasks ending at 10, 20 and 30 s on one core busy 30 s. */
static void metrics_by_hand(void **state) {
  (void)state;
  sim_time end[3] = {10 * SIM_S, 20 * SIM_S, 30 * SIM_S}, ready[3] = {0, 4 * SIM_S, 8 * SIM_S};
  sim_time arrival[3] = {0, 0, 0};
  sim_result r = {.ntasks = 3,
                  .cores = 1,
                  .busy = 30 * SIM_S,
                  .task_end = end,
                  .task_ready = ready,
                  .task_arrival = arrival};
  assert_int_equal(eng_metrics_finish(&r), 0);
  /* Closed: makespan 30 s, fully busy, 3 tasks / 30 s = 0.1/s; response =
   * end, so in the system on average (10 + 20 + 30) / 30 = 2 tasks. */
  assert_int_equal(r.makespan, 30 * SIM_S);
  assert_true(r.utilization == 1.0 && r.throughput == 0.1 && r.in_system_mean == 2.0);
  assert_true(r.completion.mean == 20 && r.completion.p50 == 20 && r.completion.max == 30);
  assert_true(r.response.mean == 20 && r.response.p95 == 30);
  assert_true(r.ready_wait.mean == 4 && r.ready_wait.max == 8);

  /* Open: arrivals at 0, 5, 10 s give responses 10, 15, 20 s: mean 15,
   * median 15, and (10 + 15 + 20) / 30 = 1.5 in the system. */
  arrival[1] = 5 * SIM_S;
  arrival[2] = 10 * SIM_S;
  r.open = 1;
  r.cores = 2; /* two cores busy 30 s of 60: half */
  assert_int_equal(eng_metrics_finish(&r), 0);
  assert_true(r.utilization == 0.5 && r.in_system_mean == 1.5);
  assert_true(r.response.mean == 15 && r.response.p50 == 15 && r.response.max == 20);
  assert_true(r.completion.mean == 20);
}

/* The most tasks in the system at once, for an open workload, against a
 * count by brute force: after each arrival at t, the tasks arrived at or
 * before t less those ended at or before t (an end at t comes before an
 * arrival at t). Arrivals in two interleaved groups (not sorted), ends in
 * random order, times up to 2^50 us (seven radix passes) and many equal
 * ones; then the same arrivals already sorted (the one-group shortcut). */
static void in_system_peak_matches_a_count(void **state) {
  (void)state;
  enum { NTASKS = 3000 };
  static sim_time arrival[NTASKS], end[NTASKS], ready[NTASKS];
  uint64_t x = 99;
  for (int sorted = 0; sorted < 2; sorted++) {
    for (int i = 0; i < NTASKS; i++) {
      x = x * 6364136223846793005u + 1442695040888963407u;
      sim_time base = (sim_time)(x >> 14) & (((sim_time)1 << 50) - 1);
      if (x >> 62 == 0) base = (sim_time)(x >> 60) * 1000; /* a few equal, small times */
      arrival[i] = sorted ? (sim_time)i * 1000 : base;
      end[i] = arrival[i] + (sim_time)((x >> 20) % 5000);
      ready[i] = 0;
    }
    int32_t want = 0;
    for (int i = 0; i < NTASKS; i++) {
      int32_t in = 0;
      for (int j = 0; j < NTASKS; j++) in += arrival[j] <= arrival[i] && end[j] > arrival[i];
      if (in > want) want = in;
    }
    sim_result r = {.ntasks = NTASKS,
                    .cores = 1,
                    .open = 1,
                    .task_end = end,
                    .task_ready = ready,
                    .task_arrival = arrival};
    assert_int_equal(eng_metrics_finish(&r), 0);
    assert_int_equal(r.in_system_peak, want);
    assert_true(want > 1);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(stats_orders_that_break_quickselect), cmocka_unit_test(stats_match_a_sort),
      cmocka_unit_test(stats_of_nothing_are_zero),           cmocka_unit_test(metrics_by_hand),
      cmocka_unit_test(in_system_peak_matches_a_count),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

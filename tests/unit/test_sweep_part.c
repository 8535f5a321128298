/* test_sweep_part.c - a sharded sweep's part file reads back exactly.
 *
 * `simul merge` promises the whole sweep's bytes, so every field a report
 * prints must survive the trip through the part's JSON bit for bit: doubles
 * with no short decimal form (1/3, 0.1 + 0.2, 2^-40), times with a
 * microsecond part, seeds above 2^53 (a double would round them), the
 * summary's intervals and paired speed-up.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/sweep_report.h"

static void fill(sim_result *r, rep_summary *s, const char *label, double k) {
  memset(r, 0, sizeof *r);
  memset(s, 0, sizeof *s);
  snprintf(r->strategy, sizeof r->strategy, "%s", label);
  r->seed = (UINT64_C(1) << 60) + 3; /* not a double */
  r->ntasks = 24;
  r->cores = 4;
  r->makespan = 3655 * SIM_S + 1; /* 3655.000001 s */
  r->busy = 3600 * SIM_S;
  r->events = 1440;
  r->switches = 719;
  r->utilization = 1.0 / 3 * k;
  r->completion = (sim_stats){0.1 + 0.2, 1795, 3650.5, 3655.000001, 3654};
  r->ready_wait = (sim_stats){1797.5 * k, 0, 0, 1855, 0};
  r->response = (sim_stats){ldexp(1, -40), 0.7, 0.95, 1e300, 0.99};
  r->throughput = 24.0 / 3655.000001;
  r->in_system_mean = 2.0 / 3;
  r->open = 1;
  r->outcomes[SIM_OUTCOME_OK] = 23;
  r->outcomes[SIM_OUTCOME_TIMEOUT] = 1;
  r->nlanes = 2;
  r->lanes = calloc(2, sizeof *r->lanes);
  snprintf(r->lanes[0].name, sizeof r->lanes[0].name, "master");
  snprintf(r->lanes[1].name, sizeof r->lanes[1].name, "caf\xc3\xa9");
  s->runs = 5;
  s->speedup = 11.819425444596444 * k;
  s->ci = (rep_ci){1.0 / 7, 2.0 / 7, 3.0 / 7, 4.0 / 7, 5.0 / 7, 6.0 / 7, 1.0 / 9, 2.0 / 9, 0.3};
}

static void part_reads_back_exactly(void **state) {
  (void)state;
  scn_scenario scn;
  memset(&scn, 0, sizeof scn);
  scn.name = "test";
  sim_result res[4];
  rep_summary sum[4];
  fill(&res[0], &sum[0], "sync", 1); /* point 0 */
  fill(&res[1], &sum[1], "threads:gil=off,cores=4", 2);
  fill(&res[2], &sum[2], "sync", 3); /* point 1: not in this part */
  fill(&res[3], &sum[3], "threads:gil=off,cores=4", 4);
  unsigned char have[2] = {1, 0};
  const char *values[] = {"1", "2"}, *keys[] = {"workers"}, *strategies[] = {"sync", "threads"};
  int is_number[] = {1};
  rep_sweep_data d = {.scn = &scn,
                      .seed = 1,
                      .runs = 5,
                      .naxes = 1,
                      .keys = keys,
                      .axis_is_number = is_number,
                      .npoints = 2,
                      .point_values = values,
                      .have = have,
                      .nstrategies = 2,
                      .strategies = strategies,
                      .mean = res,
                      .summary = sum};
  char path[] = "/tmp/test_sweep_part-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  const char *args[] = {"chess", "--vary", "workers=1,2"};
  assert_int_equal(rep_sweep_part_write(f, &d, args, 3, 1, 2), 0);
  fclose(f);

  rep_sweep_part part;
  sim_error err = {0};
  if (rep_sweep_part_read(path, &part, &err) != 0) fail_msg("%s", err.msg);
  remove(path);
  assert_int_equal(part.nargs, 3);
  assert_string_equal(part.args[2], "workers=1,2");
  assert_int_equal(part.shard_k, 1);
  assert_int_equal(part.shard_n, 2);
  assert_int_equal(part.npoints, 2);
  assert_int_equal(part.count, 1);
  assert_int_equal(part.points[0], 0);
  for (int s = 0; s < 2; s++) {
    const sim_result *a = &res[s], *b = &part.results[s];
    const rep_summary *x = &sum[s], *y = &part.summary[s];
    assert_string_equal(a->strategy, b->strategy);
    assert_true(a->seed == b->seed);
    assert_int_equal(a->makespan, b->makespan);
    assert_int_equal(a->busy, b->busy);
    assert_int_equal(a->events, b->events);
    assert_int_equal(a->switches, b->switches);
    assert_int_equal(a->ntasks, b->ntasks);
    assert_int_equal(a->cores, b->cores);
    assert_int_equal(a->open, b->open);
    assert_memory_equal(a->outcomes, b->outcomes, sizeof a->outcomes);
    /* Bit for bit: == on doubles is the point here. */
    assert_true(a->utilization == b->utilization);
    assert_true(a->throughput == b->throughput);
    assert_true(a->in_system_mean == b->in_system_mean);
    const double printed_a[] = {a->completion.mean, a->completion.p50,  a->completion.p95,
                                a->completion.max,  a->ready_wait.mean, a->ready_wait.max,
                                a->response.mean,   a->response.p50,    a->response.p95,
                                a->response.p99,    a->response.max};
    const double printed_b[] = {b->completion.mean, b->completion.p50,  b->completion.p95,
                                b->completion.max,  b->ready_wait.mean, b->ready_wait.max,
                                b->response.mean,   b->response.p50,    b->response.p95,
                                b->response.p99,    b->response.max};
    for (size_t i = 0; i < sizeof printed_a / sizeof printed_a[0]; i++)
      if (printed_a[i] != printed_b[i])
        fail_msg("stat %zu: %.17g != %.17g", i, printed_a[i], printed_b[i]);
    assert_int_equal(b->nlanes, 2);
    assert_string_equal(b->lanes[1].name, "caf\xc3\xa9");
    assert_int_equal(x->runs, y->runs);
    assert_true(x->speedup == y->speedup);
    assert_memory_equal(&x->ci, &y->ci, sizeof x->ci);
  }
  rep_sweep_part_free(&part);
  for (int i = 0; i < 4; i++) sim_result_free(&res[i]);
}

static void not_a_part_is_bad_input(void **state) {
  (void)state;
  char path[] = "/tmp/test_sweep_part-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_true(write(fd, "{\"results\": []}", 15) == 15);
  close(fd);
  rep_sweep_part part;
  sim_error err = {0};
  assert_int_equal(rep_sweep_part_read(path, &part, &err), SIM_EINPUT);
  assert_non_null(strstr(err.msg, "not a part of a simul sweep"));
  remove(path);
  assert_int_equal(rep_sweep_part_read(path, &part, &err), SIM_EINPUT);
  assert_non_null(strstr(err.msg, "cannot read"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(part_reads_back_exactly),
      cmocka_unit_test(not_a_part_is_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

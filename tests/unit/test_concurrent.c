/* test_concurrent.c - runs of one loaded scenario on several threads at once.
 *
 * A loaded scn_scenario is final: sim_run only reads it, and each run keeps
 * its own task counts (sim_result.group_count). So two seeds run on two
 * threads sharing one scenario must give, bit for bit, what the same seeds
 * give run one after the other. The scenario has a group whose arrivals stop
 * at `until`, so the two seeds have different task counts: a run that wrote
 * its counts into the shared scenario (as scn_resolve once did) would hand
 * the other thread the wrong number of tasks, and the comparison fails (and
 * ThreadSanitizer, with -fsanitize=thread, reports the race).
 */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "sim/run.h"

/* Random service times, a resource and arrivals until a time: every part of
 * the run that depends on the seed. `count: 1000` is a cap no seed reaches
 * here, there so that a count written into the scenario by one run would
 * cap the next run's. */
static const char yaml[] =
    "name: shared\n"
    "seed: 1\n"
    "resources: {db: 2}\n"
    "tasks:\n"
    "  - name: req\n"
    "    count: 1000\n"
    "    arrivals: {poisson: 2}\n"
    "    until: 30s\n"
    "    steps: [{cpu: {exp: 20ms}}, {acquire: db}, {wait: {exp: 300ms}}, {release: db},\n"
    "            {cpu: 5ms}]\n"
    "  - {name: batch, count: 3, steps: [{cpu: {uniform: [100ms, 400ms]}}, {wait: 1s}]}\n";

enum { NSEEDS = 2, ROUNDS = 200 };
static const uint64_t seeds[NSEEDS] = {1, 2};
static const char *const strategies[] = {"async", "threads:threads=4", "processes:processes=2"};
#define NSTRATEGIES ((int)(sizeof strategies / sizeof strategies[0]))

typedef struct job {
  const scn_scenario *scn; /* shared by every thread */
  sim_strategy *st[NSTRATEGIES];
  uint64_t seed;
  const sim_result *expect; /* [NSTRATEGIES]: the sequential runs of this seed */
  pthread_barrier_t *start;
  int mismatches;
  char why[256];
} job;

/* 0 when a and b are the same run, field by field and span by span. */
static int same_run(const sim_result *a, const sim_result *b, char *why, size_t size) {
  if (a->ntasks != b->ntasks || a->ngroups != b->ngroups)
    return snprintf(why, size, "%s seed %llu: %d tasks, expected %d", a->strategy,
                    (unsigned long long)a->seed, (int)a->ntasks, (int)b->ntasks);
  if (memcmp(a->group_count, b->group_count, (size_t)a->ngroups * sizeof *a->group_count) ||
      a->makespan != b->makespan || a->events != b->events || a->busy != b->busy ||
      memcmp(a->task_end, b->task_end, (size_t)a->ntasks * sizeof *a->task_end) ||
      memcmp(a->task_arrival, b->task_arrival, (size_t)a->ntasks * sizeof *a->task_arrival) ||
      a->nspans != b->nspans || memcmp(a->spans, b->spans, a->nspans * sizeof *a->spans))
    return snprintf(why, size, "%s seed %llu: the run differs from the sequential one", a->strategy,
                    (unsigned long long)a->seed);
  return 0;
}

static int run_one(const scn_scenario *scn, const sim_strategy *st, uint64_t seed, sim_result *out,
                   char *why, size_t size) {
  sim_run_opts opts = {.record_spans = 1, .seed = seed};
  sim_error err = {0};
  int rc = sim_run(scn, st, &opts, out, &err);
  if (rc != 0) snprintf(why, size, "%.200s", err.msg); /* the message, cut to fit the caller's buffer */
  return rc;
}

static void *worker(void *arg) {
  job *j = arg;
  pthread_barrier_wait(j->start);
  for (int round = 0; round < ROUNDS; round++)
    for (int s = 0; s < NSTRATEGIES; s++) {
      sim_result r;
      if (run_one(j->scn, j->st[s], j->seed, &r, j->why, sizeof j->why) != 0 ||
          same_run(&r, &j->expect[s], j->why, sizeof j->why) != 0)
        j->mismatches++;
      sim_result_free(&r);
    }
  return NULL;
}

static void two_seeds_on_two_threads_match_sequential_runs(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  if (scn_load_text("shared.yaml", yaml, strlen(yaml), NULL, 0, &scn, &err) != 0)
    fail_msg("%s", err.msg);
  int32_t written = scn.groups[0].count, ntasks = scn.ntasks;
  job jobs[NSEEDS];
  sim_result expect[NSEEDS][NSTRATEGIES];
  pthread_barrier_t start;
  assert_int_equal(pthread_barrier_init(&start, NULL, NSEEDS), 0);
  for (int k = 0; k < NSEEDS; k++) {
    memset(&jobs[k], 0, sizeof jobs[k]);
    jobs[k] = (job){.scn = &scn, .seed = seeds[k], .expect = expect[k], .start = &start};
    for (int s = 0; s < NSTRATEGIES; s++) {
      sim_strategy *st;
      if (sim_strategy_parse(strategies[s], "test", &st, &err) != 0) fail_msg("%s", err.msg);
      jobs[k].st[s] = st;
      char why[256];
      if (run_one(&scn, st, seeds[k], &expect[k][s], why, sizeof why) != 0) fail_msg("%s", why);
    }
  }
  /* About 60 requests in 30 s either way; the test can catch a run that
   * leaks its counts only if the two seeds' counts differ (62 and 63 with
   * these draws). */
  assert_int_not_equal(expect[0][0].group_count[0], expect[1][0].group_count[0]);

  pthread_t th[NSEEDS];
  for (int k = 0; k < NSEEDS; k++)
    assert_int_equal(pthread_create(&th[k], NULL, worker, &jobs[k]), 0);
  for (int k = 0; k < NSEEDS; k++) pthread_join(th[k], NULL);
  for (int k = 0; k < NSEEDS; k++)
    if (jobs[k].mismatches) fail_msg("%d mismatches: %s", jobs[k].mismatches, jobs[k].why);
  assert_int_equal(scn.groups[0].count, written); /* only read */
  assert_int_equal(scn.ntasks, ntasks);

  pthread_barrier_destroy(&start);
  for (int k = 0; k < NSEEDS; k++)
    for (int s = 0; s < NSTRATEGIES; s++) {
      sim_result_free(&expect[k][s]);
      sim_strategy_free(jobs[k].st[s]);
    }
  scn_free(&scn);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(two_seeds_on_two_threads_match_sequential_runs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

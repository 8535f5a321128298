/* test_oom.c - every out-of-memory path of sim/: an allocator (sim_alloc.h)
 * that fails the n-th allocation, for every n from the first until a load
 * and run need no more, under every kind of strategy. Each failure must be
 * reported as an error saying "out of memory" (never a crash, never a
 * success with a hole in it), and once the caller has freed what it was
 * given, nothing may be left: the allocator counts the blocks alive. Under
 * `make asan`, LeakSanitizer checks the same from outside. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/run.h"
#include "sim/sim_alloc.h"

typedef struct counting {
  long calls;   /* allocations asked for (frees are not counted) */
  long fail_at; /* the allocation to refuse, 1-based; 0: none */
  long live;    /* blocks handed out and not yet freed */
} counting;

static void *counting_alloc(void *ud, void *ptr, size_t size) {
  counting *c = ud;
  if (size == 0) {
    if (ptr) c->live--;
    free(ptr);
    return NULL;
  }
  if (++c->calls == c->fail_at) return NULL;
  void *p = realloc(ptr, size);
  if (p && !ptr) c->live++;
  return p;
}

/* Every part of the format that allocates: resources, a distribution with
 * choices, arrivals at listed times, labels, a --set that adds a key, the
 * file's strategies (normalised text), an offload pool. */
static const char scenario[] =
    "name: everything\n"
    "description: allocates everywhere\n"
    "worker: cook\n"
    "strategies: [sync, {threads: {gil: off, cores: 2}}]\n"
    "resources: {pan: 1, oven: 2}\n"
    "offload_threads: 1\n"
    "tasks:\n"
    "  - name: dish\n"
    "    count: 3\n"
    "    repeat: 2\n"
    "    steps:\n"
    "      - {acquire: pan}\n"
    "      - {cpu: {choice: [[1s, 1], [2s, 3]]}, label: fry}\n"
    "      - {release: pan}\n"
    "      - {wait: {exp: 3s}, timeout: 5s, label: rest}\n"
    "      - {offload: 1s}\n"
    "      - yield\n"
    "  - name: order\n"
    "    arrivals: {at: [0s, 2s, 2s]}\n"
    "    steps: [{acquire: oven}, {block: 1s}, {cpu: 500ms}, {release: oven}]\n";

static const char *const sets[] = {"tasks.dish.count=4", "seed=7"};

static int says_out_of_memory(const sim_error *err) {
  return strstr(err->msg, "out of memory") != NULL;
}

/* A job: a scenario's text and --set overrides, and the run's options. */
typedef struct oom_job {
  const char *text;
  size_t len;
  const char *const *sets;
  int nsets;
  sim_run_opts opts;
} oom_job;

static const oom_job everything = {scenario, sizeof scenario - 1, sets, 2, {.record_spans = 1}};

/* Loads the job, parses `strategy` and runs, failing allocation `fail_at`;
 * returns how many allocations the whole job asked for. *plain_loop (when
 * not NULL) gets the result's plain_loop, *in_run whether the refusal
 * stopped the run itself ("out of memory while simulating"). */
static long job_attempt(const oom_job *job, const char *strategy, long fail_at, int *failed,
                        int *plain_loop, int *in_run) {
  char refused[48];
  if (fail_at)
    snprintf(refused, sizeof refused, "allocation %ld refused", fail_at);
  else
    snprintf(refused, sizeof refused, "no allocation refused");
  counting c = {.fail_at = fail_at};
  sim_set_allocator(counting_alloc, &c);
  sim_error err = {0};
  scn_scenario scn;
  sim_strategy *st = NULL;
  sim_result res;
  *failed = 1;
  int rc = scn_load_text("oom.yaml", job->text, job->len, job->sets, job->nsets, &scn, &err);
  if (rc == 0) {
    rc = sim_strategy_parse(strategy, "--strategy", &st, &err);
    if (rc == 0) {
      rc = sim_run(&scn, st, &job->opts, &res, &err);
      if (plain_loop) *plain_loop = res.plain_loop;
      sim_result_free(&res);
      sim_strategy_free(st);
    }
    scn_free(&scn);
  }
  sim_set_allocator(NULL, NULL);
  if (in_run) *in_run = rc != 0 && strstr(err.msg, "out of memory while simulating") != NULL;
  if (rc != 0) {
    if (rc != SIM_EFAIL || !says_out_of_memory(&err))
      fail_msg("%s, %s: rc %d, '%s'", strategy, refused, rc, err.msg);
  } else {
    *failed = 0;
    if (fail_at && fail_at <= c.calls)
      fail_msg("%s: allocation %ld was refused and the job still succeeded", strategy, fail_at);
  }
  if (c.live != 0)
    fail_msg("%s, allocation %ld refused: %ld blocks leaked", strategy, fail_at, c.live);
  return c.calls;
}

static long one_attempt(const char *strategy, long fail_at, int *failed) {
  return job_attempt(&everything, strategy, fail_at, failed, NULL, NULL);
}

static void every_allocation_can_fail_cleanly(void **state) {
  (void)state;
  static const char *const strategies[] = {
      "sync:switch_cost=1ms",
      "async",
      "threads",
      "threads:gil=off,cores=2",
      "processes:mode=async",
      "processes:processes=2,cores=1",
      "queue:workers=2,latency=1ms",
      "async:model=asyncio",
      "threads:model=cpython,handoff=random",
  };
  for (size_t k = 0; k < sizeof strategies / sizeof *strategies; k++) {
    int failed;
    long total = one_attempt(strategies[k], 0, &failed);
    assert_false(failed);
    assert_true(total > 20); /* the hook sees the loader, the strategy and the run */
    for (long n = 1; n <= total; n++) {
      one_attempt(strategies[k], n, &failed);
      if (!failed)
        fail_msg("%s: refusing allocation %ld of %ld changed nothing", strategies[k], n, total);
    }
  }
}

/* A plain run (sim/src/core/engine_api.h, "the plain loop": no spans, fixed
 * cpu steps and waits) keeps its events in evq's delay queues, which the
 * run above, with spans, never reaches. Each of its allocations is refused
 * in turn, under both loops. The allocations the run itself makes (refused:
 * "out of memory while simulating") are, worked out from the sizes: the
 * worker's lane (one realloc), then for async, whose 100 tasks all start
 * their 1 s wait at t=0, the wait's queue at 64 and 128 events and the cpu
 * step's at 64 (one running at a time): 4; for sync, one task at a time, a
 * queue each: 3. The general loop keeps them in the heap instead (64, then
 * 128 for async): 3 and 2. So the plain loop's count is one above, and
 * every refusal of a queue's growth is reported, never a crash or a run
 * that lost an event and went on. */
static void a_plain_runs_queues_can_fail_cleanly(void **state) {
  (void)state;
  static const char plain[] = "name: plain\n"
                              "tasks:\n"
                              "  - name: t\n"
                              "    count: 100\n"
                              "    steps: [{wait: 1s}, {cpu: 1ms}]\n";
  static const struct {
    const char *strategy;
    int general_loop;
    int in_run;
  } cases[] = {{"async", 0, 4}, {"async", 1, 3}, {"sync", 0, 3}, {"sync", 1, 2}};
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    oom_job job = {plain, sizeof plain - 1, NULL, 0, {.general_loop = cases[k].general_loop}};
    int failed, plain_loop = -1, in_run = 0, in_runs = 0;
    long total = job_attempt(&job, cases[k].strategy, 0, &failed, &plain_loop, NULL);
    assert_false(failed);
    assert_int_equal(plain_loop, !cases[k].general_loop);
    for (long n = 1; n <= total; n++) {
      job_attempt(&job, cases[k].strategy, n, &failed, NULL, &in_run);
      if (!failed) fail_msg("%s: refusing allocation %ld changed nothing", cases[k].strategy, n);
      in_runs += in_run;
    }
    if (in_runs != cases[k].in_run)
      fail_msg("%s, general_loop %d: %d refusals stopped the run, not %d", cases[k].strategy,
               cases[k].general_loop, in_runs, cases[k].in_run);
  }
}

/* Reading a file (its buffer grows as it is read) and loading it. */
static void loading_a_file_can_fail_cleanly(void **state) {
  (void)state;
  char path[] = "/tmp/simul_oom_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs(scenario, f);
  fclose(f);
  for (long n = 0;; n++) {
    counting c = {.fail_at = n};
    sim_set_allocator(counting_alloc, &c);
    sim_error err = {0};
    scn_scenario scn;
    int rc = scn_load_file(path, sets, 2, &scn, &err);
    if (rc == 0) scn_free(&scn);
    sim_set_allocator(NULL, NULL);
    if (c.live != 0) fail_msg("allocation %ld refused: %ld blocks leaked", n, c.live);
    if (rc == 0 && n > 0 && n <= c.calls) fail_msg("allocation %ld refused, the load succeeded", n);
    if (rc != 0 && (rc != SIM_EFAIL || !says_out_of_memory(&err)))
      fail_msg("allocation %ld refused: rc %d, '%s'", n, rc, err.msg);
    if (rc == 0 && n > c.calls) break;
    if (n == 0) assert_int_equal(rc, 0);
  }
  remove(path);
}

/* The hook is the C library's again once reset: a normal load works. */
static void reset_restores_the_c_library(void **state) {
  (void)state;
  sim_set_allocator(NULL, NULL);
  void *p = sim_malloc(0);
  assert_non_null(p); /* 0 bytes is a valid block, not "no memory" */
  sim_free(p);
  assert_null(sim_calloc(SIZE_MAX / 2, 4)); /* n x size overflows */
  char *d = sim_strndup("chess", 3);
  assert_string_equal(d, "che");
  sim_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_allocation_can_fail_cleanly),
      cmocka_unit_test(a_plain_runs_queues_can_fail_cleanly),
      cmocka_unit_test(loading_a_file_can_fail_cleanly),
      cmocka_unit_test(reset_restores_the_c_library),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

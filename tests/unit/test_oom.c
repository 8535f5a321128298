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

/* Loads, parses `strategy` and runs with spans, failing allocation
 * `fail_at`; returns how many allocations the whole job asked for. */
static long one_attempt(const char *strategy, long fail_at, int *failed) {
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
  int rc = scn_load_text("oom.yaml", scenario, sizeof scenario - 1, sets, 2, &scn, &err);
  if (rc == 0) {
    rc = sim_strategy_parse(strategy, "--strategy", &st, &err);
    if (rc == 0) {
      sim_run_opts opts = {.record_spans = 1};
      rc = sim_run(&scn, st, &opts, &res, &err);
      sim_result_free(&res);
      sim_strategy_free(st);
    }
    scn_free(&scn);
  }
  sim_set_allocator(NULL, NULL);
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
      cmocka_unit_test(loading_a_file_can_fail_cleanly),
      cmocka_unit_test(reset_restores_the_c_library),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

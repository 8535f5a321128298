/* test_plain.c - a strategy's own loop for a plain run makes the run the
 * engine's general loop makes (sim/src/core/engine_api.h, "the plain loop").
 *
 * Random plain scenarios - groups of fixed cpu steps and plain waits, with
 * repeats, zero-length steps and durations shared between steps so that
 * events tie - run under each strategy that has a plain loop twice: as the
 * engine would (the plain loop) and with sim_run_opts.general_loop. Every
 * figure and every per-task array must be equal, and the first run must
 * really have gone through the plain loop (sim_result.plain_loop), or the
 * test would compare the general loop with itself. More distinct durations
 * than evq has delay queues (EVQ_DELAYS) put some events in the heap beside
 * the queues: the two must interleave in (time, seq) order too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sim/run.h"

static const char *const plain_strategies[] = {"sync", "async"};

static uint64_t lcg(uint64_t *x) {
  *x = *x * 6364136223846793005u + 1442695040888963407u;
  return *x >> 33;
}

/* A random plain scenario: 1-3 groups of 1-40 tasks, 1-4 repeats of 1-6
 * steps. Durations come from a small set (ties) that grows with `spread`
 * (up to 7 distinct: more than EVQ_DELAYS). */
static void random_plain(uint64_t *x, int spread, char *buf, size_t size) {
  static const char *const durations[] = {"0s", "5ms", "55ms", "1ms", "7ms", "13ms", "2ms"};
  int ndur = 2 + spread % 6;
  size_t n = (size_t)snprintf(buf, size, "name: plain\ntasks:\n");
  int groups = 1 + (int)(lcg(x) % 3);
  for (int g = 0; g < groups; g++) {
    n += (size_t)snprintf(buf + n, size - n, "  - name: g%d\n    count: %d\n    repeat: %d\n", g,
                          1 + (int)(lcg(x) % 40), 1 + (int)(lcg(x) % 4));
    n += (size_t)snprintf(buf + n, size - n, "    steps:\n");
    int steps = 1 + (int)(lcg(x) % 6);
    for (int i = 0; i < steps; i++)
      n += (size_t)snprintf(buf + n, size - n, "      - %s: %s\n", lcg(x) % 2 ? "cpu" : "wait",
                            durations[lcg(x) % (uint64_t)ndur]);
  }
  assert_true(n < size);
}

static void load(const char *text, scn_scenario *scn) {
  sim_error err;
  if (scn_load_text("plain.yaml", text, strlen(text), NULL, 0, scn, &err) != 0)
    fail_msg("%s\n%s", err.msg, text);
}

static int run(const scn_scenario *scn, const char *strategy, sim_run_opts opts, sim_result *out,
               sim_error *err) {
  sim_strategy *st;
  if (sim_strategy_parse(strategy, "test", &st, err) != 0) fail_msg("%s", err->msg);
  int rc = sim_run(scn, st, &opts, out, err);
  sim_strategy_free(st);
  return rc;
}

/* Fails, naming the first field that differs. */
static void assert_same_run(const sim_result *a, const sim_result *b, const char *text) {
#define SAME(f)                                                                                    \
  if (memcmp(&a->f, &b->f, sizeof a->f) != 0)                                                      \
  fail_msg("%s differs under %s:\n%s", #f, a->strategy, text)
  SAME(ntasks);
  SAME(cores);
  SAME(makespan);
  SAME(busy);
  SAME(events);
  SAME(switches);
  SAME(utilization);
  SAME(completion);
  SAME(ready_wait);
  SAME(response);
  SAME(throughput);
  SAME(in_system_mean);
  SAME(outcomes);
  SAME(memory_peak);
  SAME(memory_mean);
  SAME(in_system_peak);
  SAME(nlanes);
#undef SAME
  size_t n = (size_t)a->ntasks;
  if (memcmp(a->task_end, b->task_end, n * sizeof *a->task_end) ||
      memcmp(a->task_ready, b->task_ready, n * sizeof *a->task_ready) ||
      memcmp(a->task_outcome, b->task_outcome, n * sizeof *a->task_outcome) ||
      memcmp(a->task_arrival, b->task_arrival, n * sizeof *a->task_arrival))
    fail_msg("a task's figures differ under %s:\n%s", a->strategy, text);
  for (int i = 0; i < a->nlanes; i++) assert_string_equal(a->lanes[i].name, b->lanes[i].name);
}

static void plain_loop_makes_the_general_loops_run(void **state) {
  (void)state;
  uint64_t x = 20261201;
  char text[8192];
  int compared = 0;
  for (int k = 0; k < 400; k++) {
    random_plain(&x, k, text, sizeof text);
    scn_scenario scn;
    load(text, &scn);
    for (size_t s = 0; s < sizeof plain_strategies / sizeof *plain_strategies; s++) {
      sim_result plain, general;
      sim_error err;
      assert_int_equal(run(&scn, plain_strategies[s], (sim_run_opts){0}, &plain, &err), 0);
      assert_int_equal(
          run(&scn, plain_strategies[s], (sim_run_opts){.general_loop = 1}, &general, &err), 0);
      assert_int_equal(plain.plain_loop, 1);
      assert_int_equal(general.plain_loop, 0);
      assert_same_run(&plain, &general, text);
      sim_result_free(&plain);
      sim_result_free(&general);
      compared++;
    }
    scn_free(&scn);
  }
  assert_int_equal(compared, 800);
}

/* The chess exhibition's figures, worked by hand (docs/strategies.md): both
 * loops give them, the plain one taking the run. */
static void chess_through_the_plain_loop(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  if (scn_load("chess", NULL, 0, &scn, &err) != 0) fail_msg("%s", err.msg);
  sim_result r;
  assert_int_equal(run(&scn, "async", (sim_run_opts){0}, &r, &err), 0);
  assert_int_equal(r.plain_loop, 1);
  /* The last board's last reply: 24 x 30 moves of 5 s, the last 55 s reply
   * after the master's last move at 3600 s. */
  assert_int_equal(r.makespan, 3655 * SIM_S);
  assert_int_equal(r.busy, 3600 * SIM_S);
  assert_int_equal(r.events, 2 * 24 * 30);
  sim_result_free(&r);
  assert_int_equal(run(&scn, "sync", (sim_run_opts){0}, &r, &err), 0);
  assert_int_equal(r.plain_loop, 1);
  assert_int_equal(r.makespan, 24 * 30 * 60 * SIM_S); /* 12 h */
  assert_int_equal(r.switches, 23);
  sim_result_free(&r);
  scn_free(&scn);
}

/* What the plain loop leaves to the general one: the run must say so. */
static void runs_that_are_not_plain_take_the_general_loop(void **state) {
  (void)state;
  static const struct {
    const char *yaml, *strategy;
    sim_run_opts opts;
  } cases[] = {
      {"name: y\ntasks: [{name: t, count: 2, steps: [{cpu: 1s}, {yield: true}]}]\n", "async", {0}},
      {"name: r\ntasks: [{name: t, count: 2, steps: [{cpu: {exp: 1s}}]}]\n", "async", {0}},
      {"name: o\ntasks: [{name: t, count: 2, steps: [{wait: 1s, timeout: 500ms}]}]\n",
       "async",
       {0}},
      {"name: s\ntasks: [{name: t, count: 2, steps: [{cpu: 1s}, {wait: 1s}]}]\n",
       "async",
       {.record_spans = 1}},
      {"name: m\ntasks: [{name: t, count: 2, steps: [{cpu: 1s}, {wait: 1s}]}]\n",
       "async:model=asyncio",
       {0}},
      {"name: c\ntasks: [{name: t, count: 2, steps: [{cpu: 1s}, {wait: 1s}]}]\n",
       "async:switch_cost=1ms",
       {0}},
      {"name: p\ntasks: [{name: t, count: 2, steps: [{cpu: 1s}, {wait: 1s}]}]\n", "threads", {0}},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    scn_scenario scn;
    load(cases[i].yaml, &scn);
    sim_result r;
    sim_error err;
    if (run(&scn, cases[i].strategy, cases[i].opts, &r, &err) != 0) fail_msg("%s", err.msg);
    if (r.plain_loop) fail_msg("case %zu (%s) took the plain loop", i, cases[i].strategy);
    sim_result_free(&r);
    scn_free(&scn);
  }
}

static int stop_at_once(void *ctx, int64_t events, sim_time now) {
  (void)now;
  *(int64_t *)ctx = events;
  return 1;
}

/* A progress callback that stops the run stops the plain loop the same way. */
static void progress_stops_the_plain_loop(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  const char *const set[] = {"tasks.board.count=2000"};
  if (scn_load("chess", set, 1, &scn, &err) != 0) fail_msg("%s", err.msg);
  for (int general = 0; general < 2; general++) {
    int64_t seen = 0;
    sim_result r;
    sim_run_opts opts = {.progress = stop_at_once, .progress_ctx = &seen, .general_loop = general};
    assert_int_equal(run(&scn, "async", opts, &r, &err), SIM_EFAIL);
    assert_int_equal(seen, SIM_PROGRESS_EVERY);
    assert_non_null(strstr(err.msg, "stopped at 65536 events"));
    sim_result_free(&r);
  }
  scn_free(&scn);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(plain_loop_makes_the_general_loops_run),
      cmocka_unit_test(chess_through_the_plain_loop),
      cmocka_unit_test(runs_that_are_not_plain_take_the_general_loop),
      cmocka_unit_test(progress_stops_the_plain_loop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

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
 * the queues: the two must interleave in (time, seq) order too. A second
 * generator makes the shapes the first does not (many groups, one task,
 * large repeats, every step zero, hundreds of tasks...) under profiles and
 * strategy options, and checks the figures a plain run's steps determine;
 * a few runs are worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "sim/estimate.h"
#include "sim/run.h"
#include "sim/sim_alloc.h"

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
      /* Arrivals until a time: an open workload, whose arrivals are events. */
      {"name: u\ntasks: [{name: t, arrivals: {every: 1s}, until: 3s, steps: [{cpu: 1s}]}]\n",
       "async",
       {0}},
      {"name: u\ntasks: [{name: t, arrivals: {every: 1s}, until: 3s, steps: [{cpu: 1s}]}]\n",
       "sync",
       {0}},
      /* A loop in each worker process: no loop of its own (the general one). */
      {"name: q\ntasks: [{name: t, count: 2, steps: [{cpu: 1s}, {wait: 1s}]}]\n",
       "processes:mode=async",
       {0}},
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

/* A progress callback that stops the run stops the plain loop the same way,
 * under both strategies that have one. */
static void progress_stops_the_plain_loop(void **state) {
  (void)state;
  scn_scenario scn;
  sim_error err;
  const char *const set[] = {"tasks.board.count=2000"};
  if (scn_load("chess", set, 1, &scn, &err) != 0) fail_msg("%s", err.msg);
  /* 2000 boards x 30 moves x 2 events: 120000, past the first call at 65536. */
  for (int k = 0; k < 4; k++) {
    int64_t seen = 0;
    sim_result r;
    sim_run_opts opts = {.progress = stop_at_once, .progress_ctx = &seen, .general_loop = k % 2};
    assert_int_equal(run(&scn, plain_strategies[k / 2], opts, &r, &err), SIM_EFAIL);
    assert_int_equal(seen, SIM_PROGRESS_EVERY);
    assert_int_equal(r.events, SIM_PROGRESS_EVERY);
    assert_int_equal(r.plain_loop, k % 2 == 0);
    assert_non_null(strstr(err.msg, "stopped at 65536 events"));
    sim_result_free(&r);
  }
  scn_free(&scn);
}

/* --- shapes the first generator does not make ------------------------------ */

/* What a plain scenario adds up to, worked out from its steps alone: every
 * wait and every cpu step above zero ends in one event (a zero cpu step is
 * done at once, with none), every cpu step runs once on the one worker, and
 * sync runs the tasks one after another in file order, each from its first
 * step to its last, so task i ends when the work of tasks 0..i is done. */
typedef struct shape_totals {
  int64_t events;
  sim_time busy;
  int32_t ntasks;
  sim_time task_work[640]; /* one task's steps end to end, per task */
  int zero_cpu;            /* some cpu step is 0: the estimate counts it, the run has no event */
} shape_totals;

typedef struct plain_step {
  int cpu; /* else a wait */
  sim_time d;
} plain_step;

static void add_group(shape_totals *t, int32_t count, int32_t repeat, const plain_step *s, int n) {
  sim_time work = 0, busy = 0;
  int64_t events = 0;
  for (int i = 0; i < n; i++) {
    work += s[i].d;
    if (s[i].cpu) busy += s[i].d;
    if (s[i].cpu && s[i].d == 0) t->zero_cpu = 1;
    events += !s[i].cpu || s[i].d > 0;
  }
  t->busy += busy * count * repeat;
  t->events += events * count * repeat;
  for (int32_t i = 0; i < count; i++) {
    assert_true(t->ntasks < (int32_t)(sizeof t->task_work / sizeof *t->task_work));
    t->task_work[t->ntasks++] = work * repeat;
  }
}

/* A random plain scenario of one of nine shapes (k % 9): many groups (the
 * search of eng_group_index), a single task, a large repeat, every step
 * zero, one duration for cpu and wait alike (their events tie and share a
 * delay queue), zeros and a 1 ms step, the keys a plain run has no use for
 * (resources, on_error, cancel_on_error, labels, fail: 0, a seed, a
 * worker's name), long durations (a day against a microsecond), and
 * hundreds of tasks (the delay queues grow past 64 and wrap). Group g0's
 * count and repeat are sometimes set again by --set (sets[0..*nsets)), as
 * `simul run --set` does. *t gets the totals of the run's counts. */
static void random_shape(uint64_t *x, int k, char *buf, size_t size, char sets[2][64], int *nsets,
                         shape_totals *t) {
  static const sim_time small[] = {0, 5 * SIM_MS, 55 * SIM_MS, 1 * SIM_MS, 7 * SIM_MS};
  static const sim_time zero_one[] = {0, 1 * SIM_MS};
  static const sim_time longs[] = {1, 3600 * SIM_S, 86400 * SIM_S, 7 * SIM_MS};
  int shape = k % 9;
  int groups = 1, count_max = 8, repeat_lo = 1, repeat_n = 4, steps_max = 6;
  const sim_time *durs = small;
  int ndur = 5;
  sim_time one = small[1 + lcg(x) % 4];
  switch (shape) {
  case 0: /* many groups */
    groups = 6 + (int)(lcg(x) % 9), count_max = 4, repeat_n = 3, steps_max = 4;
    break;
  case 1: /* a single task */
    count_max = 1, repeat_n = 30, steps_max = 8;
    break;
  case 2: /* a large repeat */
    groups = 1 + (int)(lcg(x) % 3), count_max = 3, repeat_lo = 100, repeat_n = 500, steps_max = 3;
    break;
  case 3: /* every step zero: small[0] only */
    ndur = 1;
    break;
  case 4: /* one duration everywhere */
    durs = &one, ndur = 1;
    break;
  case 5:
    durs = zero_one, ndur = 2;
    break;
  case 6: /* keys a plain run ignores */
    groups = 1 + (int)(lcg(x) % 3);
    break;
  case 7:
    durs = longs, ndur = 4, count_max = 3, repeat_n = 2;
    break;
  default: /* hundreds of tasks */
    count_max = 100 + (int)(lcg(x) % 200), steps_max = 3;
    break;
  }
  memset(t, 0, sizeof *t);
  *nsets = 0;
  size_t n = (size_t)snprintf(buf, size, "name: shape%d\n", shape);
  if (shape == 6)
    n += (size_t)snprintf(buf + n, size - n,
                          "worker: cook\nseed: %d\nresources: {pan: 1, oven: 3}\n"
                          "return_exceptions: false\ncancel_on_error: true\n",
                          (int)(lcg(x) % 1000));
  n += (size_t)snprintf(buf + n, size - n, "tasks:\n");
  for (int g = 0; g < groups; g++) {
    int32_t count = shape == 8 ? count_max : 1 + (int32_t)(lcg(x) % (uint64_t)count_max);
    int32_t repeat = repeat_lo + (int32_t)(lcg(x) % (uint64_t)repeat_n);
    n += (size_t)snprintf(buf + n, size - n, "  - name: g%d\n    count: %d\n    repeat: %d\n", g,
                          (int)count, (int)repeat);
    if (shape == 6) n += (size_t)snprintf(buf + n, size - n, "    on_error: continue\n");
    if (g == 0 && shape != 8 && lcg(x) % 4 == 0) {
      count = 1 + (int32_t)(lcg(x) % 5);
      snprintf(sets[(*nsets)++], 64, "tasks.g0.count=%d", (int)count);
      if (lcg(x) % 2) {
        repeat = 1 + (int32_t)(lcg(x) % 7);
        snprintf(sets[(*nsets)++], 64, "tasks.g0.repeat=%d", (int)repeat);
      }
    }
    n += (size_t)snprintf(buf + n, size - n, "    steps:\n");
    plain_step st[8];
    int steps = 1 + (int)(lcg(x) % (uint64_t)steps_max);
    for (int i = 0; i < steps; i++) {
      st[i].cpu = (int)(lcg(x) % 2);
      st[i].d = durs[lcg(x) % (uint64_t)ndur];
      const char *extra = shape != 6 ? "" : st[i].cpu ? ", label: fry" : ", fail: 0, label: rest";
      n += (size_t)snprintf(buf + n, size - n, "      - {%s: %lldus%s}\n",
                            st[i].cpu ? "cpu" : "wait", (long long)st[i].d, extra);
    }
    add_group(t, count, repeat, st, steps);
  }
  assert_true(n < size);
}

/* Profiles, and whether each strategy's run under one is still plain: sync
 * makes every wait sleep_late late and ignores the event loop's costs;
 * async pays loop_hop and the timer's rounding, which its plain loop
 * declines (after the engine registered the delay queues: the general loop
 * then runs with them), and its waits are not blocking calls. cpu_scale and
 * step_cost change cpu steps: never plain. */
enum { PROF_NONE, PROF_MEMORY, PROF_SLEEP_LATE, PROF_LOOP_HOP, PROF_TIMER, PROF_CPU, PROF_STEP };
#define NPROFILES 7

static void profile_of(int which, sim_profile *p) {
  sim_profile_defaults(p);
  switch (which) {
  case PROF_MEMORY:
    p->task_memory = 5000, p->process_memory = 1 << 20;
    break;
  case PROF_SLEEP_LATE:
    p->sleep_late = 300;
    break;
  case PROF_LOOP_HOP:
    p->loop_hop = 20;
    break;
  case PROF_TIMER:
    p->timer_resolution = SIM_MS, p->timer_late = 50;
    break;
  case PROF_CPU:
    p->cpu_scale = 1500000;
    break;
  case PROF_STEP:
    p->step_cost = 10;
    break;
  default:
    break;
  }
}

static int plain_under(int is_async, int which) {
  if (which == PROF_NONE || which == PROF_MEMORY) return 1;
  if (which == PROF_SLEEP_LATE) return is_async;
  if (which == PROF_LOOP_HOP || which == PROF_TIMER) return !is_async;
  return 0;
}

/* Each shape under sync and async (with options a plain run may carry:
 * timeouts=off, switch_cost=0, model=ideal, a seed) and a random profile:
 * the plain loop when expected, the same run as the general loop's always,
 * and when plain, the figures worked out from the steps (events, busy; for
 * sync the makespan, every task's end and the switches; for async the
 * makespan at least the busy time and the longest task), the estimate's
 * event count an upper bound that is exact without zero cpu steps. */
static void plain_loop_on_shapes_the_first_generator_misses(void **state) {
  (void)state;
  static const char *const variants[2][3] = {{"sync", "sync:timeouts=off", "sync:switch_cost=0"},
                                             {"async", "async:timeouts=off", "async:model=ideal"}};
  static shape_totals t;
  uint64_t x = 20261202;
  char text[40000], sets[2][64];
  int plain_runs = 0, declined = 0;
  for (int k = 0; k < 270; k++) {
    int nsets;
    random_shape(&x, k, text, sizeof text, sets, &nsets, &t);
    const char *const setp[2] = {sets[0], sets[1]};
    scn_scenario scn;
    sim_error err;
    if (scn_load_text("shape.yaml", text, strlen(text), setp, nsets, &scn, &err) != 0)
      fail_msg("%s\n%s", err.msg, text);
    for (int is_async = 0; is_async < 2; is_async++) {
      const char *strategy = variants[is_async][lcg(&x) % 3];
      int which = (int)(lcg(&x) % NPROFILES);
      sim_profile prof;
      profile_of(which, &prof);
      sim_run_opts opts = {.profile = &prof, .has_seed = (int)(lcg(&x) % 2), .seed = lcg(&x)};
      sim_result plain, general;
      assert_int_equal(run(&scn, strategy, opts, &plain, &err), 0);
      opts.general_loop = 1;
      assert_int_equal(run(&scn, strategy, opts, &general, &err), 0);
      assert_int_equal(general.plain_loop, 0);
      if (plain.plain_loop != plain_under(is_async, which))
        fail_msg("%s, profile %d: plain_loop %d\n%s", strategy, which, plain.plain_loop, text);
      assert_same_run(&plain, &general, text);
      declined += !plain.plain_loop;
      if (plain.plain_loop) {
        plain_runs++;
        assert_int_equal(plain.ntasks, t.ntasks);
        assert_int_equal(plain.events, t.events);
        assert_int_equal(plain.busy, t.busy);
        sim_time longest = 0, end = 0;
        for (int32_t i = 0; i < t.ntasks; i++) {
          if (t.task_work[i] > longest) longest = t.task_work[i];
          end += t.task_work[i];
          if (!is_async && plain.task_end[i] != end)
            fail_msg("sync: task %d ends at %lld, not %lld\n%s", (int)i,
                     (long long)plain.task_end[i], (long long)end, text);
        }
        if (!is_async) {
          assert_int_equal(plain.makespan, end);
          assert_int_equal(plain.switches, t.ntasks - 1);
        } else {
          assert_true(plain.makespan >= longest && plain.makespan >= t.busy);
        }
        sim_strategy *st;
        if (sim_strategy_parse(strategy, "test", &st, &err) != 0) fail_msg("%s", err.msg);
        sim_estimate est;
        sim_estimate_run(&scn, st, &est);
        sim_strategy_free(st);
        if (t.zero_cpu)
          assert_true(est.events > plain.events);
        else
          assert_int_equal(est.events, plain.events);
      }
      sim_result_free(&plain);
      sim_result_free(&general);
    }
    scn_free(&scn);
  }
  /* Both branches were taken often (270 x 2 runs, 3 of 7 profiles plain
   * for each strategy, 2 of 7 declined by async's own loop). */
  assert_true(plain_runs > 150 && declined > 150);
}

/* Runs the scenario under `strategy` through the plain loop into *r (which
 * the caller checks and frees) and again through the general loop, which
 * must make the same run. */
static void run_both(const scn_scenario *scn, const char *strategy, const char *text,
                     sim_result *r) {
  sim_result general;
  sim_error err;
  assert_int_equal(run(scn, strategy, (sim_run_opts){0}, r, &err), 0);
  assert_int_equal(r->plain_loop, 1);
  assert_int_equal(run(scn, strategy, (sim_run_opts){.general_loop = 1}, &general, &err), 0);
  assert_same_run(r, &general, text);
  sim_result_free(&general);
}

/* Twelve groups of one task, group g's steps [cpu 1s, wait (g+1)s], so a
 * task that took another group's steps (eng_group_index's search over
 * twelve first tasks) would end elsewhere. async: task g's cpu runs from g
 * to g+1 s (in file order, the worker never idle), its wait ends g+1 s
 * later: at 2g+2 s; the makespan is task 11's end, 24 s. sync: task g takes
 * g+2 s after the ones before it: ends at sum_{j<=g} (j+2) = g(g+1)/2 +
 * 2(g+1) s, 90 s for task 11. Busy 12 s, 24 events, 11 switches both. */
static void twelve_groups_by_hand(void **state) {
  (void)state;
  char text[4096];
  size_t n = (size_t)snprintf(text, sizeof text, "name: groups\ntasks:\n");
  for (int g = 0; g < 12; g++)
    n += (size_t)snprintf(text + n, sizeof text - n,
                          "  - {name: g%d, steps: [{cpu: 1s}, {wait: %ds}]}\n", g, g + 1);
  scn_scenario scn;
  load(text, &scn);
  for (int is_async = 0; is_async < 2; is_async++) {
    sim_result r;
    run_both(&scn, plain_strategies[is_async], text, &r);
    for (int g = 0; g < 12; g++) {
      sim_time end = is_async ? (2 * g + 2) * SIM_S : (g * (g + 1) / 2 + 2 * (g + 1)) * SIM_S;
      assert_int_equal(r.task_end[g], end);
    }
    assert_int_equal(r.makespan, (is_async ? 24 : 90) * SIM_S);
    assert_int_equal(r.busy, 12 * SIM_S);
    assert_int_equal(r.events, 24);
    assert_int_equal(r.switches, 11);
    sim_result_free(&r);
  }
  scn_free(&scn);
}

/* Every step zero: 3 tasks, 2 repeats of [cpu 0, wait 0, cpu 0]. A zero cpu
 * step has no event, a zero wait one (WAIT_END at the same instant, in the
 * delay-0 queue): 3 x 2 = 6 events, all at t=0; nothing is busy. sync
 * switches only between tasks: 2. async: t0, t1, t2 each start a wait (2
 * switches); t0's wait ends first and it runs its cpu 0 and the next
 * repetition's to the wait (switch 3), then t1 and t2 likewise (4, 5); their
 * waits end in the same order, each runs its last cpu 0 and ends (6, 7, 8). */
static void every_step_zero_by_hand(void **state) {
  (void)state;
  const char *text = "name: zero\ntasks:\n  - name: t\n    count: 3\n    repeat: 2\n"
                     "    steps: [{cpu: 0s}, {wait: 0s}, {cpu: 0s}]\n";
  scn_scenario scn;
  load(text, &scn);
  for (int is_async = 0; is_async < 2; is_async++) {
    sim_result r;
    run_both(&scn, plain_strategies[is_async], text, &r);
    assert_int_equal(r.events, 6);
    assert_int_equal(r.makespan, 0);
    assert_int_equal(r.busy, 0);
    assert_int_equal(r.switches, is_async ? 8 : 2);
    assert_int_equal(r.outcomes[SIM_OUTCOME_OK], 3);
    sim_result_free(&r);
  }
  scn_free(&scn);
}

/* Near the end of the clock (SIM_TIME_MAX is about 2562047788 h): a's
 * 1280000000 h of cpu then as long a wait, b's 1 us wait then 1 us of cpu,
 * 2560000000 h and 2 us in all, which the loader lets through (it refuses
 * a run longer than the clock, so the plain loop's clock check never fires
 * on a loaded scenario; it must not fire early either). async: b, queued
 * behind a, starts its wait when a's cpu ends and ends 2 us later, at
 * 1280000000 h + 2 us; a's wait ends at 2560000000 h, the makespan. sync:
 * a to its end, then b: 2560000000 h + 2 us. */
static void near_the_end_of_the_clock_by_hand(void **state) {
  (void)state;
  const char *text = "name: clock\ntasks:\n"
                     "  - {name: a, steps: [{cpu: 1280000000h}, {wait: 1280000000h}]}\n"
                     "  - {name: b, steps: [{wait: 1us}, {cpu: 1us}]}\n";
  const sim_time half = 1280000000 * SIM_H;
  scn_scenario scn;
  load(text, &scn);
  for (int is_async = 0; is_async < 2; is_async++) {
    sim_result r;
    run_both(&scn, plain_strategies[is_async], text, &r);
    assert_int_equal(r.busy, half + 1);
    assert_int_equal(r.makespan, is_async ? 2 * half : 2 * half + 2);
    assert_int_equal(r.task_end[1], is_async ? half + 2 : 2 * half + 2);
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
      cmocka_unit_test(plain_loop_on_shapes_the_first_generator_misses),
      cmocka_unit_test(twelve_groups_by_hand),
      cmocka_unit_test(every_step_zero_by_hand),
      cmocka_unit_test(near_the_end_of_the_clock_by_hand),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

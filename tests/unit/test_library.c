/* test_library.c - the shipped scenarios (the YAML files in scenarios/; docs/scenarios.md):
 * every one runs under every strategy, ends when derived (fixed durations) or
 * does the same work (random ones), keeps every invariant, and shows the
 * number its header comment promises. tests/cli/determinism.sh checks that a
 * run repeats byte for byte.
 *
 * The numbers pinned here are the ones a reader is told to look for: the dead
 * server that sync waits behind and async waits no longer than its timeout
 * for; the blocking call that stalls the loop and to_thread that un-stalls
 * it; cpu-bound work that async cannot speed up and four processes divide by
 * four; the semaphore that keeps the scraper at ten requests; a web server
 * whose response time follows queueing theory up to the knee; rq workers
 * against a stream of jobs. Exact values where the scenario has fixed
 * durations; theory within a tolerance where it is random.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "sim/run.h"

/* Every strategy, with its defaults: what CI runs each shipped scenario under. */
static const char *const all_strategies[] = {
    "sync", "async", "threads", "threads:gil=off", "processes", "processes:mode=async", "queue",
};
#define NSTRATEGIES (sizeof all_strategies / sizeof all_strategies[0])

/* --- helpers ------------------------------------------------------------------ */

/* Loads built-in `name` with up to two --set overrides (NULL: none). */
static void load(scn_scenario *scn, const char *name, const char *set1, const char *set2) {
  const char *sets[2] = {NULL, NULL};
  int nsets = 0;
  if (set1) sets[nsets++] = set1;
  if (set2) sets[nsets++] = set2;
  sim_error err = {0};
  if (scn_load(name, sets, nsets, scn, &err) != 0) fail_msg("%s", err.msg);
}

/* Runs an already loaded scenario, which must finish. */
static void run_loaded(const scn_scenario *scn, const char *strategy, int spans, sim_result *res) {
  sim_error err = {0};
  if (harness_run_loaded(scn, strategy, spans, res, &err) != 0)
    fail_msg("%s under %s: %s", scn->file, strategy, err.msg);
}

/* Loads and runs with spans (so with the invariants checked); must finish. */
static void run_builtin(run *r, const char *name, const char *set1, const char *set2,
                        const char *strategy) {
  const char *sets[2] = {NULL, NULL};
  int nsets = 0;
  if (set1) sets[nsets++] = set1;
  if (set2) sets[nsets++] = set2;
  run_sets(r, name, NULL, sets, nsets, strategy);
  if (r->rc != 0) fail_msg("%s under %s: %s", name, strategy, r->err.msg);
}

static int32_t task_named(const scn_scenario *scn, const sim_result *res, const char *name) {
  char buf[128];
  for (int32_t t = 0; t < res->ntasks; t++)
    if (sim_task_name(scn, res, t, buf, sizeof buf) >= 0 && strcmp(buf, name) == 0) return t;
  fail_msg("no task '%s' in %s", name, scn->file);
  return -1;
}

static int lane_named(const sim_result *res, const char *name) {
  for (int l = 0; l < res->nlanes; l++)
    if (strcmp(res->lanes[l].name, name) == 0) return l;
  return -1;
}

/* The most spans of `kind` open at one instant (an end at t comes before a
 * start at t, as spans are half-open). */
static int most_at_once(const sim_result *res, sim_span_kind kind) {
  size_t n = 0;
  sinv_point *pts = malloc((2 * res->nspans + 1) * sizeof *pts);
  assert_non_null(pts);
  for (size_t i = 0; i < res->nspans; i++) {
    if (res->spans[i].kind != kind) continue;
    pts[n++] = (sinv_point){res->spans[i].start, +1, 0};
    pts[n++] = (sinv_point){res->spans[i].end, -1, 0};
  }
  qsort(pts, n, sizeof *pts, sinv_cmp_point);
  int open = 0, most = 0;
  for (size_t i = 0; i < n; i++) {
    open += pts[i].delta;
    if (open > most) most = open;
  }
  free(pts);
  return most;
}

static void assert_within(double value, double expect, double rel, const char *what) {
  if (fabs(value - expect) > rel * fabs(expect))
    fail_msg("%s: %.6f is not within %.1f%% of %.6f", what, value, rel * 100, expect);
}

/* --- the whole library ---------------------------------------------------------- */

/* A scenario doubles as an example (docs/scenarios.md), so it opens with a comment on what
 * it teaches and what to look for; and the eight of docs/scenarios.md are there. */
static void every_shipped_scenario_opens_with_what_to_look_for(void **state) {
  (void)state;
  static const char *const required[] = {"chess",     "laundry",   "webpage",       "scraper",
                                         "webserver", "cpu-bound", "blocking-call", "rq-jobs"};
  for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
    if (!scn_builtin_find(required[i])) fail_msg("scenario '%s' is not built in", required[i]);
  for (size_t i = 0; i < scn_builtin_count(); i++) {
    const scn_builtin *b = scn_builtin_at(i);
    if (b->len < 2 || b->text[0] != '#') fail_msg("%s does not open with a comment", b->name);
    if (!strstr(b->text, "What to look for"))
      fail_msg("%s's header does not say what to look for", b->name);
    scn_scenario scn;
    load(&scn, b->name, NULL, NULL);
    if (scn.nstrategies < 2) fail_msg("%s lists fewer than two strategies to compare", b->name);
    assert_non_null(scn.description);
    scn_free(&scn);
  }
}

/* The makespan and busy time of the scenarios with fixed durations under every
 * strategy of all_strategies (in its order: sync, async, threads,
 * threads:gil=off, processes, processes:mode=async, queue), derived by hand.
 * Defaults: threads one per task, gil=off one core per thread, processes=4,
 * workers=4; mode=async deals task i to process i mod 4. Busy is the cpu the
 * file asks for, the same under every strategy that runs all of it. */
typedef struct {
  const char *name, *set1, *set2;
  sim_time busy, sync_busy; /* sync_busy 0: as busy */
  sim_time makespan[NSTRATEGIES];
} fixed_row;

#define MS(x)  ((sim_time)(x)*SIM_MS)
#define MIN(x) ((sim_time)(x)*SIM_MIN)
static const fixed_row fixed_rows[] = {
    /* docs/strategies.md derives every chess number: 24 x 1800 s one game
     * after another; 720 moves then the last reply; the GIL's drift; a core
     * per board, one game's 1800 s; four processes of six games each; four
     * loops of six boards, 60 s rounds; four rq workers as four processes. */
    {"chess",
     NULL,
     NULL,
     3600 * SIM_S,
     0,
     {43200 * SIM_S, 3655 * SIM_S, MS(4629420), 1800 * SIM_S, 10800 * SIM_S, 1825 * SIM_S,
      10800 * SIM_S}},
    /* 60 + 3 x 100 min alone; the shared parent's 219 (docs/strategies.md,
     * for async and the GIL alike); with a worker per task the dryer is the
     * bottleneck: 43 + 3 x 57 = 214 min (4 tasks, 4 lanes, one each). */
    {"laundry",
     NULL,
     NULL,
     MIN(90),
     0,
     {MIN(360), MIN(219), MIN(219), MIN(214), MIN(214), MIN(214), MIN(214)}},
    /* 8 x 2 s: one core for sync, async and the GIL; 8 threads on 8 cores;
     * 4 processes or workers take 2 chunks each. */
    {"cpu-bound",
     NULL,
     NULL,
     16 * SIM_S,
     0,
     {16 * SIM_S, 16 * SIM_S, 16 * SIM_S, 2 * SIM_S, 4 * SIM_S, 4 * SIM_S, 4 * SIM_S}},
    /* Sync: 4.1 s of live downloads, the ad's 3 s timeout, 5 decodes of 20 ms
     * (the ad's never runs): busy 100 ms. Everyone else starts the ad at t=0
     * (under processes it is task 3 of 4 lanes) and ends with its timeout at
     * 3 s; the rest is in by 1.76 s (process 1: logo, avatar, chart). */
    {"webpage",
     NULL,
     NULL,
     MS(100),
     0,
     {MS(7200), 3 * SIM_S, 3 * SIM_S, 3 * SIM_S, 3 * SIM_S, 3 * SIM_S, 3 * SIM_S}},
    /* Without the timeout the ad waits its whole 2 min and decodes: sync
     * 4.1 + 120 + 6 x 0.02 s; the others 120 + 0.02 s. */
    {"webpage",
     "tasks.ad.steps.0={wait: 2min, label: no answer}",
     NULL,
     MS(120),
     0,
     {MS(124220), MS(120020), MS(120020), MS(120020), MS(120020), MS(120020), MS(120020)}},
    /* A TaskGroup: sync is at the ad (logo and banner done, 1.14 s) when it
     * times out at 4.14 s and cancels the three not started: 2 decodes of
     * cpu. Everyone else has all five images by 1.76 s, before the ad's
     * timeout: nothing to cancel. */
    {"webpage",
     "return_exceptions=false",
     "cancel_on_error=true",
     MS(100),
     MS(40),
     {MS(4140), 3 * SIM_S, 3 * SIM_S, 3 * SIM_S, 3 * SIM_S, 3 * SIM_S, 3 * SIM_S}},
    /* Clients: 20 x (5 + 100) ms = 2.1 s alone; busy 5 x 20 x 5 + 2 x 10 ms.
     * Sync 5 x 2.1 + 1.02 s. Async stalls 1 s (blocking_call_stalls_...);
     * the GIL as to_thread (to_thread_fixes_the_stall); gil=off every task
     * alone: 2.1 s. Four processes or workers: clients 1-4 to 2.1 s, then
     * client 5: 4.2 s. mode=async: process 2 runs client 2 and the report,
     * whose time.sleep stalls it 15-1015 ms; client 2's round 2 starts at
     * 1025 ms, after the report's last 10 ms: 1025 + 5 + 100 + 18 x 105. */
    {"blocking-call",
     NULL,
     NULL,
     MS(520),
     0,
     {MS(11520), MS(3060), MS(2120), MS(2100), MS(4200), MS(3020), MS(4200)}},
    /* asyncio.to_thread: the loops no longer stall. Async as the GIL, 2.12 s;
     * mode=async: client 5 follows client 1 by 5 ms on process 1 and ends at
     * 2.105 s. Sync, threads and the pools never stalled a loop: unchanged. */
    {"blocking-call",
     "tasks.report.steps.1={offload: 1s}",
     NULL,
     MS(520),
     0,
     {MS(11520), MS(2120), MS(2120), MS(2100), MS(4200), MS(2105), MS(4200)}},
    /* One pool thread is enough for the one offloaded call. */
    {"blocking-call",
     "tasks.report.steps.1={offload: 1s}",
     "offload_threads=1",
     MS(520),
     0,
     {MS(11520), MS(2120), MS(2120), MS(2100), MS(4200), MS(2105), MS(4200)}},
};

/* Fixed durations: every strategy's makespan and busy time as derived. Every
 * run has spans, so harness.h also checks every invariant of invariants.h. */
static void fixed_scenarios_end_when_derived_under_every_strategy(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof fixed_rows / sizeof fixed_rows[0]; i++) {
    const fixed_row *row = &fixed_rows[i];
    for (size_t k = 0; k < NSTRATEGIES; k++) {
      run r;
      run_builtin(&r, row->name, row->set1, row->set2, all_strategies[k]);
      if (r.res.makespan != row->makespan[k])
        fail_msg("%s (%s) under %s: makespan %lld us, derived %lld us", row->name,
                 row->set1 ? row->set1 : "as shipped", all_strategies[k], (long long)r.res.makespan,
                 (long long)row->makespan[k]);
      assert_int_equal(r.res.busy, k == 0 && row->sync_busy ? row->sync_busy : row->busy);
      run_free(&r);
    }
  }
}

/* Random durations: common random numbers give every strategy the same
 * draws, so the cpu done and who timed out or failed are the sync run's
 * under every strategy (work is conserved; a timeout or failure depends on
 * the draw, not on who runs it); no strategy beats its cores (makespan x
 * cores >= busy); an open workload lasts at least until its last arrival.
 * Every run has spans, so every invariant of invariants.h is checked too. */
static void random_scenarios_do_the_same_work_under_every_strategy(void **state) {
  (void)state;
  static const char *const variants[][3] = {
      {"scraper", NULL, NULL},   {"scraper", "resources.connections=50", NULL},
      {"webserver", NULL, NULL}, {"webserver", "tasks.request.arrivals.poisson=25", NULL},
      {"rq-jobs", NULL, NULL},
  };
  for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
    run sync;
    run_builtin(&sync, variants[v][0], variants[v][1], variants[v][2], "sync");
    for (size_t k = 1; k < NSTRATEGIES; k++) {
      run r;
      run_builtin(&r, variants[v][0], variants[v][1], variants[v][2], all_strategies[k]);
      assert_int_equal(r.res.busy, sync.res.busy);
      assert_memory_equal(r.res.task_outcome, sync.res.task_outcome,
                          (size_t)r.scn.ntasks * sizeof *r.res.task_outcome);
      assert_true(r.res.makespan * r.res.cores >= r.res.busy);
      for (int32_t t = 0; t < r.scn.ntasks; t++) {
        assert_true(r.res.task_end[t] >= r.res.task_arrival[t]);
        assert_true(r.res.makespan >= r.res.task_arrival[t]);
      }
      run_free(&r);
    }
    run_free(&sync);
  }
}

/* The strategies a file lists itself are parameters of the rows above; each
 * must run, keep the invariants, and give every task one outcome. */
static void own_strategies_of_every_shipped_scenario_run(void **state) {
  (void)state;
  for (size_t i = 0; i < scn_builtin_count(); i++) {
    scn_scenario scn;
    load(&scn, scn_builtin_at(i)->name, NULL, NULL);
    for (int k = 0; k < scn.nstrategies; k++) {
      sim_result res;
      run_loaded(&scn, scn.strategies[k].text, 1, &res);
      int32_t outcomes = 0;
      for (int o = 0; o < SIM_OUTCOME_COUNT; o++) outcomes += res.outcomes[o];
      assert_int_equal(outcomes, scn.ntasks);
      sim_result_free(&res);
    }
    scn_free(&scn);
  }
}

/* --- webpage ------------------------------------------------------------------- */

#define WEBPAGE_TIMEOUT (3 * SIM_S)

/* The slowest image that did arrive, from the run itself. */
static sim_time slowest_live_end(const sim_result *res) {
  sim_time slowest = 0;
  for (int32_t t = 0; t < res->ntasks; t++)
    if (res->task_outcome[t] == SIM_OUTCOME_OK && res->task_end[t] > slowest)
      slowest = res->task_end[t];
  return slowest;
}

static void webpage_async_ends_at_max_of_slowest_live_server_and_timeout(void **state) {
  (void)state;
  static const char *const concurrent[] = {"async", "threads"};
  for (size_t k = 0; k < 2; k++) {
    run r;
    run_builtin(&r, "webpage", NULL, NULL, concurrent[k]);
    sim_time slowest = slowest_live_end(&r.res);
    assert_int_equal(slowest, 1520 * SIM_MS); /* the photo: 1.5 s + 20 ms decode */
    assert_int_equal(r.res.makespan, slowest > WEBPAGE_TIMEOUT ? slowest : WEBPAGE_TIMEOUT);
    assert_int_equal(r.res.makespan, 3 * SIM_S);
    /* Exactly one image failed to load: the ad, by its timeout, at 3 s. */
    assert_int_equal(r.res.outcomes[SIM_OUTCOME_OK], 5);
    assert_int_equal(r.res.outcomes[SIM_OUTCOME_TIMEOUT], 1);
    int32_t ad = task_named(&r.scn, &r.res, "ad");
    assert_int_equal(r.res.task_outcome[ad], SIM_OUTCOME_TIMEOUT);
    assert_int_equal(r.res.task_end[ad], WEBPAGE_TIMEOUT);
    run_free(&r);
  }
}

/* Sync fetches in file order, so the photo, avatar and chart wait behind the
 * ad's whole 3 s timeout: 4.1 s of live downloads + 5 decodes + 3 s. */
static void webpage_sync_waits_behind_the_dead_server(void **state) {
  (void)state;
  run r;
  run_builtin(&r, "webpage", NULL, NULL, "sync");
  assert_int_equal(r.res.makespan, 7200 * SIM_MS);
  int32_t ad = task_named(&r.scn, &r.res, "ad"), photo = task_named(&r.scn, &r.res, "photo");
  assert_int_equal(r.res.task_end[ad], 4140 * SIM_MS);
  assert_int_equal(r.res.task_end[photo], 5660 * SIM_MS); /* asked only after the ad gave up */
  const sim_span *ad_wait = NULL;
  for (size_t i = 0; i < r.res.nspans; i++)
    if (r.res.spans[i].task == ad && r.res.spans[i].kind == SIM_SPAN_WAIT)
      ad_wait = &r.res.spans[i];
  assert_non_null(ad_wait);
  assert_int_equal(ad_wait->start, 1140 * SIM_MS);
  assert_int_equal(ad_wait->end - ad_wait->start, WEBPAGE_TIMEOUT);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_TIMEOUT], 1);
  run_free(&r);
}

/* Without the timeout nobody is saved: sync hangs the dead server's full
 * 2 min plus the rest, and async hangs 2 min too (plus the ad's decode). */
static void webpage_without_timeout_hangs_for_the_full_wait(void **state) {
  (void)state;
  const char *no_timeout = "tasks.ad.steps.0={wait: 2min, label: no answer}";
  run r;
  run_builtin(&r, "webpage", no_timeout, NULL, "sync");
  assert_int_equal(r.res.makespan, 124220 * SIM_MS);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_OK], 6);
  run_free(&r);
  run_builtin(&r, "webpage", no_timeout, NULL, "async");
  assert_int_equal(r.res.makespan, 120020 * SIM_MS);
  run_free(&r);
  /* The file's own first row: code written without wait_for (timeouts=off)
   * is the same as removing the timeout. */
  run_builtin(&r, "webpage", NULL, NULL, "sync:timeouts=off");
  assert_int_equal(r.res.makespan, 124220 * SIM_MS);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_OK], 6);
  run_free(&r);
  run_builtin(&r, "webpage", NULL, NULL, "async:timeouts=off");
  assert_int_equal(r.res.makespan, 120020 * SIM_MS);
  run_free(&r);
}

/* A TaskGroup (return_exceptions false, cancel_on_error): under sync the
 * ad's timeout cancels the three images not yet fetched; under async they
 * are all in already, so nothing changes. */
static void webpage_task_group_cancels_what_sync_had_not_fetched(void **state) {
  (void)state;
  run r;
  run_builtin(&r, "webpage", "return_exceptions=false", "cancel_on_error=true", "sync");
  assert_int_equal(r.res.makespan, 4140 * SIM_MS);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_OK], 2);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_TIMEOUT], 1);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_CANCELLED], 3);
  run_free(&r);
  run_builtin(&r, "webpage", "return_exceptions=false", "cancel_on_error=true", "async");
  assert_int_equal(r.res.makespan, 3 * SIM_S);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_CANCELLED], 0);
  run_free(&r);
}

/* --- blocking-call ------------------------------------------------------------- */

#define OFFLOAD_FIX "tasks.report.steps.1={offload: 1s, label: asyncio.to_thread}"

/* The report's time.sleep(1) starts at 35 ms (after five 5 ms messages and its
 * own 10 ms) and holds the loop until 1.035 s: one stall span on the loop's
 * row, every client 0.94 s late and 0.94 s more READY. */
static void blocking_call_stalls_every_task_under_async(void **state) {
  (void)state;
  run r;
  run_builtin(&r, "blocking-call", NULL, NULL, "async");
  assert_int_equal(r.res.makespan, 3060 * SIM_MS);
  int32_t report = task_named(&r.scn, &r.res, "report");
  assert_int_equal(r.res.task_end[report], 1045 * SIM_MS);
  int lane = lane_named(&r.res, "event loop");
  assert_true(lane >= 0);
  int stalls = 0;
  for (size_t i = 0; i < r.res.nspans; i++) {
    const sim_span *s = &r.res.spans[i];
    if (s->kind != SIM_SPAN_STALL) continue;
    stalls++;
    assert_int_equal(s->lane, lane);
    assert_int_equal(s->task, report);
    assert_int_equal(s->start, 35 * SIM_MS);
    assert_int_equal(s->end, 1035 * SIM_MS);
  }
  assert_int_equal(stalls, 1);
  for (int32_t k = 0; k < 5; k++) {
    assert_int_equal(r.res.task_ready[k], 940 * SIM_MS + k * 5 * SIM_MS);
    assert_int_equal(r.res.task_end[k], 3040 * SIM_MS + k * 5 * SIM_MS);
  }
  run_free(&r);
}

/* asyncio.to_thread: the same call on the pool, and the loop runs on. The
 * clients end as if the report cost nothing (as under threads); only their
 * first message's wait for the loop at t=0 is left as ready time. */
static void to_thread_fixes_the_stall(void **state) {
  (void)state;
  static const char *const fixed[][2] = {{"async", OFFLOAD_FIX}, {"threads", NULL}};
  for (size_t v = 0; v < 2; v++) {
    run r;
    run_builtin(&r, "blocking-call", fixed[v][1], NULL, fixed[v][0]);
    assert_int_equal(r.res.makespan, 2120 * SIM_MS);
    assert_int_equal(r.res.task_end[task_named(&r.scn, &r.res, "report")], 1045 * SIM_MS);
    for (int32_t k = 0; k < 5; k++) {
      assert_int_equal(r.res.task_ready[k], k * 5 * SIM_MS);
      assert_int_equal(r.res.task_end[k], 2100 * SIM_MS + k * 5 * SIM_MS);
    }
    for (size_t i = 0; i < r.res.nspans; i++)
      assert_int_not_equal(r.res.spans[i].kind, SIM_SPAN_STALL);
    run_free(&r);
  }
}

static void blocking_call_under_sync_is_just_sequential(void **state) {
  (void)state;
  run r;
  run_builtin(&r, "blocking-call", NULL, NULL, "sync");
  assert_int_equal(r.res.makespan, 11520 * SIM_MS); /* 5 x 20 x 105 ms + 1.02 s */
  run_free(&r);
}

/* --- cpu-bound ----------------------------------------------------------------- */

/* Nothing waits, so the event loop has nothing to overlap: async == sync to
 * the microsecond, and so does the GIL. Four processes on four cores divide
 * the work exactly by four; so does free-threaded Python on four cores. */
static void cpu_bound_async_gains_nothing_and_processes_divide_by_four(void **state) {
  (void)state;
  static const struct {
    const char *strategy;
    int divide_by;
  } rows[] = {
      {"async", 1}, {"threads", 1}, {"processes:processes=4", 4}, {"threads:gil=off,cores=4", 4}};
  run sync;
  run_builtin(&sync, "cpu-bound", NULL, NULL, "sync");
  assert_int_equal(sync.res.makespan, 16 * SIM_S);
  assert_int_equal(sync.res.busy, 16 * SIM_S);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    run r;
    run_builtin(&r, "cpu-bound", NULL, NULL, rows[i].strategy);
    assert_int_equal(r.res.makespan * rows[i].divide_by, sync.res.makespan);
    assert_int_equal(r.res.busy, sync.res.busy);
    run_free(&r);
  }
  run_free(&sync);
}

/* --- scraper --------------------------------------------------------------------- */

/* asyncio.Semaphore(10): never more than 10 downloads in flight, under any
 * strategy; the concurrent ones reach the limit. */
static void scraper_never_has_more_than_ten_requests_in_flight(void **state) {
  (void)state;
  for (size_t k = 0; k < NSTRATEGIES; k++) {
    run r;
    run_builtin(&r, "scraper", NULL, NULL, all_strategies[k]);
    int most = most_at_once(&r.res, SIM_SPAN_WAIT);
    if (most > 10) fail_msg("%s: %d downloads at once", all_strategies[k], most);
    if (strcmp(all_strategies[k], "async") == 0) assert_int_equal(most, 10);
    if (strcmp(all_strategies[k], "sync") == 0) assert_int_equal(most, 1);
    run_free(&r);
  }
}

/* Common random numbers: every strategy sees the same 200 latencies, so the
 * same downloads time out and sync's makespan is the same sum of them. */
static void scraper_strategies_see_the_same_timeouts(void **state) {
  (void)state;
  run s, a;
  run_builtin(&s, "scraper", NULL, NULL, "sync");
  run_builtin(&a, "scraper", NULL, NULL, "async");
  assert_memory_equal(s.res.task_outcome, a.res.task_outcome, 200);
  assert_true(s.res.outcomes[SIM_OUTCOME_TIMEOUT] >= 1); /* the lognormal tail */
  sim_time waited = 0;
  for (size_t i = 0; i < s.res.nspans; i++)
    if (s.res.spans[i].kind == SIM_SPAN_WAIT) waited += s.res.spans[i].end - s.res.spans[i].start;
  assert_int_equal(s.res.makespan, waited + s.res.busy); /* sync: nothing overlaps */
  /* Ten at a time: async within 20% of a tenth of sync's waiting. */
  assert_within(sim_time_seconds(a.res.makespan), sim_time_seconds(waited) / 10, 0.2,
                "async scraper makespan");
  run_free(&s);
  run_free(&a);
}

/* --- webserver ------------------------------------------------------------------- */

/* The mean response time of the web server at `rate` requests/s, over `count`
 * requests (no spans: 200000 requests). */
static double webserver_response(const char *strategy, int rate, int count) {
  char set_rate[80], set_count[80];
  snprintf(set_rate, sizeof set_rate, "tasks.request.arrivals.poisson=%d", rate);
  snprintf(set_count, sizeof set_count, "tasks.request.count=%d", count);
  scn_scenario scn;
  load(&scn, "webserver", set_rate, set_count);
  sim_result res;
  run_loaded(&scn, strategy, 0, &res);
  double mean = res.response.mean;
  sim_result_free(&res);
  scn_free(&scn);
  return mean;
}

/* Each request: cpu ~ exp(5 ms), then a database wait ~ exp(45 ms). Async is
 * busy only for the cpu, an M/M/1 queue with mu = 200/s followed by the wait:
 * W = 1/(mu - lambda) + 45 ms. Sync holds the worker for both: M/G/1 with
 * E[S] = 50 ms, E[S^2] = 2 x 25 + 2 x 2025 + 2 x 5 x 45 = 4550 ms^2
 * (Pollaczek-Khinchine: W = E[S] + lambda E[S^2] / (2 (1 - rho))). */
static void webserver_response_grows_as_load_nears_capacity(void **state) {
  (void)state;
  const int n = 200000;
  /* rho 0.5, 0.8, 0.95 of each strategy's own capacity (200/s, 20/s). */
  static const int async_rates[] = {100, 160, 190}, sync_rates[] = {10, 16, 19};
  double async_w[3], sync_w[3];
  for (int i = 0; i < 3; i++) {
    async_w[i] = webserver_response("async", async_rates[i], n);
    sync_w[i] = webserver_response("sync", sync_rates[i], n);
    if (i > 0) {
      assert_true(async_w[i] > async_w[i - 1]);
      assert_true(sync_w[i] > sync_w[i - 1]);
    }
  }
  assert_within(async_w[1], 1.0 / (200 - 160) + 0.045, 0.05, "async at rho 0.8 vs M/M/1");
  assert_within(sync_w[1], 0.050 + 16 * 0.004550 / (2 * (1 - 0.8)), 0.05,
                "sync at rho 0.8 vs Pollaczek-Khinchine");
  /* The knee: from 0.8 to 0.95 the queueing part grows about fourfold. */
  assert_true(async_w[2] - 0.045 > 3 * (async_w[1] - 0.045));
}

/* At the file's 16 requests/s: sync is at 80% of its capacity, async at 8%:
 * sync's mean response is over four times async's, and async's is little
 * more than the request itself (5 + 45 ms). */
static void webserver_file_load_separates_sync_from_async(void **state) {
  (void)state;
  run s, a;
  run_builtin(&s, "webserver", NULL, NULL, "sync");
  run_builtin(&a, "webserver", NULL, NULL, "async");
  assert_true(s.scn.groups[0].arrivals.kind == SCN_ARRIVE_POISSON);
  assert_true(s.res.open && a.res.open);
  assert_true(s.res.response.mean > 4 * a.res.response.mean);
  assert_within(a.res.response.mean, 0.050, 0.1, "async response at 16/s");
  /* The same arrivals for both: an open workload's makespan is the arrivals'. */
  assert_memory_equal(s.res.task_arrival, a.res.task_arrival,
                      (size_t)s.scn.ntasks * sizeof *s.res.task_arrival);
  run_free(&s);
  run_free(&a);
}

/* --- rq-jobs ----------------------------------------------------------------------- */

/* More rq workers, shorter response; two are overloaded (load 1.2) and their
 * response is several times the job; the same jobs fail whoever runs them. */
static void rq_jobs_more_workers_shorter_response(void **state) {
  (void)state;
  static const char *const workers[] = {"sync", "queue:workers=2,latency=2ms",
                                        "queue:workers=3,latency=2ms",
                                        "queue:workers=8,latency=2ms"};
  double prev = HUGE_VAL;
  run first;
  run_builtin(&first, "rq-jobs", NULL, NULL, workers[0]);
  for (size_t i = 0; i < 4; i++) {
    run r;
    run_builtin(&r, "rq-jobs", NULL, NULL, workers[i]);
    assert_true(r.res.response.mean < prev);
    prev = r.res.response.mean;
    assert_true(r.res.outcomes[SIM_OUTCOME_FAILED] > 0);
    assert_memory_equal(r.res.task_outcome, first.res.task_outcome, (size_t)r.scn.ntasks);
    if (i == 1) assert_true(r.res.response.mean > 5 * 0.6);
    if (i == 3) assert_within(r.res.response.mean, 0.6 + 0.002, 0.05, "8 workers: the job itself");
    run_free(&r);
  }
  run_free(&first);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_shipped_scenario_opens_with_what_to_look_for),
      cmocka_unit_test(fixed_scenarios_end_when_derived_under_every_strategy),
      cmocka_unit_test(random_scenarios_do_the_same_work_under_every_strategy),
      cmocka_unit_test(own_strategies_of_every_shipped_scenario_run),
      cmocka_unit_test(webpage_async_ends_at_max_of_slowest_live_server_and_timeout),
      cmocka_unit_test(webpage_sync_waits_behind_the_dead_server),
      cmocka_unit_test(webpage_without_timeout_hangs_for_the_full_wait),
      cmocka_unit_test(webpage_task_group_cancels_what_sync_had_not_fetched),
      cmocka_unit_test(blocking_call_stalls_every_task_under_async),
      cmocka_unit_test(to_thread_fixes_the_stall),
      cmocka_unit_test(blocking_call_under_sync_is_just_sequential),
      cmocka_unit_test(cpu_bound_async_gains_nothing_and_processes_divide_by_four),
      cmocka_unit_test(scraper_never_has_more_than_ten_requests_in_flight),
      cmocka_unit_test(scraper_strategies_see_the_same_timeouts),
      cmocka_unit_test(webserver_response_grows_as_load_nears_capacity),
      cmocka_unit_test(webserver_file_load_separates_sync_from_async),
      cmocka_unit_test(rq_jobs_more_workers_shorter_response),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

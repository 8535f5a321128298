/* test_explain.c - the critical path, the bottleneck, the lints and the
 * what-if of sim/explain.h, on the shipped scenarios. Every number is derived
 * by hand in the comment above its test (docs/explain.md does the laundry). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "sim/explain.h"

#define S(x)  ((sim_time)(x)*SIM_S)
#define MS(x) ((sim_time)(x)*SIM_MS)

static const char *const all_strategies[] = {
    "sync", "async", "threads", "threads:gil=off", "processes", "processes:mode=async", "queue",
};
#define NSTRATEGIES (sizeof all_strategies / sizeof all_strategies[0])

typedef struct explained {
  run r;
  exp_explain ex;
} explained;

static void explain_with(explained *e, const char *name, const char *set, const char *strategy,
                         const exp_thresholds *th) {
  run_set(&e->r, name, NULL, set, strategy);
  if (e->r.rc != 0) fail_msg("%s under %s: %s", name, strategy, e->r.err.msg);
  sim_error err = {0};
  if (exp_explain_run(&e->r.scn, &e->r.res, th, &e->ex, &err) != 0) fail_msg("%s", err.msg);
}

static void explain(explained *e, const char *name, const char *set, const char *strategy) {
  explain_with(e, name, set, strategy, NULL);
}

static void explained_free(explained *e) {
  exp_explain_free(&e->ex);
  run_free(&e->r);
}

static const exp_lint *lint(const exp_explain *ex, const char *code) {
  for (int i = 0; i < ex->nlints; i++)
    if (strcmp(ex->lints[i].code, code) == 0) return &ex->lints[i];
  return NULL;
}

/* The path's kinds sum to the makespan, its links touch end to start from
 * t=0 (or the first arrival) to the makespan, and the critical flags mark
 * exactly its spans. */
static void assert_path_whole(const explained *e) {
  const sim_result *r = &e->r.res;
  sim_time sum = 0;
  for (int k = 0; k < EXP_PATH_KIND_COUNT; k++) sum += e->ex.path[k];
  if (sum != r->makespan)
    fail_msg("%s under %s: path sums to %lld us, makespan %lld us", e->r.scn.file, r->strategy,
             (long long)sum, (long long)r->makespan);
  size_t flagged = 0;
  for (size_t i = 0; i < r->nspans; i++) flagged += e->ex.critical[i];
  assert_int_equal(flagged, e->ex.npath);
  for (size_t k = 1; k < e->ex.npath; k++)
    assert_int_equal(r->spans[e->ex.path_spans[k - 1]].end, r->spans[e->ex.path_spans[k]].start);
  if (e->ex.npath) assert_int_equal(r->spans[e->ex.path_spans[e->ex.npath - 1]].end, r->makespan);
}

/* --- the pins ----------------------------------------------------------- */

/* Chess, async: a round of 24 moves takes the master 120 s, more than a
 * board's 60 s (5 s move + 55 s reply), so she never idles: 720 moves x 5 s
 * = 3600 s, and board 24's last reply lands 55 s after her last move, at
 * 3655 s. Walking back from it: the reply, the move before it, and before
 * each move the previous board's move that kept the master busy - back to
 * board 1's first move at t=0. 3600 s of cpu + 55 s of wait; `worker`. */
static void chess_async_is_worker_bound(void **state) {
  (void)state;
  explained e;
  explain(&e, "chess", NULL, "async");
  assert_path_whole(&e);
  assert_int_equal(e.r.res.makespan, S(3655));
  assert_int_equal(e.ex.path[SIM_SPAN_CPU], S(3600));
  assert_int_equal(e.ex.path[SIM_SPAN_WAIT], S(55));
  assert_string_equal(e.ex.bottleneck, "worker");
  assert_non_null(strstr(e.ex.sentence, "the master is busy 98.5% of the run"));
  /* Every board added costs her 30 moves x 5 s = 2min30s. */
  assert_non_null(strstr(e.ex.sentence, "every board added costs 2min30s"));
  assert_null(lint(&e.ex, "idle-worker")); /* she idles only the last 55 s */
  explained_free(&e);
}

/* Chess, sync: one board after another, 24 x 30 x (5 + 55) s = 43200 s;
 * the path is every move and every reply: 720 x 5 = 3600 s of cpu and 720 x
 * 55 = 39600 s of wait, so `world`. The master idles through the replies of
 * boards 1-23 while later boards are untouched: 23 x 30 x 55 s = 37950 s,
 * 87.8% of the run, over the 50% of idle-worker. */
static void chess_sync_is_world_bound_with_an_idle_worker(void **state) {
  (void)state;
  explained e;
  explain(&e, "chess", NULL, "sync");
  assert_path_whole(&e);
  assert_int_equal(e.ex.path[SIM_SPAN_CPU], S(3600));
  assert_int_equal(e.ex.path[SIM_SPAN_WAIT], S(39600));
  assert_string_equal(e.ex.bottleneck, "world");
  assert_non_null(strstr(e.ex.sentence, "'opponent thinks'"));
  const exp_lint *l = lint(&e.ex, "idle-worker");
  assert_non_null(l);
  assert_non_null(strstr(l->message, "10h32min30s (87.8% of the run)"));
  explained_free(&e);
}

/* Chess with 6 boards, async: a round is 6 x 5 = 30 s of moves, less than a
 * board's 60 s, so every board plays at its own pace: board 6 first moves
 * at 25 s (after boards 1-5), then 30 x (5 + 55) s: it ends at 25 + 1800 =
 * 1825 s. Path: boards 1-5's first moves (25 s) and board 6's 30 moves (150 s)
 * = 175 s of cpu, its 30 replies = 1650 s of wait: `world`. */
static void chess_six_boards_async_is_world_bound(void **state) {
  (void)state;
  explained e;
  explain(&e, "chess", "tasks.board.count=6", "async");
  assert_path_whole(&e);
  assert_int_equal(e.r.res.makespan, S(1825));
  assert_int_equal(e.ex.path[SIM_SPAN_CPU], S(175));
  assert_int_equal(e.ex.path[SIM_SPAN_WAIT], S(1650));
  assert_string_equal(e.ex.bottleneck, "world");
  assert_non_null(strstr(e.ex.sentence, "the waits already overlap"));
  explained_free(&e);
}

/* Blocking call, async: the 5 clients' first 5 ms messages (0-25 ms), the
 * report's 10 ms query (25-35 ms), then requests.get holds the loop 1 s
 * (35 ms - 1.035 s) while every client, its 100 ms wait over by 125 ms,
 * is ready: a loop-stall at 35 ms, 1 s > 100 ms. With the threshold at 2 s
 * there is none. */
static void blocking_call_async_stalls_the_loop(void **state) {
  (void)state;
  explained e;
  explain(&e, "blocking-call", NULL, "async");
  assert_path_whole(&e);
  const exp_lint *l = lint(&e.ex, "loop-stall");
  assert_non_null(l);
  assert_int_equal(l->at, MS(35));
  assert_int_equal(l->task, 5); /* clients 0-4, then the report */
  assert_non_null(strstr(l->message, "'requests.get(url) - blocks the loop'"));
  assert_non_null(strstr(l->message, "5 other tasks are ready"));
  /* The stall is on the path: the loop's 1 s counts as stall, not wait. */
  assert_int_equal(e.ex.path[SIM_SPAN_STALL], S(1));
  explained_free(&e);

  exp_thresholds th;
  exp_thresholds_default(&th);
  sim_error err;
  assert_int_equal(exp_thresholds_set(&th, "loop_stall=2s", &err), 0);
  explain_with(&e, "blocking-call", NULL, "async", &th);
  assert_null(lint(&e.ex, "loop-stall"));
  explained_free(&e);

  /* Threads do not stall anyone: no loop to hold. */
  explain(&e, "blocking-call", NULL, "threads");
  assert_null(lint(&e.ex, "loop-stall"));
  explained_free(&e);
}

/* Web page, async: ads.example never answers (2 min), wait_for cuts it at
 * 3 s; the ad's task stops there, the last to end: makespan 3 s, path the
 * one 3 s wait, a timeout lint at 3 s on 'ad' (task 2). */
static void webpage_times_out(void **state) {
  (void)state;
  explained e;
  explain(&e, "webpage", NULL, "async");
  assert_path_whole(&e);
  assert_int_equal(e.ex.path[SIM_SPAN_WAIT], S(3));
  const exp_lint *l = lint(&e.ex, "timeout");
  assert_non_null(l);
  assert_int_equal(l->at, S(3));
  assert_int_equal(l->task, 2);
  assert_non_null(strstr(l->message, "'download from ads.example (never answers)'"));
  explained_free(&e);
  /* Without wait_for nothing times out. */
  explain(&e, "webpage", NULL, "sync:timeouts=off");
  assert_null(lint(&e.ex, "timeout"));
  explained_free(&e);
}

/* CPU-bound, threads: 8 x 2 s of cpu under one GIL take 16 s, as sync's 8 x
 * 2 s do: a 1.00x gain, under 1.1x, and the threads queue for the GIL:
 * gil-bound, bottleneck gil. Without the GIL, none. */
static void cpu_bound_threads_are_gil_bound(void **state) {
  (void)state;
  explained e;
  explain(&e, "cpu-bound", NULL, "threads");
  assert_path_whole(&e);
  const exp_lint *l = lint(&e.ex, "gil-bound");
  assert_non_null(l);
  assert_non_null(strstr(l->message, "1.00x over sync"));
  assert_string_equal(e.ex.bottleneck, "gil");
  explained_free(&e);
  explain(&e, "cpu-bound", NULL, "threads:gil=off");
  assert_null(lint(&e.ex, "gil-bound"));
  assert_string_equal(e.ex.bottleneck, "worker");
  explained_free(&e);
}

/* Laundry, async (docs/explain.md walks it): the checklist's first item
 * (0-5 min), load 1 loads the washer (5-8), washes (8-48), moves to the dryer
 * (48-50), dries (50-100), folds (100-105) and hands the dryer to load 2,
 * which moves (105-107), dries (107-157), folds (157-162) and hands it to
 * load 3: move (162-164), dry (164-214), fold (214-219 = 3:39:00). cpu 5 + 3
 * + 3 x (2 + 5) = 29 min, wait 40 + 3 x 50 = 190 min; the dryer is held
 * 3 x 57 = 171 min of it, 78.1%, across 2 hand-offs: resource:dryer. */
static void laundry_async_waits_for_the_dryer(void **state) {
  (void)state;
  explained e;
  explain(&e, "laundry", NULL, "async");
  assert_path_whole(&e);
  assert_int_equal(e.ex.path[SIM_SPAN_CPU], 29 * SIM_MIN);
  assert_int_equal(e.ex.path[SIM_SPAN_WAIT], 190 * SIM_MIN);
  assert_int_equal(e.ex.npath, 12);
  assert_string_equal(e.ex.bottleneck, "resource:dryer");
  assert_non_null(strstr(e.ex.sentence, "handed on 2 times"));
  assert_non_null(strstr(e.ex.sentence, "2h51min (78.1%)"));
  explained_free(&e);
}

/* Chess, async: every move is 5 s of cpu on the loop without an await, over
 * never_yields' 1 s: one never-yields lint for 'master moves', first at t=0 on
 * board 1, folded over all 720 moves; the master is busy 3600 / 3655 = 98.5%,
 * over saturated's 95%. Under sync (8.3% busy) neither: sync is no loop. */
static void chess_async_never_yields_and_is_saturated(void **state) {
  (void)state;
  explained e;
  explain(&e, "chess", NULL, "async");
  const exp_lint *l = lint(&e.ex, "never-yields");
  assert_non_null(l);
  assert_int_equal(l->at, 0);
  assert_int_equal(l->task, 0);
  assert_int_equal(l->count, 720);
  l = lint(&e.ex, "saturated");
  assert_non_null(l);
  assert_non_null(strstr(l->message, "the master is busy 98.5% of the run"));
  explained_free(&e);
  explain(&e, "chess", NULL, "sync");
  assert_null(lint(&e.ex, "never-yields"));
  assert_null(lint(&e.ex, "saturated"));
  explained_free(&e);
}

/* Chess on a Pool of 4 processes: boards 1-4 take a process each for their
 * whole 30 x 60 s = 1800 s game; board 5 waits ready from 0 to 1800 s, 12x
 * its own 30 x 5 = 150 s of cpu, over starved's 10x - as do boards 6-24
 * (longer still): one lint, first at t=0 on board 5, 20 times. */
static void chess_processes_starve_the_later_boards(void **state) {
  (void)state;
  explained e;
  explain(&e, "chess", NULL, "processes");
  const exp_lint *l = lint(&e.ex, "starved");
  assert_non_null(l);
  assert_int_equal(l->task, 4);
  assert_int_equal(l->at, 0);
  assert_int_equal(l->count, 20);
  assert_non_null(strstr(l->message, "waits 30min ready for a worker, 12x its own 2min30s"));
  explained_free(&e);
}

/* Two tasks take turns on one lock, each holding it for its 1 s wait: the
 * lock is in use 2 s of the 2 s run, 100%: saturated. The second's wait
 * begins when the first releases, so the path is both waits, with one
 * hand-off of the lock: resource:lock. */
static void a_lock_in_use_all_run_is_saturated(void **state) {
  (void)state;
  static const char yaml[] = "name: lock\n"
                             "resources: {lock: 1}\n"
                             "tasks:\n"
                             "  - name: user\n"
                             "    count: 2\n"
                             "    steps:\n"
                             "      - acquire: lock\n"
                             "      - {wait: 1s, label: hold}\n"
                             "      - release: lock\n";
  explained e;
  run_text(&e.r, NULL, yaml, "async");
  sim_error err;
  assert_int_equal(exp_explain_run(&e.r.scn, &e.r.res, NULL, &e.ex, &err), 0);
  assert_path_whole(&e);
  assert_int_equal(e.ex.path[SIM_SPAN_WAIT], S(2));
  assert_string_equal(e.ex.bottleneck, "resource:lock");
  const exp_lint *l = lint(&e.ex, "saturated");
  assert_non_null(l);
  assert_non_null(strstr(l->message, "the lock (capacity 1) is in use 100.0% of the run"));
  explained_free(&e);
}

/* Every shipped scenario under every strategy: the path is whole, and every
 * link is explained by a span (no "other" time). */
static void every_path_sums_to_the_makespan(void **state) {
  (void)state;
  for (size_t b = 0; b < scn_builtin_count(); b++)
    for (size_t s = 0; s < NSTRATEGIES; s++) {
      explained e;
      explain(&e, scn_builtin_at(b)->name, NULL, all_strategies[s]);
      assert_path_whole(&e);
      if (e.ex.path[EXP_PATH_OTHER] != 0)
        fail_msg("%s under %s: %lld us unexplained", scn_builtin_at(b)->name, all_strategies[s],
                 (long long)e.ex.path[EXP_PATH_OTHER]);
      assert_true(e.ex.bottleneck[0] && e.ex.sentence[0]);
      explained_free(&e);
    }
}

/* An open workload's path starts at its task's arrival: the time before is
 * `arrival`. */
static void open_workload_path_starts_at_an_arrival(void **state) {
  (void)state;
  explained e;
  explain(&e, "webserver", NULL, "async");
  assert_path_whole(&e);
  const sim_span *first = &e.r.res.spans[e.ex.path_spans[0]];
  assert_int_equal(e.ex.path[EXP_PATH_ARRIVAL], e.r.res.task_arrival[first->task]);
  assert_true(e.ex.path[EXP_PATH_ARRIVAL] > S(100));
  assert_string_equal(e.ex.bottleneck, "arrivals");
  explained_free(&e);
}

/* --- what-if ---------------------------------------------------------------------- */

static sim_time makespan_with(const char *what_if, const char *strategy) {
  scn_scenario scn;
  sim_error err;
  if (scn_load("chess", NULL, 0, &scn, &err) != 0) fail_msg("%s", err.msg);
  exp_what_if wi;
  int matched, by_group;
  assert_int_equal(exp_what_if_parse(what_if, &wi, &err), 0);
  assert_int_equal(exp_what_if_apply(&scn, &wi, &matched, &by_group, &err), 0);
  assert_int_equal(matched, 1);
  sim_result res;
  assert_int_equal(harness_run_loaded(&scn, strategy, 0, &res, &err), 0);
  sim_time m = res.makespan;
  sim_result_free(&res);
  scn_free(&scn);
  return m;
}

/* 'master moves=-50%': 2.5 s moves. Async: a round is 24 x 2.5 = 60 s, a
 * board's turn 2.5 + 55 = 57.5 s, so the master still never idles: 720 x
 * 2.5 = 1800 s + the last reply's 55 = 1855 s (from 3655: -1800 s, -49.2%).
 * Sync: 720 x 57.5 = 41400 s (from 43200: the same -1800 s, -4.2%). The
 * group form 'board=-50%' scales board's only cpu step: the same. */
static void what_if_halves_the_moves(void **state) {
  (void)state;
  assert_int_equal(makespan_with("master moves=-50%", "async"), S(1855));
  assert_int_equal(makespan_with("master moves=-50%", "sync"), S(41400));
  assert_int_equal(makespan_with("board=-50%", "async"), S(1855));
  /* +100%: 10 s moves, 240 s rounds: 7200 + 55. */
  assert_int_equal(makespan_with("master moves=+100%", "async"), S(7255));
}

static void what_if_rejects_bad_input(void **state) {
  (void)state;
  exp_what_if wi;
  sim_error err;
  assert_int_equal(exp_what_if_parse("master moves=50", &wi, &err), SIM_EINPUT);
  assert_int_equal(exp_what_if_parse("=-50%", &wi, &err), SIM_EINPUT);
  assert_int_equal(exp_what_if_parse("x=-150%", &wi, &err), SIM_EINPUT);
  assert_int_equal(exp_what_if_parse("x=-50%%", &wi, &err), SIM_EINPUT);
  scn_scenario scn;
  assert_int_equal(scn_load("chess", NULL, 0, &scn, &err), 0);
  assert_int_equal(exp_what_if_parse("nobody=-50%", &wi, &err), 0);
  int matched, by_group;
  assert_int_equal(exp_what_if_apply(&scn, &wi, &matched, &by_group, &err), SIM_EINPUT);
  assert_non_null(strstr(err.msg, "'board', 'master moves', 'opponent thinks'"));
  scn_free(&scn);
}

static void thresholds_parse_and_reject(void **state) {
  (void)state;
  exp_thresholds th;
  exp_thresholds_default(&th);
  sim_error err;
  assert_int_equal(th.loop_stall, MS(100));
  assert_int_equal(exp_thresholds_set(&th, "never_yields=250ms", &err), 0);
  assert_int_equal(th.never_yields, MS(250));
  assert_int_equal(exp_thresholds_set(&th, "saturated=0.9", &err), 0);
  assert_true(th.saturated == 0.9);
  assert_int_equal(exp_thresholds_set(&th, "saturated=2", &err), SIM_EINPUT);
  assert_int_equal(exp_thresholds_set(&th, "loop_stall=fast", &err), SIM_EINPUT);
  assert_int_equal(exp_thresholds_set(&th, "loop_stall=0s", &err), SIM_EINPUT);
  assert_int_equal(exp_thresholds_set(&th, "nosuch=1", &err), SIM_EINPUT);
  assert_non_null(strstr(err.msg, "unknown threshold 'nosuch'"));
}

/* The same run explained twice says the same thing, byte for byte. */
static void explanations_are_deterministic(void **state) {
  (void)state;
  explained a, b;
  explain(&a, "scraper", NULL, "async");
  explain(&b, "scraper", NULL, "async");
  assert_int_equal(a.ex.npath, b.ex.npath);
  assert_memory_equal(a.ex.path_spans, b.ex.path_spans, a.ex.npath * sizeof *a.ex.path_spans);
  assert_string_equal(a.ex.sentence, b.ex.sentence);
  assert_int_equal(a.ex.nlints, b.ex.nlints);
  for (int i = 0; i < a.ex.nlints; i++)
    assert_string_equal(a.ex.lints[i].message, b.ex.lints[i].message);
  explained_free(&a);
  explained_free(&b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(chess_async_is_worker_bound),
      cmocka_unit_test(chess_sync_is_world_bound_with_an_idle_worker),
      cmocka_unit_test(chess_six_boards_async_is_world_bound),
      cmocka_unit_test(blocking_call_async_stalls_the_loop),
      cmocka_unit_test(webpage_times_out),
      cmocka_unit_test(cpu_bound_threads_are_gil_bound),
      cmocka_unit_test(laundry_async_waits_for_the_dryer),
      cmocka_unit_test(chess_async_never_yields_and_is_saturated),
      cmocka_unit_test(chess_processes_starve_the_later_boards),
      cmocka_unit_test(a_lock_in_use_all_run_is_saturated),
      cmocka_unit_test(every_path_sums_to_the_makespan),
      cmocka_unit_test(open_workload_path_starts_at_an_arrival),
      cmocka_unit_test(what_if_halves_the_moves),
      cmocka_unit_test(what_if_rejects_bad_input),
      cmocka_unit_test(thresholds_parse_and_reject),
      cmocka_unit_test(explanations_are_deterministic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

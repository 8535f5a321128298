/* test_engine.c - the engine under sync and async: the chess and laundry
 * numbers docs/strategies.md derives, and the rules of docs/scenario-format.md
 * (event order, each step kind, resources, deadlock). */
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

/* --- helpers ----------------------------------------------------------------- */

/* The n-th (0-based) CPU span of a task, in time order. */
static const sim_span *nth_cpu(const sim_result *res, int32_t task, int n) {
  for (size_t i = 0; i < res->nspans; i++) {
    const sim_span *s = &res->spans[i];
    if (s->kind == SIM_SPAN_CPU && s->task == task && n-- == 0) return s;
  }
  return NULL;
}

static sim_time last_cpu_end(const sim_result *res) {
  sim_time end = 0;
  for (size_t i = 0; i < res->nspans; i++)
    if (res->spans[i].kind == SIM_SPAN_CPU && res->spans[i].end > end) end = res->spans[i].end;
  return end;
}

#define S(x)   ((sim_time)(x)*SIM_S)
#define MIN(x) ((sim_time)(x)*SIM_MIN)

/* --- the chess exhibition (docs/strategies.md) ------------------------------------------- */

static void sync_chess_takes_12h(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "sync");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(43200));
  assert_int_equal(r.res.busy, S(3600));
  assert_int_equal(r.res.switches, 23);
  /* Board k's game is over at k x 30 min: one board at a time. */
  for (int32_t k = 1; k <= 24; k++) assert_int_equal(r.res.task_end[k - 1], S(1800) * k);
  run_free(&r);
}

static void async_chess_round_is_120s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "async");
  assert_int_equal(r.rc, 0);
  /* Board k's first move is [5(k-1), 5k): the round of 24 moves ends at 2 min. */
  for (int32_t k = 1; k <= 24; k++) {
    const sim_span *m = nth_cpu(&r.res, k - 1, 0);
    assert_non_null(m);
    assert_int_equal(m->start, S(5) * (k - 1));
    assert_int_equal(m->end, S(5) * k);
  }
  /* Round 2 starts when round 1 ends, not when board 1's opponent replies (60 s). */
  assert_int_equal(nth_cpu(&r.res, 0, 1)->start, S(120));
  run_free(&r);
}

static void async_chess_master_done_at_1h_run_at_3655s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "async");
  assert_int_equal(r.rc, 0);
  assert_int_equal(last_cpu_end(&r.res), S(3600));
  assert_int_equal(r.res.makespan, S(3655));
  assert_int_equal(r.res.busy, S(3600));
  assert_int_equal(r.res.switches, 24 * 30 - 1);
  for (int32_t k = 1; k <= 24; k++) assert_int_equal(r.res.task_end[k - 1], S(3535 + 5 * k));
  run_free(&r);
}

static void async_switch_cost_is_paid_per_board_change(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "async:switch_cost=1s");
  assert_int_equal(r.rc, 0);
  /* 720 moves of 5 s and 719 walks of 1 s, then the last reply: 3600+719+55. */
  assert_int_equal(r.res.switches, 719);
  assert_int_equal(r.res.makespan, S(4374));
  size_t walks = 0;
  for (size_t i = 0; i < r.res.nspans; i++)
    if (r.res.spans[i].kind == SIM_SPAN_SWITCH) {
      walks++;
      assert_int_equal(r.res.spans[i].end - r.res.spans[i].start, S(1));
    }
  assert_int_equal(walks, 719);
  run_free(&r);
}

/* --- the laundry (docs/strategies.md) --------------------------------------------------- */

static void sync_laundry_takes_6h(void **state) {
  (void)state;
  run r;
  run_text(&r, "laundry", NULL, "sync");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, MIN(360));
  assert_int_equal(r.res.task_end[0], MIN(60));
  assert_int_equal(r.res.task_end[1], MIN(160));
  assert_int_equal(r.res.task_end[3], MIN(360));
  run_free(&r);
}

static void async_laundry_takes_219min(void **state) {
  (void)state;
  run r;
  run_text(&r, "laundry", NULL, "async");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, MIN(219));
  assert_int_equal(r.res.busy, MIN(90));
  assert_int_equal(r.res.task_end[0], MIN(68)); /* the checklist */
  assert_int_equal(r.res.task_end[1], MIN(105));
  assert_int_equal(r.res.task_end[2], MIN(162));
  assert_int_equal(r.res.task_end[3], MIN(219));
  run_free(&r);
}

/* --- rules of the model ----------------------------------------------------- */

/* Two waits ending at the same instant: the one scheduled first is handled
 * first, so its task runs first. */
static void async_same_time_wakeups_run_in_schedule_order(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: tie\n"
           "tasks:\n"
           "  - {name: b, steps: [{wait: 10s}, {cpu: 1s}]}\n"
           "  - {name: a, steps: [{cpu: 2s}, {wait: 8s}, {cpu: 1s}]}\n",
           "async");
  assert_int_equal(r.rc, 0);
  /* b's wait [0,10) is scheduled at t=0; a runs [0,2) and schedules its wait
   * [2,10) at t=2. Both end at 10: b was scheduled first, so b runs first. */
  assert_int_equal(nth_cpu(&r.res, 0, 0)->start, S(10));
  assert_int_equal(nth_cpu(&r.res, 1, 1)->start, S(11));
  run_free(&r);
}

static void async_yield_rejoins_back_of_queue(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: yields\n"
           "tasks:\n"
           "  - {name: a, repeat: 2, steps: [{cpu: 1s}, yield]}\n"
           "  - {name: b, repeat: 2, steps: [{cpu: 1s}, yield]}\n",
           "async");
  /* a, b, a, b: each yield lets the other run. */
  assert_int_equal(nth_cpu(&r.res, 0, 0)->start, S(0));
  assert_int_equal(nth_cpu(&r.res, 1, 0)->start, S(1));
  assert_int_equal(nth_cpu(&r.res, 0, 1)->start, S(2));
  assert_int_equal(nth_cpu(&r.res, 1, 1)->start, S(3));
  assert_int_equal(r.res.switches, 3);
  run_free(&r);
}

static void sync_yield_does_nothing(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: yields\n"
           "tasks:\n"
           "  - {name: a, repeat: 2, steps: [{cpu: 1s}, yield]}\n"
           "  - {name: b, repeat: 2, steps: [{cpu: 1s}, yield]}\n",
           "sync");
  assert_int_equal(nth_cpu(&r.res, 0, 1)->start, S(1));
  assert_int_equal(nth_cpu(&r.res, 1, 0)->start, S(2));
  assert_int_equal(r.res.switches, 1);
  run_free(&r);
}

/* A task whose steps are all cpu never suspends: it holds the event loop, and
 * b's wait, over at 1 s, is served only when a is done (asyncio's classic trap). */
static void async_task_that_never_suspends_blocks_loop(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: hog\n"
           "tasks:\n"
           "  - {name: b, steps: [{wait: 1s}, {cpu: 1s}]}\n"
           "  - {name: hog, steps: [{cpu: 10s}, {cpu: 10s}, {cpu: 10s}]}\n",
           "async");
  /* b starts its wait at 0 and suspends; hog then runs its three steps back to back. */
  assert_int_equal(nth_cpu(&r.res, 1, 2)->end, S(30));
  assert_int_equal(nth_cpu(&r.res, 0, 0)->start, S(30));
  assert_int_equal(r.res.task_ready[0], S(29)); /* ready at 1 s, ran at 30 s */
  assert_int_equal(r.res.makespan, S(31));
  run_free(&r);
}

/* Under sync the worker is idle during a wait; under async it runs others. */
static void wait_blocks_sync_worker_but_not_async(void **state) {
  (void)state;
  const char *yaml = "name: waits\n"
                     "tasks:\n"
                     "  - {name: t, count: 3, steps: [{cpu: 1s}, {wait: 10s}]}\n";
  run r;
  run_text(&r, NULL, yaml, "sync");
  assert_int_equal(r.res.makespan, S(33));
  run_free(&r);
  run_text(&r, NULL, yaml, "async");
  assert_int_equal(r.res.makespan, S(13));
  run_free(&r);
}

/* Three tasks want the single unit: they get it in the order they asked,
 * and a release hands it straight on (no gap). */
static void resource_queue_is_fifo(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: queue\n"
           "resources: {desk: 1}\n"
           "tasks:\n"
           "  - name: t\n"
           "    count: 3\n"
           "    steps: [{acquire: desk}, {wait: 10s}, {cpu: 1s}, {release: desk}]\n",
           "async");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.task_end[0], S(11));
  assert_int_equal(r.res.task_end[1], S(22));
  assert_int_equal(r.res.task_end[2], S(33));
  /* t 3 was blocked from 0 until t 2 released at 22. */
  size_t blocked = 0;
  for (size_t i = 0; i < r.res.nspans; i++) {
    const sim_span *s = &r.res.spans[i];
    if (s->kind != SIM_SPAN_BLOCKED) continue;
    blocked++;
    assert_int_equal(s->resource_plus1, 1);
    if (s->task == 2) {
      assert_int_equal(s->start, 0);
      assert_int_equal(s->end, S(22));
    }
  }
  assert_int_equal(blocked, 2);
  run_free(&r);
}

static void resource_capacity_two_admits_two(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: two\n"
           "resources: {desk: 2}\n"
           "tasks:\n"
           "  - {name: t, count: 3, steps: [{acquire: desk}, {wait: 10s}, {release: desk}]}\n",
           "async");
  assert_int_equal(r.res.task_end[0], S(10));
  assert_int_equal(r.res.task_end[1], S(10));
  assert_int_equal(r.res.task_end[2], S(20));
  run_free(&r);
}

static void deadlock_names_tasks_and_resources(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: philosophers\n"
           "resources: {left: 1, right: 1}\n"
           "tasks:\n"
           "  - {name: p1, steps: [{acquire: left}, {wait: 1s}, {acquire: right},"
           " {release: right}, {release: left}]}\n"
           "  - {name: p2, steps: [{acquire: right}, {wait: 1s}, {acquire: left},"
           " {release: left}, {release: right}]}\n",
           "async");
  assert_int_equal(r.rc, SIM_EFAIL);
  assert_non_null(strstr(r.err.msg, "deadlock at 0:00:01"));
  assert_non_null(strstr(r.err.msg, "'p1' waits for 'right' (held by 'p2')"));
  assert_non_null(strstr(r.err.msg, "'p2' waits for 'left' (held by 'p1')"));
  run_free(&r);
}

static void zero_length_steps_take_no_time(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL,
           "name: zeros\n"
           "tasks:\n"
           "  - {name: z, steps: [{cpu: 0s}, {wait: 0s}, {cpu: 2s}]}\n",
           "async");
  assert_int_equal(r.res.makespan, S(2));
  assert_int_equal(r.res.busy, S(2));
  run_free(&r);
}

/* --- paths no other test takes ---------------------------------------------- */

/* sync pays switch_cost at every board change: 23 of them between 24 games,
 * 1 s each, so board k ends at 1800 k + (k - 1) s and the run at 43223 s. */
static void sync_switch_cost_is_paid_between_tasks(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "sync:switch_cost=1s");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.switches, 23);
  assert_int_equal(r.res.makespan, S(43200 + 23));
  for (int32_t k = 1; k <= 24; k++) assert_int_equal(r.res.task_end[k - 1], S(1800 * k + k - 1));
  size_t walks = 0;
  for (size_t i = 0; i < r.res.nspans; i++)
    if (r.res.spans[i].kind == SIM_SPAN_SWITCH) {
      walks++;
      assert_int_equal(r.res.spans[i].end - r.res.spans[i].start, S(1));
    }
  assert_int_equal(walks, 23);
  assert_int_equal(r.res.busy, S(3600)); /* walking is not cpu */
  run_free(&r);
}

/* arrivals: {at: [3s, 1s, 1s]} are sorted: the tasks arrive at 1, 1 and 3 s.
 * Under sync each runs its 2 s when the one before is done: [1,3), [3,5),
 * [5,7); responses 2, 4 and 4 s. */
static void arrivals_at_listed_times_in_sorted_order(void **state) {
  (void)state;
  const char *yaml = "name: at\n"
                     "tasks:\n"
                     "  - {name: r, arrivals: {at: [3s, 1s, 1s]}, steps: [{cpu: 2s}]}\n";
  run r;
  run_text(&r, NULL, yaml, "sync");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.scn.ntasks, 3);
  static const int arrive[] = {1, 1, 3}, end[] = {3, 5, 7};
  for (int32_t t = 0; t < 3; t++) {
    assert_int_equal(r.res.task_arrival[t], S(arrive[t]));
    assert_int_equal(r.res.task_end[t], S(end[t]));
  }
  assert_int_equal(r.res.makespan, S(7));
  assert_true(r.res.open);
  assert_true(fabs(r.res.response.mean - 10.0 / 3) < 1e-9);
  run_free(&r);
  /* count: 2 takes the first two times: both at 1 s, done at 3 and 5 s. */
  const char *sets[] = {"tasks.r.count=2"};
  run_sets(&r, NULL, yaml, sets, 1, "sync");
  assert_int_equal(r.scn.ntasks, 2);
  assert_int_equal(r.res.makespan, S(5));
  run_free(&r);
}

/* offload_threads: 1 and two offloads at t=0: the first call holds the one
 * pool thread [0,1); the second is blocked on the pool until then and runs
 * [1,2). With two threads both run at once and the run takes 1 s. */
static void full_to_thread_pool_queues_the_next_call(void **state) {
  (void)state;
  const char *yaml = "name: pool\n"
                     "offload_threads: 1\n"
                     "tasks:\n"
                     "  - {name: call, count: 2, steps: [{offload: 1s}]}\n";
  run r;
  run_text(&r, NULL, yaml, "async");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.task_end[0], S(1));
  assert_int_equal(r.res.task_end[1], S(2));
  size_t blocked = 0;
  for (size_t i = 0; i < r.res.nspans; i++) {
    const sim_span *s = &r.res.spans[i];
    if (s->kind != SIM_SPAN_BLOCKED) continue;
    blocked++;
    assert_int_equal(s->task, 1);
    assert_int_equal(s->start, 0);
    assert_int_equal(s->end, S(1));
  }
  assert_int_equal(blocked, 1);
  run_free(&r);
  const char *two[] = {"offload_threads=2"};
  run_sets(&r, NULL, yaml, two, 1, "async");
  assert_int_equal(r.res.makespan, S(1));
  run_free(&r);
}

/* A TaskGroup whose error comes while another task runs its cpu: `dead`
 * times out at 1 s and cancels `slow` in the middle of its 10 s of cpu, and
 * `call`, whose 1 min offload holds a pool thread. slow ran [0,1): busy 1 s;
 * everything ends at 1 s. Under threads the GIL is slow's (dead's wait does
 * not need it); without the GIL each has its own core: the same run. */
static void cancel_stops_a_task_in_the_middle_of_its_cpu(void **state) {
  (void)state;
  const char *yaml = "name: cancel\n"
                     "return_exceptions: false\n"
                     "cancel_on_error: true\n"
                     "offload_threads: 1\n"
                     "tasks:\n"
                     "  - {name: slow, steps: [{cpu: 10s}, {cpu: 1s}]}\n"
                     "  - {name: dead, steps: [{wait: 1min, timeout: 1s}]}\n"
                     "  - {name: call, count: 2, steps: [{offload: 1min}]}\n";
  static const char *const strategies[] = {"threads", "threads:gil=off"};
  for (size_t k = 0; k < 2; k++) {
    run r;
    run_text(&r, NULL, yaml, strategies[k]);
    assert_int_equal(r.rc, 0);
    assert_int_equal(r.res.makespan, S(1));
    assert_int_equal(r.res.busy, S(1));
    assert_int_equal(r.res.task_outcome[0], SIM_OUTCOME_CANCELLED);
    assert_int_equal(r.res.task_outcome[1], SIM_OUTCOME_TIMEOUT);
    assert_int_equal(r.res.task_outcome[2], SIM_OUTCOME_CANCELLED);
    assert_int_equal(r.res.task_outcome[3], SIM_OUTCOME_CANCELLED); /* queued for the thread */
    for (int32_t t = 0; t < 4; t++) assert_int_equal(r.res.task_end[t], S(1));
    const sim_span *cpu = nth_cpu(&r.res, 0, 0);
    assert_int_equal(cpu->start, 0);
    assert_int_equal(cpu->end, S(1));
    assert_null(nth_cpu(&r.res, 0, 1)); /* its second step never ran */
    run_free(&r);
  }
}

/* A TaskGroup's cancel reaches tasks no worker has taken yet: `late`, which
 * would arrive at 5 s, and `queued`, behind `dead` for the one worker, thread
 * or process, blocked in dead's wait. dead times out at 1 s and both end
 * there having run nothing (a task cancelled before it arrived arrives when
 * it ends, so its response is 0). An event loop instead runs queued while
 * dead waits, [0, 1) s: dead's timeout was scheduled at 0 before queued's
 * cpu end, so it comes first at 1 s and cancels queued too, busy 1 s. */
static void cancel_reaches_tasks_not_started(void **state) {
  (void)state;
  const char *yaml = "name: cancel\n"
                     "return_exceptions: false\n"
                     "cancel_on_error: true\n"
                     "tasks:\n"
                     "  - {name: dead, steps: [{wait: 1min, timeout: 1s}]}\n"
                     "  - {name: queued, steps: [{cpu: 1s}]}\n"
                     "  - {name: late, arrivals: {at: [5s]}, steps: [{cpu: 1s}]}\n";
  static const struct {
    const char *strategy;
    int busy_s;
  } rows[] = {{"sync", 0},
              {"async", 1},
              {"threads:threads=1", 0},
              {"threads:gil=off,threads=1", 0},
              {"processes:processes=1", 0},
              {"processes:processes=1,mode=async", 1},
              {"queue:workers=1", 0}};
  for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
    run r;
    run_text(&r, NULL, yaml, rows[k].strategy);
    if (r.rc != 0) fail_msg("%s: %s", rows[k].strategy, r.err.msg);
    assert_int_equal(r.res.makespan, S(1));
    assert_int_equal(r.res.busy, S(rows[k].busy_s));
    assert_int_equal(r.res.task_outcome[0], SIM_OUTCOME_TIMEOUT);
    for (int32_t t = 1; t < 3; t++) {
      assert_int_equal(r.res.task_outcome[t], SIM_OUTCOME_CANCELLED);
      assert_int_equal(r.res.task_end[t], S(1));
    }
    assert_int_equal(r.res.task_arrival[2], S(1));
    run_free(&r);
  }
}

/* Ten philosophers, each holding its own fork and waiting for the next at
 * 1 s: the message names the first eight waits and says there are more. */
static void deadlock_message_lists_eight_and_says_more(void **state) {
  (void)state;
  char yaml[2048];
  int n = snprintf(yaml, sizeof yaml, "name: table\nresources: {");
  for (int i = 0; i < 10; i++)
    n += snprintf(yaml + n, sizeof yaml - (size_t)n, "%sf%d: 1", i ? ", " : "", i);
  n += snprintf(yaml + n, sizeof yaml - (size_t)n, "}\ntasks:\n");
  for (int i = 0; i < 10; i++)
    n += snprintf(yaml + n, sizeof yaml - (size_t)n,
                  "  - {name: p%d, steps: [{acquire: f%d}, {wait: 1s}, {acquire: f%d}, "
                  "{release: f%d}, {release: f%d}]}\n",
                  i, i, (i + 1) % 10, (i + 1) % 10, i);
  run r;
  run_text(&r, NULL, yaml, "async");
  assert_int_equal(r.rc, SIM_EFAIL);
  assert_non_null(strstr(r.err.msg, "deadlock at 0:00:01: 10 task(s) can never finish"));
  assert_non_null(strstr(r.err.msg, "'p7' waits for 'f8' (held by 'p8'); ..."));
  assert_null(strstr(r.err.msg, "'p8' waits"));
  run_free(&r);
}

static void metrics_of_async_chess(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "async");
  assert_int_equal(r.res.cores, 1);
  assert_true(r.res.utilization > 3600.0 / 3655 - 1e-12 &&
              r.res.utilization < 3600.0 / 3655 + 1e-12);
  assert_true(r.res.completion.max == 3655.0);
  assert_true(r.res.completion.p50 == 3535.0 + 5 * 12); /* nearest rank: 12th of 24 */
  /* Board 1 waits for the worker 65 s a round after round 1: 29 x 60 s. */
  assert_int_equal(r.res.task_ready[0], S(29 * 60));
  assert_true(r.res.ready_wait.max == 29 * 60 + 115.0); /* board 24 also waits 115 s at t=0 */
  assert_int_equal(r.res.events, 24 * 30 * 2);
  run_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sync_chess_takes_12h),
      cmocka_unit_test(async_chess_round_is_120s),
      cmocka_unit_test(async_chess_master_done_at_1h_run_at_3655s),
      cmocka_unit_test(async_switch_cost_is_paid_per_board_change),
      cmocka_unit_test(sync_laundry_takes_6h),
      cmocka_unit_test(async_laundry_takes_219min),
      cmocka_unit_test(async_same_time_wakeups_run_in_schedule_order),
      cmocka_unit_test(async_yield_rejoins_back_of_queue),
      cmocka_unit_test(sync_yield_does_nothing),
      cmocka_unit_test(async_task_that_never_suspends_blocks_loop),
      cmocka_unit_test(wait_blocks_sync_worker_but_not_async),
      cmocka_unit_test(resource_queue_is_fifo),
      cmocka_unit_test(resource_capacity_two_admits_two),
      cmocka_unit_test(deadlock_names_tasks_and_resources),
      cmocka_unit_test(zero_length_steps_take_no_time),
      cmocka_unit_test(metrics_of_async_chess),
      cmocka_unit_test(sync_switch_cost_is_paid_between_tasks),
      cmocka_unit_test(arrivals_at_listed_times_in_sorted_order),
      cmocka_unit_test(full_to_thread_pool_queues_the_next_call),
      cmocka_unit_test(cancel_stops_a_task_in_the_middle_of_its_cpu),
      cmocka_unit_test(cancel_reaches_tasks_not_started),
      cmocka_unit_test(deadlock_message_lists_eight_and_says_more),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

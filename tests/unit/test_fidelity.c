/* test_fidelity.c - the CPython models (async:model=asyncio,
 * threads:model=cpython) and every profile key, each on a tiny scenario
 * whose timeline is worked out by hand in the comment above it. Where a rule
 * is about order, the scenario is one on which the models disagree, and the
 * test checks both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "sim/profile.h"
#include "sim/run.h"

#define MS(x) ((sim_time)(x)*SIM_MS)
#define S(x)  ((sim_time)(x)*SIM_S)

/* Runs YAML under `strategy` with a profile given as YAML text (NULL: none),
 * spans on and the invariants checked; the result goes to *r. */
static void run_prof(run *r, const char *yaml, const char *profile, const char *strategy,
                     uint64_t seed) {
  memset(r, 0, sizeof *r);
  if (scn_load_text("test.yaml", yaml, strlen(yaml), NULL, 0, &r->scn, &r->err) != 0)
    fail_msg("%s", r->err.msg);
  sim_profile p;
  sim_profile_defaults(&p);
  if (profile && sim_profile_load_text("profile.yaml", profile, strlen(profile), &p, &r->err))
    fail_msg("%s", r->err.msg);
  sim_strategy *s;
  if (sim_strategy_parse(strategy, "test", &s, &r->err) != 0) fail_msg("%s", r->err.msg);
  sim_run_opts opts = {.record_spans = 1, .seed = seed, .profile = &p};
  r->rc = sim_run(&r->scn, s, &opts, &r->res, &r->err);
  sim_strategy_free(s);
  char why[256];
  /* The replay checks every cpu step against its asked duration plus
   * step_cost; a cpu_scale changes each step by its own length. */
  if (r->rc == 0 && p.cpu_scale == 1000000 &&
      sinv_check_profiled(&r->scn, &r->res, p.step_cost, p.sleep_late, why, sizeof why) != 0)
    fail_msg("%s: %s", strategy, why);
  if (r->rc != 0) fail_msg("%s", r->err.msg);
}

/* The start of task t's n-th (0-based) span of `kind`. */
static sim_time nth_start(const sim_result *res, int32_t t, sim_span_kind kind, int n) {
  for (size_t i = 0; i < res->nspans; i++)
    if (res->spans[i].kind == kind && res->spans[i].task == t && n-- == 0)
      return res->spans[i].start;
  fail_msg("task %d has no such span", (int)t);
  return -1;
}

/* --- asyncio's loop order ----------------------------------------------------- */

/* a: wait 1s, cpu 1s.  b: cpu 2s, yield, cpu 1s.
 * ideal: a starts its wait, b runs [0,2); a's timer fired at 1 and a is queued
 *   before b's yield at 2: a [2,3) ends 3, b [3,4) ends 4.
 * asyncio: iteration 1 runs a (starts the timer) and b ([0,2), its yield
 *   queues b for iteration 2). Iteration 2 begins at 2 by moving the due
 *   timer behind b: b [2,3) ends 3, then a's timer callback queues a's step,
 *   iteration 3: a [3,4) ends 4. */
static void asyncio_timers_join_behind_this_iterations_yields(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: a, steps: [{wait: 1s}, {cpu: 1s}]}\n"
                     "  - {name: b, steps: [{cpu: 2s}, yield, {cpu: 1s}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "async", 0);
  assert_int_equal(r.res.task_end[0], S(3));
  assert_int_equal(r.res.task_end[1], S(4));
  run_free(&r);
  run_prof(&r, yaml, NULL, "async:model=asyncio", 0);
  assert_int_equal(r.res.task_end[1], S(3));
  assert_int_equal(r.res.task_end[0], S(4));
  run_free(&r);
}

/* a: wait 1s, cpu 1s.  b: cpu 2s, yield, cpu 1s, yield, cpu 1s.
 * asyncio: it. 1 (t=0): a's timer starts, b [0,2) yields. It. 2 (t=2): the
 *   due timer joins behind b: [b, a-timer]; b [2,3) yields (queued behind);
 *   a's timer callback queues a's step behind that: it. 3: b [3,4) ends 4,
 *   a [4,5) ends 5. Had a timer woken its task in one trip, a would have
 *   run in iteration 2 ([3,4)) before b's last step.
 * ideal: a is queued at 1, before b's first yield: a [2,3), b [3,5). */
static void asyncio_timer_wakes_in_two_trips(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: a, steps: [{wait: 1s}, {cpu: 1s}]}\n"
                     "  - {name: b, steps: [{cpu: 2s}, yield, {cpu: 1s}, yield, {cpu: 1s}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "async:model=asyncio", 0);
  assert_int_equal(r.res.task_end[1], S(4));
  assert_int_equal(r.res.task_end[0], S(5));
  assert_int_equal(nth_start(&r.res, 0, SIM_SPAN_CPU, 0), S(4));
  run_free(&r);
  run_prof(&r, yaml, NULL, "async", 0);
  assert_int_equal(r.res.task_end[0], S(3));
  assert_int_equal(r.res.task_end[1], S(5));
  run_free(&r);
}

/* a: wait 1s with a 10s timeout (wait_for), cpu 1s.  b: cpu 2s.
 * asyncio: it. 1: a calls wait_for, whose new task is queued behind b; b
 *   [0,2). It. 2 (t=2): the inner task starts the 1s wait: [2,3). Its result
 *   comes back in four trips, then a [3,4) ends 4.
 * ideal: the wait is [0,1), a runs [2,3) after b. */
static void asyncio_wait_for_starts_a_new_task(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: a, steps: [{wait: 1s, timeout: 10s}, {cpu: 1s}]}\n"
                     "  - {name: b, steps: [{cpu: 2s}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "async:model=asyncio", 0);
  assert_int_equal(nth_start(&r.res, 0, SIM_SPAN_WAIT, 0), S(2));
  assert_int_equal(r.res.task_end[0], S(4));
  run_free(&r);
  run_prof(&r, yaml, NULL, "async", 0);
  assert_int_equal(nth_start(&r.res, 0, SIM_SPAN_WAIT, 0), S(0));
  assert_int_equal(r.res.task_end[0], S(3));
  run_free(&r);
}

/* The same, with a 1.5s timeout: it runs from the call at 0, so when the
 * inner task starts at 2 the time is already up - a times out at 2
 * (ideal: the 1s wait is over at 1, inside its timeout: ok). */
static void asyncio_wait_for_timeout_runs_from_the_call(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: a, steps: [{wait: 1s, timeout: 1500ms}, {cpu: 1s}]}\n"
                     "  - {name: b, steps: [{cpu: 2s}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "async:model=asyncio", 0);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_TIMEOUT], 1);
  assert_int_equal(r.res.task_end[0], S(2));
  run_free(&r);
  run_prof(&r, yaml, NULL, "async", 0);
  assert_int_equal(r.res.outcomes[SIM_OUTCOME_OK], 2);
  run_free(&r);
}

/* a: cpu 1s, wait 1s (its last step).  b: cpu 3s.
 * ideal: a ends when its wait does, at 2. asyncio: the coroutine must resume
 * after the await to return, and the loop is b's until 4: a ends at 4. */
static void asyncio_task_ends_when_it_resumes(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: a, steps: [{cpu: 1s}, {wait: 1s}]}\n"
                     "  - {name: b, steps: [{cpu: 3s}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "async", 0);
  assert_int_equal(r.res.task_end[0], S(2));
  run_free(&r);
  run_prof(&r, yaml, NULL, "async:model=asyncio", 0);
  assert_int_equal(r.res.task_end[0], S(4));
  assert_int_equal(r.res.makespan, S(4));
  run_free(&r);
}

/* --- CPython's GIL ---------------------------------------------------------------- */

/* a: wait 1ms (its last step).  b: cpu 100ms.  One thread each, switch 5ms.
 * ideal: a ends at 1ms, when its wait does; the GIL is only for cpu.
 * cpython: a took the GIL at 0 to start and dropped it at its wait; b holds
 *   it from 0. a needs it again to finish: it waits from 1ms, its first
 *   timed wait expires at 6ms with no switch since, b drops: a ends at 6ms,
 *   b gets the GIL back and ends at 100ms. */
static void cpython_gil_needed_to_resume_after_io(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: a, steps: [{wait: 1ms}]}\n"
                     "  - {name: b, steps: [{cpu: 100ms}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "threads", 0);
  assert_int_equal(r.res.task_end[0], MS(1));
  run_free(&r);
  run_prof(&r, yaml, NULL, "threads:model=cpython", 0);
  assert_int_equal(r.res.task_end[0], MS(6));
  assert_int_equal(r.res.task_end[1], MS(100));
  run_free(&r);
}

/* x: cpu 2ms.  y, z: cpu 20ms.  switch 5ms; y and z wait for the GIL from 0.
 * x ends at 2 and y takes the GIL.
 * ideal: y is preempted `switch` after the later of its start (2) and z's
 *   wait (0): at 7; z's first cpu starts at 7.
 * cpython: z's timed waits expire at 5, 10, ...; the one at 5 began before
 *   y's switch at 2, so it does not ask; the one at 10 does: y runs 8ms (1.6
 *   intervals) and z starts at 10. */
static void cpython_holder_runs_one_to_two_intervals(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: x, steps: [{cpu: 2ms}]}\n"
                     "  - {name: y, steps: [{cpu: 20ms}]}\n"
                     "  - {name: z, steps: [{cpu: 20ms}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "threads", 0);
  assert_int_equal(nth_start(&r.res, 2, SIM_SPAN_CPU, 0), MS(7));
  run_free(&r);
  run_prof(&r, yaml, NULL, "threads:model=cpython", 0);
  assert_int_equal(nth_start(&r.res, 1, SIM_SPAN_CPU, 0), MS(2));
  assert_int_equal(nth_start(&r.res, 2, SIM_SPAN_CPU, 0), MS(10));
  run_free(&r);
}

/* Three threads of cpu 10ms, switch 5ms: x holds first; at 5ms it drops and
 * the GIL goes to y under handoff=fifo, to y or z by the seed under
 * handoff=random. The same seed always picks the same; over 16 seeds both
 * y and z get picked (a fair coin misses one of them with p = 2^-15). */
static void cpython_random_handoff_is_seeded(void **state) {
  (void)state;
  const char *yaml = "name: t\n"
                     "tasks:\n"
                     "  - {name: x, steps: [{cpu: 10ms}]}\n"
                     "  - {name: y, steps: [{cpu: 10ms}]}\n"
                     "  - {name: z, steps: [{cpu: 10ms}]}\n";
  run r;
  run_prof(&r, yaml, NULL, "threads:model=cpython,handoff=fifo", 0);
  assert_int_equal(nth_start(&r.res, 1, SIM_SPAN_CPU, 0), MS(5));
  run_free(&r);
  int picked[3] = {0, 0, 0};
  for (uint64_t seed = 1; seed <= 16; seed++) {
    sim_time first[2];
    for (int k = 0; k < 2; k++) {
      run_prof(&r, yaml, NULL, "threads:model=cpython,handoff=random", seed);
      sim_time y = nth_start(&r.res, 1, SIM_SPAN_CPU, 0), z = nth_start(&r.res, 2, SIM_SPAN_CPU, 0);
      first[k] = y < z ? y : z;
      if (k == 0) picked[y == MS(5) ? 1 : z == MS(5) ? 2 : 0]++;
      run_free(&r);
    }
    assert_int_equal(first[0], first[1]);
  }
  assert_int_equal(picked[0], 0);
  assert_true(picked[1] > 0 && picked[2] > 0);
}

/* --- the profile, key by key ---------------------------------------------------- */

/* a: wait 2.5ms, cpu 1ms under async. The idle loop's earliest timer is
 * 2.5ms away: it sleeps ceil(2.5ms / 1ms) = 3ms, then timer_late 200us:
 * a runs [3.2ms, 4.2ms). Without a profile [2.5ms, 3.5ms). */
static void profile_timer_resolution_and_late(void **state) {
  (void)state;
  const char *yaml = "name: t\ntasks:\n  - {name: a, steps: [{wait: 2500us}, {cpu: 1ms}]}\n";
  run r;
  run_prof(&r, yaml, "timer_resolution: 1ms\n", "async", 0);
  assert_int_equal(r.res.makespan, MS(4));
  run_free(&r);
  run_prof(&r, yaml, "timer_resolution: 1ms\ntimer_late: 200us\n", "async", 0);
  assert_int_equal(r.res.makespan, 4200);
  run_free(&r);
  run_prof(&r, yaml, "timer_late: 200us\n", "async:model=asyncio", 0);
  assert_int_equal(r.res.makespan, 3700);
  run_free(&r);
  run_prof(&r, yaml, NULL, "async", 0);
  assert_int_equal(r.res.makespan, 3500);
  run_free(&r);
}

/* Two cpu tasks of 1ms under async, loop_hop 10us: each trip through the
 * ready queue costs 10us first: a [10, 1010), b [1020, 2020). Under
 * model=asyncio a wait's two trips cost two hops: c waits 1ms then runs
 * 1ms: hop [0,10), wait [10, 1010), two hops, cpu [1030, 2030). */
static void profile_loop_hop(void **state) {
  (void)state;
  run r;
  run_prof(&r,
           "name: t\ntasks:\n  - {name: a, steps: [{cpu: 1ms}]}\n"
           "  - {name: b, steps: [{cpu: 1ms}]}\n",
           "loop_hop: 10us\n", "async", 0);
  assert_int_equal(nth_start(&r.res, 0, SIM_SPAN_CPU, 0), 10);
  assert_int_equal(r.res.makespan, 2020);
  run_free(&r);
  run_prof(&r, "name: t\ntasks:\n  - {name: c, steps: [{wait: 1ms}, {cpu: 1ms}]}\n",
           "loop_hop: 10us\n", "async:model=asyncio", 0);
  assert_int_equal(r.res.makespan, 2030);
  run_free(&r);
}

/* processes:mode=async runs async's rules in each process, the profile's
 * loop costs included. The timer case above, one process: the same 4ms and
 * 4.2ms (without the profile's costs processes ignored them: 3.5ms). The
 * loop_hop case, one process: a [10, 1010), b [1020, 2020). */
static void profile_loop_costs_in_processes(void **state) {
  (void)state;
  const char *timer = "name: t\ntasks:\n  - {name: a, steps: [{wait: 2500us}, {cpu: 1ms}]}\n";
  const char *one = "processes:processes=1,mode=async";
  run r;
  run_prof(&r, timer, "timer_resolution: 1ms\n", one, 0);
  assert_int_equal(r.res.makespan, MS(4));
  run_free(&r);
  run_prof(&r, timer, "timer_resolution: 1ms\ntimer_late: 200us\n", one, 0);
  assert_int_equal(r.res.makespan, 4200);
  run_free(&r);
  run_prof(&r,
           "name: t\ntasks:\n  - {name: a, steps: [{cpu: 1ms}]}\n"
           "  - {name: b, steps: [{cpu: 1ms}]}\n",
           "loop_hop: 10us\n", one, 0);
  assert_int_equal(nth_start(&r.res, 0, SIM_SPAN_CPU, 0), 10);
  assert_int_equal(r.res.makespan, 2020);
  run_free(&r);
}

/* Four boards of 3 moves (cpu 5ms, wait 12.3ms) on two processes with loop
 * costs: boards 1 and 3 go to process 1, 2 and 4 to process 2, and each
 * process is an async loop over two boards - so the run ends when async
 * over two of the boards ends, with twice its cpu and its per-board
 * figures, and an arrival (a board not dealt at t=0) wakes a sleeping loop
 * at once while a timer's wake is rounded. Compared with async's run, not
 * with a number: the point is that they are one rule. */
static void profile_loop_costs_processes_match_async(void **state) {
  (void)state;
  const char *prof = "loop_hop: 30us\ntimer_resolution: 1ms\ntimer_late: 150us\n";
  const char *four = "name: t\ntasks:\n  - name: board\n    count: 4\n    repeat: 3\n"
                     "    steps: [{cpu: 5ms}, {wait: 12300us}]\n";
  const char *two = "name: t\ntasks:\n  - name: board\n    count: 2\n    repeat: 3\n"
                    "    steps: [{cpu: 5ms}, {wait: 12300us}]\n";
  run p, a;
  run_prof(&p, four, prof, "processes:processes=2,mode=async", 0);
  run_prof(&a, two, prof, "async", 0);
  assert_int_equal(p.rc, 0);
  assert_int_equal(p.res.makespan, a.res.makespan);
  assert_int_equal(p.res.busy, 2 * a.res.busy);
  for (int32_t t = 0; t < 4; t++) {
    assert_int_equal(p.res.task_end[t], a.res.task_end[t / 2]);
    assert_int_equal(p.res.task_ready[t], a.res.task_ready[t / 2]);
  }
  /* Without the profile the two differ from these: the costs took effect. */
  run q;
  run_prof(&q, four, NULL, "processes:processes=2,mode=async", 0);
  assert_true(q.res.makespan < p.res.makespan);
  run_free(&q);
  run_free(&p);
  run_free(&a);
}

/* wait 1ms, cpu 1ms with sleep_late 100us: blocking code (sync, threads,
 * processes) wakes 100us late: 2.1ms. An event loop's wait is a timer (its
 * lateness is timer_late): 2ms; a block step inside it is time.sleep: 2.1ms. */
static void profile_sleep_late(void **state) {
  (void)state;
  const char *yaml = "name: t\ntasks:\n  - {name: a, steps: [{wait: 1ms}, {cpu: 1ms}]}\n";
  const char *strategies[] = {"sync", "threads", "threads:model=cpython", "processes", "queue"};
  run r;
  for (size_t i = 0; i < sizeof strategies / sizeof strategies[0]; i++) {
    run_prof(&r, yaml, "sleep_late: 100us\n", strategies[i], 0);
    assert_int_equal(r.res.makespan, 2100);
    run_free(&r);
  }
  run_prof(&r, yaml, "sleep_late: 100us\n", "async", 0);
  assert_int_equal(r.res.makespan, MS(2));
  run_free(&r);
  run_prof(&r, "name: t\ntasks:\n  - {name: a, steps: [{block: 1ms}, {cpu: 1ms}]}\n",
           "sleep_late: 100us\n", "async", 0);
  assert_int_equal(r.res.makespan, 2100);
  run_free(&r);
}

/* Two cpu steps of 1ms with step_cost 5us: 2.010ms of work, all busy. */
static void profile_step_cost(void **state) {
  (void)state;
  run r;
  run_prof(&r, "name: t\ntasks:\n  - {name: a, steps: [{cpu: 1ms}, {cpu: 1ms}]}\n",
           "step_cost: 5us\n", "sync", 0);
  assert_int_equal(r.res.makespan, 2010);
  assert_int_equal(r.res.busy, 2010);
  run_free(&r);
}

/* cpu_scale 1.5: a cpu step of 1ms takes 1.5ms of worker time, 2ms take 3ms
 * (then step_cost 5us on top of each): 4.5ms, or 4.510ms. */
static void profile_cpu_scale(void **state) {
  (void)state;
  const char *yaml = "name: t\ntasks:\n  - {name: a, steps: [{cpu: 1ms}, {cpu: 2ms}]}\n";
  run r;
  run_prof(&r, yaml, "cpu_scale: 1.5\n", "sync", 0);
  assert_int_equal(r.res.makespan, 4500);
  run_free(&r);
  run_prof(&r, yaml, "cpu_scale: 1.5\nstep_cost: 5us\n", "async", 0);
  assert_int_equal(r.res.busy, 4510);
  run_free(&r);
}

/* Two tasks of cpu 1ms, a thread each, thread_start 50us: thread 1 is up at
 * 50us and runs a [50, 1050); thread 2 is up at 100us and waits for the GIL
 * until a ends: b [1050, 2050). processes=2 with process_start 1ms: process 1
 * is up at 1ms, process 2 at 2ms: a [1, 2), b [2, 3). */
static void profile_thread_and_process_start(void **state) {
  (void)state;
  const char *yaml = "name: t\ntasks:\n  - {name: a, steps: [{cpu: 1ms}]}\n"
                     "  - {name: b, steps: [{cpu: 1ms}]}\n";
  run r;
  run_prof(&r, yaml, "thread_start: 50us\n", "threads", 0);
  assert_int_equal(nth_start(&r.res, 0, SIM_SPAN_CPU, 0), 50);
  assert_int_equal(r.res.makespan, 2050);
  run_free(&r);
  run_prof(&r, yaml, "process_start: 1ms\n", "processes:processes=2", 0);
  assert_int_equal(nth_start(&r.res, 1, SIM_SPAN_CPU, 0), MS(2));
  assert_int_equal(r.res.makespan, MS(3));
  run_free(&r);
}

/* Three tasks at t=0, all in the system at once. With task_memory 1KiB,
 * thread_memory 16KiB, thread_stack 8MiB, process_memory 20MiB:
 *   async: one interpreter + 3 tasks = 20MiB + 3KiB;
 *   threads (one per task): 20MiB + 3 x 16KiB resident, 3 x 8MiB reserved;
 *   threads:threads=2 (a pool): 20MiB + 2 x 16KiB for the whole run;
 *   processes=2: the parent and two workers, 3 x 20MiB;
 *   sync: the one interpreter. */
static void profile_memory(void **state) {
  (void)state;
  const char *yaml = "name: t\ntasks:\n  - {name: a, count: 3, steps: [{wait: 1ms}]}\n";
  const char *prof = "task_memory: 1KiB\nthread_memory: 16KiB\nthread_stack: 8MiB\n"
                     "process_memory: 20MiB\n";
  const int64_t K = 1024, M = 1024 * 1024;
  run r;
  run_prof(&r, yaml, prof, "async", 0);
  assert_int_equal(r.res.in_system_peak, 3);
  assert_int_equal(r.res.memory_peak, 20 * M + 3 * K);
  run_free(&r);
  run_prof(&r, yaml, prof, "threads", 0);
  assert_int_equal(r.res.memory_peak, 20 * M + 3 * 16 * K);
  assert_int_equal(r.res.memory_reserved_peak, 3 * 8 * M);
  run_free(&r);
  run_prof(&r, yaml, prof, "threads:threads=2", 0);
  assert_int_equal(r.res.memory_peak, 20 * M + 2 * 16 * K);
  run_free(&r);
  run_prof(&r, yaml, prof, "processes:processes=2", 0);
  assert_int_equal(r.res.memory_peak, 3 * 20 * M);
  run_free(&r);
  run_prof(&r, yaml, prof, "sync", 0);
  assert_int_equal(r.res.memory_peak, 20 * M);
  run_free(&r);
}

/* The documented defaults, and a profile that sets nothing changes nothing. */
static void profile_defaults(void **state) {
  (void)state;
  sim_profile p;
  sim_error err = {0};
  assert_int_equal(sim_profile_load_text("p.yaml", "", 0, &p, &err), 0);
  assert_int_equal(p.loop_hop, 0);
  assert_int_equal(p.timer_resolution, 0);
  assert_int_equal(p.task_memory, 1100);
  assert_int_equal(p.thread_stack, 8 << 20);
  assert_int_equal(p.memory_budget, 0);
  const char *text = "loop_hop: 5us\nthread_memory: 1.5KiB\nmemory_budget: 1GB\n";
  assert_int_equal(sim_profile_load_text("p.yaml", text, strlen(text), &p, &err), 0);
  assert_int_equal(p.loop_hop, 5);
  assert_int_equal(p.thread_memory, 1536);
  assert_int_equal(p.memory_budget, 1000000000);
  run r;
  run_prof(&r, "name: t\ntasks:\n  - {name: a, steps: [{wait: 1s}, {cpu: 1s}]}\n", "", "async", 0);
  assert_int_equal(r.res.makespan, S(2));
  run_free(&r);
}

/* Every file in tests/bad/profiles/ is refused with the message its first line
 * promises ("# expect: LINE:COL: TEXT"), as tests/bad/ scenarios are. */
static void bad_profiles_are_refused(void **state) {
  (void)state;
  static const char *const cases[] = {"unknown_key",      "bad_duration",  "bad_size_unit",
                                      "fractional_bytes", "not_a_mapping", "negative_duration",
                                      "duplicate_key",    "size_is_list"};
  const char *src = getenv("SIMUL_SOURCE_DIR");
  assert_non_null(src);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char path[1024], first[512], want[1200];
    snprintf(path, sizeof path, "%s/tests/bad/profiles/%s.yaml", src, cases[i]);
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("missing %s", path);
    if (!fgets(first, sizeof first, f)) first[0] = '\0';
    fclose(f);
    first[strcspn(first, "\r\n")] = '\0';
    int line, col, used = 0;
    if (sscanf(first, "# expect: %d:%d: %n", &line, &col, &used) != 2 || !used)
      fail_msg("%s: first line must be '# expect: LINE:COL: TEXT'", path);
    snprintf(want, sizeof want, "%s:%d:%d: error: ", path, line, col);
    sim_profile p;
    sim_error err = {0};
    assert_int_equal(sim_profile_load_file(path, &p, &err), SIM_EINPUT);
    if (strncmp(err.msg, want, strlen(want)) != 0)
      fail_msg("%s: message does not start with '%s':\n  %s", cases[i], want, err.msg);
    if (!strstr(err.msg, first + used))
      fail_msg("%s: lacks '%s':\n  %s", cases[i], first + used, err.msg);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(asyncio_timers_join_behind_this_iterations_yields),
      cmocka_unit_test(asyncio_timer_wakes_in_two_trips),
      cmocka_unit_test(asyncio_wait_for_starts_a_new_task),
      cmocka_unit_test(asyncio_wait_for_timeout_runs_from_the_call),
      cmocka_unit_test(asyncio_task_ends_when_it_resumes),
      cmocka_unit_test(cpython_gil_needed_to_resume_after_io),
      cmocka_unit_test(cpython_holder_runs_one_to_two_intervals),
      cmocka_unit_test(cpython_random_handoff_is_seeded),
      cmocka_unit_test(profile_timer_resolution_and_late),
      cmocka_unit_test(profile_loop_hop),
      cmocka_unit_test(profile_loop_costs_in_processes),
      cmocka_unit_test(profile_loop_costs_processes_match_async),
      cmocka_unit_test(profile_sleep_late),
      cmocka_unit_test(profile_step_cost),
      cmocka_unit_test(profile_cpu_scale),
      cmocka_unit_test(profile_thread_and_process_start),
      cmocka_unit_test(profile_memory),
      cmocka_unit_test(profile_defaults),
      cmocka_unit_test(bad_profiles_are_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

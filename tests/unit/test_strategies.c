/* test_strategies.c - threads, processes and queue: the reference numbers
 * docs/strategies.md derives, the GIL's rules, parameter
 * validation, and invariants.h on every strategy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "sim/run.h"

/* --- helpers ----------------------------------------------------------------- */

/* Index of the lane called `name`, or -1. */
static int lane_named(const sim_result *res, const char *name) {
  for (int l = 0; l < res->nlanes; l++)
    if (strcmp(res->lanes[l].name, name) == 0) return l;
  return -1;
}

/* The n-th (0-based) span of `kind` for a task, in time order. One row's
 * spans never overlap, and spans are stored in the order they ended, so the
 * n-th stored is the n-th in time. */
static const sim_span *nth_span(const sim_result *res, sim_span_kind kind, int32_t task, int n) {
  for (size_t i = 0; i < res->nspans; i++) {
    const sim_span *s = &res->spans[i];
    if (s->kind == kind && s->task == task && n-- == 0) return s;
  }
  return NULL;
}

/* Under the GIL the GIL lane's spans say who holds it: every cpu span must
 * lie inside a GIL span of the same task. Spans end in time order, so a
 * linear merge would do; the scan keeps the test obvious. */
static void assert_cpu_inside_gil(const sim_result *res) {
  int gil = lane_named(res, "GIL");
  assert_true(gil >= 0);
  size_t ngil = 0;
  const sim_span **holds = malloc(res->nspans * sizeof *holds);
  assert_non_null(holds);
  for (size_t i = 0; i < res->nspans; i++)
    if (res->spans[i].kind == SIM_SPAN_GIL) {
      assert_int_equal(res->spans[i].lane, gil);
      holds[ngil++] = &res->spans[i];
    }
  /* Both are sorted by end; walk them together. */
  size_t h = 0;
  for (size_t i = 0; i < res->nspans; i++) {
    const sim_span *c = &res->spans[i];
    if (c->kind != SIM_SPAN_CPU) continue;
    while (h < ngil && holds[h]->end < c->end) h++;
    if (h == ngil || holds[h]->task != c->task || holds[h]->start > c->start)
      fail_msg("cpu span of task %d at %lld us is not under its GIL hold", (int)c->task,
               (long long)c->start);
  }
  free(holds);
}

#define S(x)  ((sim_time)(x)*SIM_S)
#define MS(x) ((sim_time)(x)*SIM_MS)

/* --- an independent model of core sharing ------------------------------------------ */

/* The chess exhibition on `nlanes` threads or processes sharing `cores`
 * cores, written from docs/strategies.md's rules (threads, items 2-4) with
 * none of the engine's code: time advances in 5 ms ticks (the switch
 * interval; every duration in chess is a multiple of it, so every event falls
 * on a tick). The lanes take the 24 boards from one queue in file order; a
 * lane wanting cpu takes a free core or joins the back of one FIFO; while
 * lanes wait, the longest holder is preempted one interval after the later of
 * the moment it became the longest holder and the moment the head of the
 * queue began waiting, and joins the back. Returns the makespan in ticks.
 * The engine's makespans below are checked against it, so a number in them
 * is this model's answer, not a copy of the engine's output. */
enum { SHARE_TICK_MS = 5, SHARE_MOVE = 5000 / SHARE_TICK_MS, SHARE_THINK = 55000 / SHARE_TICK_MS };
enum { SHARE_THINKING, SHARE_WAITING, SHARE_RUNNING, SHARE_DONE };
typedef struct {
  int state;
  long wake, since, took, left, order; /* ticks; order breaks ties between wakes */
  int board, moves;
} share_lane;

static int share_longest_holder(const share_lane *l, int n) {
  int best = -1;
  for (int i = 0; i < n; i++)
    if (l[i].state == SHARE_RUNNING && (best < 0 || l[i].took < l[best].took)) best = i;
  return best;
}

static long share_chess_model(int nlanes, int cores, int boards, int rounds) {
  share_lane l[32];
  int queue[32], nq = 0, next_board = 0, free_cores = cores, longest = -1;
  long order = 0, makespan = 0, became = 0;
  assert_true(nlanes <= 32);
  for (int i = 0; i < nlanes; i++)
    l[i] = (share_lane){.state = SHARE_THINKING, .wake = 0, .order = order++, .board = -1};
  for (long t = 0;; t++) {
    /* Moves that ended: the board thinks; the core goes to the queue's head. */
    for (int i = 0; i < nlanes; i++) {
      if (l[i].state != SHARE_RUNNING || l[i].left > 0) continue;
      l[i] =
          (share_lane){SHARE_THINKING, t + SHARE_THINK, 0, 0, 0, order++, l[i].board, l[i].moves};
      free_cores++;
      if (nq > 0) {
        int h = queue[0];
        memmove(queue, queue + 1, (size_t)--nq * sizeof *queue);
        l[h].state = SHARE_RUNNING, l[h].took = t, free_cores--;
      }
    }
    /* Replies that came back, in the order they were due: the next move, or
     * the next board, or nothing left. */
    for (;;) {
      int w = -1;
      for (int i = 0; i < nlanes; i++)
        if (l[i].state == SHARE_THINKING && l[i].wake == t && (w < 0 || l[i].order < l[w].order))
          w = i;
      if (w < 0) break;
      if (l[w].board >= 0 && ++l[w].moves == rounds) {
        if (t > makespan) makespan = t;
        l[w].board = -1;
      }
      if (l[w].board < 0) {
        if (next_board == boards) {
          l[w].state = SHARE_DONE;
          continue;
        }
        l[w].board = next_board++, l[w].moves = 0;
      }
      l[w].left = SHARE_MOVE;
      if (free_cores > 0)
        l[w].state = SHARE_RUNNING, l[w].took = t, free_cores--;
      else
        l[w].state = SHARE_WAITING, l[w].since = t, queue[nq++] = w;
    }
    int lh = share_longest_holder(l, nlanes);
    if (lh != longest) longest = lh, became = t;
    if (nq > 0 && lh >= 0) {
      long from = became > l[lh].took ? became : l[lh].took;
      if (l[queue[0]].since > from) from = l[queue[0]].since;
      if (t >= from + 1) { /* one core changes hands */
        int h = queue[0];
        memmove(queue, queue + 1, (size_t)--nq * sizeof *queue);
        l[lh].state = SHARE_WAITING, l[lh].since = t, queue[nq++] = lh;
        l[h].state = SHARE_RUNNING, l[h].took = t;
        longest = share_longest_holder(l, nlanes), became = t;
      }
    }
    int alive = 0;
    for (int i = 0; i < nlanes; i++) {
      if (l[i].state == SHARE_RUNNING) l[i].left--;
      if (l[i].state != SHARE_DONE) alive = 1;
    }
    if (!alive) return makespan;
  }
}

/* The model agrees with the hand derivations it can be checked against
 * (docs/strategies.md): a core per board plays each game alone, 1800 s; four
 * cores for four processes play six games each, 10800 s. */
static void share_model_matches_the_hand_derivations(void **state) {
  (void)state;
  assert_int_equal(share_chess_model(24, 24, 24, 30) * SHARE_TICK_MS, 1800 * 1000);
  assert_int_equal(share_chess_model(4, 4, 24, 30) * SHARE_TICK_MS, 10800 * 1000);
  assert_int_equal(share_chess_model(1, 1, 24, 30) * SHARE_TICK_MS, 43200 * 1000); /* sync */
}

/* --- the table and the parameters ------------------------------------------------ */

static void table_lists_five_strategies_in_order(void **state) {
  (void)state;
  const char *names[] = {"sync", "async", "threads", "processes", "queue"};
  assert_int_equal(sim_strategy_kind_count(), 5);
  for (size_t i = 0; i < 5; i++) assert_string_equal(sim_strategy_kind_name(i), names[i]);
  char help[1024];
  assert_true(sim_strategy_kind_params_help(2, help, sizeof help) > 0);
  assert_non_null(strstr(help, "gil=on|off"));
  assert_non_null(strstr(help, "switch_cost=D"));
}

static void expect_parse_error(const char *text, const char *message) {
  sim_strategy *s = NULL;
  sim_error err;
  assert_int_equal(sim_strategy_parse(text, "--strategy", &s, &err), SIM_EINPUT);
  assert_null(s);
  assert_string_equal(err.msg, message);
}

static void bad_parameters_list_what_is_valid(void **state) {
  (void)state;
  expect_parse_error(
      "threads:gil=maybe",
      "--strategy: error: threads: gil=maybe is not valid (expected one of: on/off)");
  expect_parse_error("processes:mode=threaded", "--strategy: error: processes: mode=threaded is "
                                                "not valid (expected one of: sync/async)");
  expect_parse_error("queue:workers=0", "--strategy: error: queue: workers=0 is not valid "
                                        "(expected a whole number from 1 to 10000000)");
  expect_parse_error("threads:cores=-1", "--strategy: error: threads: cores=-1 is not valid "
                                         "(expected a whole number from 0 to 10000000)");
  expect_parse_error("queue:threads=4",
                     "--strategy: error: queue has no parameter 'threads' (it takes: workers, "
                     "latency, switch_cost, timeouts)");
  sim_strategy *s = NULL;
  sim_error err;
  assert_int_equal(sim_strategy_parse("threads:switch=10ms,gil=off,cores=4", "x", &s, &err), 0);
  assert_string_equal(sim_strategy_label(s), "threads:switch=10ms,gil=off,cores=4");
  sim_strategy_free(s);
}

/* Values that parse but make no sense together are refused when the run
 * starts, with exit status 2 like any bad input. */
static void contradictory_parameters_are_input_errors(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "threads:cores=4");
  assert_int_equal(r.rc, SIM_EINPUT);
  assert_non_null(strstr(r.err.msg, "error: threads: cores=4 needs gil=off"));
  run_free(&r);
  run_text(&r, "chess", NULL, "threads:switch=0");
  assert_int_equal(r.rc, SIM_EINPUT);
  assert_non_null(strstr(r.err.msg, "error: threads: switch=0 is not valid"));
  run_free(&r);
  run_text(&r, "chess", NULL, "processes:switch=0s");
  assert_int_equal(r.rc, SIM_EINPUT);
  run_free(&r);
}

/* --- the chess exhibition ---------------------------------------------------------- */

/* Four processes, each playing six whole games one after another. */
static void processes_4_chess_is_10800s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "processes:processes=4");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(10800));
  assert_int_equal(r.res.busy, S(3600));
  assert_int_equal(r.res.cores, 4);
  assert_int_equal(r.res.nlanes, 4);
  assert_string_equal(r.res.lanes[0].name, "process 1");
  /* Boards are taken in file order: boards 1-4 first, 5-8 next... */
  for (int32_t t = 0; t < 24; t++) assert_int_equal(r.res.task_end[t], S(1800) * (t / 4 + 1));
  assert_int_equal(r.res.switches, 20); /* each process moves to a new board 5 times */
  run_free(&r);
}

/* Four event loops of six boards: a 30 s round of moves, then the 55 s reply
 * of the first board comes back at 60 s, so every round is 60 s. */
static void processes_4_async_chess_is_1825s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "processes:processes=4,mode=async");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(1825));
  for (int32_t t = 0; t < 24; t++) assert_int_equal(r.res.task_end[t], S(1795 + 5 * (t / 4 + 1)));
  run_free(&r);
}

static void processes_spawn_delays_every_process_once(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "processes:processes=4,spawn=2s");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(10802));
  int spawns = 0;
  for (size_t i = 0; i < r.res.nspans; i++) {
    const sim_span *s = &r.res.spans[i];
    if (s->kind != SIM_SPAN_SWITCH) continue;
    assert_int_equal(s->task, -1);
    assert_int_equal(s->start, 0);
    assert_int_equal(s->end, S(2));
    spawns++;
  }
  assert_int_equal(spawns, 4);
  run_free(&r);
}

/* Four processes on two cores: the moves are 5 s, the cores are mostly idle
 * (boards think 55 s), so sharing costs only when two moves collide. */
static void processes_on_fewer_cores_share_them(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "processes:processes=4,cores=2");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.cores, 2);
  /* Processes 1 and 2 start their 5 s moves at 0; 3 and 4 wait, and a core
   * changes hands every 5 ms, longest holder first. The four first moves
   * share two cores, so they end near 10 s, not 5 s: board 2 at 9.990,
   * board 3 at 9.995, boards 1 and 4 at 10. */
  assert_int_equal(nth_span(&r.res, SIM_SPAN_WAIT, 0, 0)->start, S(10));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_WAIT, 1, 0)->start, MS(9990));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_WAIT, 2, 0)->start, MS(9995));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_WAIT, 3, 0)->start, S(10));
  /* After that the moves rarely collide; when they do, the same rule. The
   * makespan is the independent model's (share_chess_model): 11698.215 s. */
  assert_int_equal(r.res.makespan, MS(share_chess_model(4, 2, 24, 30) * SHARE_TICK_MS));
  run_free(&r);
}

static void queue_4_workers_chess_is_10800s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "queue:workers=4");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(10800));
  assert_string_equal(r.res.lanes[3].name, "worker 4");
  run_free(&r);
}

/* Six dequeues per worker at 1 s each: 6 x (1 + 1800) s. */
static void queue_latency_1s_chess_is_10806s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "queue:workers=4,latency=1s");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(10806));
  for (int32_t t = 0; t < 24; t++) assert_int_equal(r.res.task_end[t], S(1801) * (t / 4 + 1));
  /* Board 5 waits in the queue for worker 1's first game and its own dequeue. */
  assert_int_equal(r.res.task_ready[4], S(1802));
  run_free(&r);
}

/* Without the GIL and a core per thread every board is its own game. */
static void threads_nogil_24_cores_chess_is_1800s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "threads:gil=off,cores=24");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(1800));
  for (int32_t t = 0; t < 24; t++) assert_int_equal(r.res.task_end[t], S(1800));
  assert_int_equal(r.res.cores, 24);
  assert_int_equal(r.res.switches, 0);
  assert_int_equal(lane_named(&r.res, "GIL"), -1);
  assert_int_equal(lane_named(&r.res, "thread 24"), 23);
  run_free(&r);
}

/* The GIL shares one core 5 ms at a time (docs/strategies.md derives it). */
static void threads_gil_chess_is_4629_42s(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "threads");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.cores, 1);
  assert_int_equal(r.res.busy, S(3600));
  /* The rounds drift apart (docs/strategies.md); the exact end is the
   * independent model's, one core for 24 threads: 4629.420 s. */
  assert_int_equal(r.res.makespan, MS(share_chess_model(24, 1, 24, 30) * SHARE_TICK_MS));
  assert_int_equal(r.res.nlanes, 25);
  assert_string_equal(r.res.lanes[0].name, "GIL");
  assert_string_equal(r.res.lanes[1].name, "thread 1");
  /* Round 1 is pure round-robin: 1000 turns of 5 ms each; board k's move
   * ends in the last turn, at 119.880 + 0.005 k s; the GIL is busy to 120 s. */
  for (int32_t t = 0; t < 24; t++)
    assert_int_equal(nth_span(&r.res, SIM_SPAN_WAIT, t, 0)->start, MS(119880 + 5 * (t + 1)));
  /* Round 2 opens with board 1 alone on the GIL for 10 ms: 5 ms until
   * board 2 arrives, 5 ms more until board 2 has waited its interval. */
  const sim_span *c = nth_span(&r.res, SIM_SPAN_CPU, 0, 1000);
  assert_int_equal(c->start, MS(174885));
  assert_int_equal(c->end, MS(174895));
  /* Then the rounds drift apart: round 2's moves end 485 ms apart, not 115. */
  assert_int_equal(nth_span(&r.res, SIM_SPAN_WAIT, 0, 1)->start, MS(294400));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_WAIT, 23, 1)->start, MS(294885));
  assert_cpu_inside_gil(&r.res);
  run_free(&r);
}

/* The GIL is a one-core machine: gil=off on one core gives the same run. */
static void threads_gil_is_one_core(void **state) {
  (void)state;
  run a, b;
  run_text(&a, "chess", NULL, "threads");
  run_text(&b, "chess", NULL, "threads:gil=off,cores=1");
  assert_int_equal(a.res.makespan, b.res.makespan);
  assert_int_equal(a.res.switches, b.res.switches);
  for (int32_t t = 0; t < 24; t++) assert_int_equal(a.res.task_end[t], b.res.task_end[t]);
  run_free(&a);
  run_free(&b);
}

/* A pool of four threads without the GIL plays like four processes; one
 * thread under the GIL plays like sync. */
static void threads_pool_takes_tasks_in_file_order(void **state) {
  (void)state;
  run r;
  run_text(&r, "chess", NULL, "threads:threads=4,gil=off");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(10800));
  assert_int_equal(r.res.nlanes, 4);
  run_free(&r);
  run_text(&r, "chess", NULL, "threads:threads=1");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, S(43200));
  assert_int_equal(r.res.switches, 23);
  run_free(&r);
}

/* --- the GIL's rules, by hand ------------------------------------------------------ */

static const char two_10ms[] = "name: two\n"
                               "tasks:\n"
                               "  - name: t\n"
                               "    count: 2\n"
                               "    steps:\n"
                               "      - cpu: 10ms\n";

/* t 1 takes the GIL at 0; t 2 asks at 0 and, after its 5 ms of waiting, gets
 * it at 5 ms. Each handoff costs switch_cost = 1 ms, shown on the GIL lane:
 * t 2 runs 6-11, t 1 12-17 (done), t 2 18-23 (done). */
static void gil_handoffs_pay_switch_cost(void **state) {
  (void)state;
  run r;
  run_text(&r, NULL, two_10ms, "threads:switch_cost=1ms");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, MS(23));
  assert_int_equal(r.res.switches, 3);
  assert_int_equal(r.res.task_end[0], MS(17));
  const sim_span *c = nth_span(&r.res, SIM_SPAN_CPU, 1, 0);
  assert_int_equal(c->start, MS(6));
  assert_int_equal(c->end, MS(11));
  const sim_span *sw = nth_span(&r.res, SIM_SPAN_SWITCH, 1, 0);
  assert_int_equal(sw->start, MS(5));
  assert_int_equal(sw->lane, lane_named(&r.res, "GIL"));
  assert_cpu_inside_gil(&r.res);
  run_free(&r);
}

/* A thread that arrives while another holds the GIL waits exactly one
 * interval from its arrival, not from the holder's start. */
static void gil_waiter_is_served_one_interval_after_it_asks(void **state) {
  (void)state;
  const char *yaml = "name: late\n"
                     "tasks:\n"
                     "  - name: hog\n"
                     "    steps: [{cpu: 1s}]\n"
                     "  - name: io\n"
                     "    steps: [{wait: 333ms}, {cpu: 1ms}]\n";
  run r;
  run_text(&r, NULL, yaml, "threads");
  assert_int_equal(r.rc, 0);
  const sim_span *c = nth_span(&r.res, SIM_SPAN_CPU, 1, 0);
  assert_int_equal(c->start, MS(338));
  assert_int_equal(c->end, MS(339));
  /* The hog was cut once and ran on. Its cut slice's end event is still
   * pending at 1 s, so its next slice stops there: three cpu spans, not a
   * 5 ms slice each (strat_pool.c: slices). */
  assert_int_equal(nth_span(&r.res, SIM_SPAN_CPU, 0, 0)->end, MS(338));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_CPU, 0, 1)->start, MS(339));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_CPU, 0, 1)->end, MS(1000));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_CPU, 0, 2)->end, MS(1001));
  assert_null(nth_span(&r.res, SIM_SPAN_CPU, 0, 3));
  assert_int_equal(r.res.makespan, MS(1001));
  run_free(&r);
}

/* time.sleep(0) under the GIL hands it to the waiting thread at once. */
static void threads_yield_hands_the_gil_over(void **state) {
  (void)state;
  const char *yaml = "name: yield\n"
                     "tasks:\n"
                     "  - name: a\n"
                     "    steps: [{cpu: 1ms}, yield, {cpu: 1ms}]\n"
                     "  - name: b\n"
                     "    steps: [{cpu: 1ms}]\n";
  run r;
  run_text(&r, NULL, yaml, "threads");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.task_end[1], MS(2));
  assert_int_equal(r.res.task_end[0], MS(3));
  run_free(&r);
}

/* Without the GIL, C cores: work-conserving, so 3 x 20 ms on 2 cores end at
 * 30 ms, never more than two at once (the invariants check that). */
static void threads_nogil_share_cores_by_time_slices(void **state) {
  (void)state;
  const char *yaml = "name: three\n"
                     "tasks:\n"
                     "  - name: t\n"
                     "    count: 3\n"
                     "    steps: [{cpu: 20ms}]\n";
  run r;
  run_text(&r, NULL, yaml, "threads:gil=off,cores=2");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.cores, 2);
  assert_int_equal(r.res.makespan, MS(30));
  /* The first handoff: t 3 has waited 5 ms; the longest holder (t 1) yields. */
  assert_int_equal(nth_span(&r.res, SIM_SPAN_CPU, 0, 0)->end, MS(5));
  assert_int_equal(nth_span(&r.res, SIM_SPAN_CPU, 2, 0)->start, MS(5));
  run_free(&r);
}

/* --- the laundry ----------------------------------------------------------------- */

/* Under the GIL every beep (a wash or a dry ends: the load wants the parent
 * again) is served within one switch interval, however long the checklist's
 * 5 min items are: the load is READY at most 5 ms each time. */
static void threads_laundry_serves_each_beep_within_one_switch(void **state) {
  (void)state;
  run r;
  run_text(&r, "laundry", NULL, "threads");
  assert_int_equal(r.rc, 0);
  int beeps = 0;
  sim_time longest = 0;
  for (size_t i = 0; i < r.res.nspans; i++) {
    const sim_span *w = &r.res.spans[i];
    if (w->kind != SIM_SPAN_WAIT || w->task == 0) continue; /* task 0: the checklist */
    beeps++;
    /* What follows the beep: READY for the GIL, then the load's cpu. */
    const sim_span *ready = NULL;
    for (size_t j = 0; j < r.res.nspans; j++) {
      const sim_span *s = &r.res.spans[j];
      if (s->task == w->task && s->kind == SIM_SPAN_READY && s->start == w->end) ready = s;
    }
    sim_time waited = ready ? ready->end - ready->start : 0;
    if (waited > longest) longest = waited;
    assert_true(waited <= MS(5));
  }
  assert_int_equal(beeps, 6);       /* 3 loads x (wash, dry) */
  assert_int_equal(longest, MS(5)); /* the checklist held the GIL: it had to wait */
  /* And the result: loads end at 105, 162, 219 min, the checklist at 68. */
  assert_int_equal(r.res.makespan, 219 * SIM_MIN);
  assert_int_equal(r.res.task_end[0], 68 * SIM_MIN);
  assert_int_equal(r.res.task_end[1], 105 * SIM_MIN);
  assert_int_equal(r.res.task_end[2], 162 * SIM_MIN);
  assert_cpu_inside_gil(&r.res);
  run_free(&r);
}

/* Four processes: the parent is no longer the bottleneck, the washer is. */
static void processes_laundry_is_214min(void **state) {
  (void)state;
  run r;
  run_text(&r, "laundry", NULL, "processes:processes=4");
  assert_int_equal(r.rc, 0);
  assert_int_equal(r.res.makespan, 214 * SIM_MIN);
  assert_int_equal(r.res.task_end[0], 60 * SIM_MIN);
  assert_int_equal(r.res.task_end[1], 100 * SIM_MIN);
  assert_int_equal(r.res.task_end[2], 157 * SIM_MIN);
  run_free(&r);
}

/* --- invariants, determinism, failures -------------------------------------------- */

static const char workshop[] = "name: workshop\n"
                               "resources: {bench: 2, saw: 1}\n"
                               "tasks:\n"
                               "  - name: joiner\n"
                               "    count: 5\n"
                               "    repeat: 3\n"
                               "    steps:\n"
                               "      - acquire: bench\n"
                               "      - cpu: 40ms\n"
                               "      - cpu: 7ms\n"
                               "      - acquire: saw\n"
                               "      - cpu: 3ms\n"
                               "      - release: saw\n"
                               "      - wait: 25ms\n"
                               "      - release: bench\n"
                               "      - yield\n"
                               "  - name: clerk\n"
                               "    count: 2\n"
                               "    repeat: 8\n"
                               "    steps:\n"
                               "      - cpu: 11ms\n"
                               "      - yield\n"
                               "      - wait: 4ms\n";

static void invariants_hold_for_every_strategy(void **state) {
  (void)state;
  const char *strategies[] = {
      "sync",
      "async",
      "threads",
      "threads:switch=1ms",
      "threads:switch_cost=2ms",
      "threads:threads=2",
      "threads:threads=3,switch=3ms,switch_cost=1ms",
      "threads:gil=off",
      "threads:gil=off,cores=2",
      "threads:gil=off,cores=3,threads=5,switch=2ms,switch_cost=1ms",
      "processes",
      "processes:processes=3,cores=2",
      "processes:processes=2,mode=async",
      "processes:processes=3,mode=async,cores=2,switch=4ms,switch_cost=1ms",
      "processes:processes=2,spawn=3ms,switch_cost=1ms",
      "queue",
      "queue:workers=2,latency=5ms",
      "queue:workers=3,latency=1ms,switch_cost=2ms",
  };
  /* Shortened so a 1 ms switch stays cheap; the full-size runs are checked
   * by the tests above. */
  const char *builtins[] = {"chess", "laundry", NULL};
  const char *sets[] = {"tasks.board.repeat=2", "tasks.checklist.repeat=3", NULL};
  for (size_t s = 0; s < sizeof strategies / sizeof *strategies; s++) {
    for (int b = 0; b < 3; b++) {
      run r;
      run_set(&r, builtins[b], builtins[b] ? NULL : workshop, sets[b], strategies[s]);
      if (r.rc != 0) fail_msg("%s: %s", strategies[s], r.err.msg);
      assert_true(r.res.nspans > 0);
      if (lane_named(&r.res, "GIL") >= 0) assert_cpu_inside_gil(&r.res);
      run_free(&r);
    }
  }
}

/* Threads run at once, so opposite lock orders deadlock; sync cannot. */
static void threads_deadlock_is_reported(void **state) {
  (void)state;
  const char *yaml = "name: locks\n"
                     "resources: {a: 1, b: 1}\n"
                     "tasks:\n"
                     "  - name: ab\n"
                     "    steps: [{acquire: a}, {wait: 1s}, {acquire: b}, {release: b}, "
                     "{release: a}]\n"
                     "  - name: ba\n"
                     "    steps: [{acquire: b}, {wait: 1s}, {acquire: a}, {release: a}, "
                     "{release: b}]\n";
  run r;
  run_text(&r, NULL, yaml, "sync");
  assert_int_equal(r.rc, 0);
  run_free(&r);
  const char *strategies[] = {"threads", "threads:gil=off", "processes:processes=2", "queue"};
  for (size_t s = 0; s < 4; s++) {
    run_text(&r, NULL, yaml, strategies[s]);
    assert_int_equal(r.rc, SIM_EFAIL);
    assert_non_null(strstr(r.err.msg, "deadlock"));
    assert_non_null(strstr(r.err.msg, "'ab' waits for 'b'"));
    run_free(&r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(share_model_matches_the_hand_derivations),
      cmocka_unit_test(table_lists_five_strategies_in_order),
      cmocka_unit_test(bad_parameters_list_what_is_valid),
      cmocka_unit_test(contradictory_parameters_are_input_errors),
      cmocka_unit_test(processes_4_chess_is_10800s),
      cmocka_unit_test(processes_4_async_chess_is_1825s),
      cmocka_unit_test(processes_spawn_delays_every_process_once),
      cmocka_unit_test(processes_on_fewer_cores_share_them),
      cmocka_unit_test(queue_4_workers_chess_is_10800s),
      cmocka_unit_test(queue_latency_1s_chess_is_10806s),
      cmocka_unit_test(threads_nogil_24_cores_chess_is_1800s),
      cmocka_unit_test(threads_gil_chess_is_4629_42s),
      cmocka_unit_test(threads_gil_is_one_core),
      cmocka_unit_test(threads_pool_takes_tasks_in_file_order),
      cmocka_unit_test(gil_handoffs_pay_switch_cost),
      cmocka_unit_test(gil_waiter_is_served_one_interval_after_it_asks),
      cmocka_unit_test(threads_yield_hands_the_gil_over),
      cmocka_unit_test(threads_nogil_share_cores_by_time_slices),
      cmocka_unit_test(threads_laundry_serves_each_beep_within_one_switch),
      cmocka_unit_test(processes_laundry_is_214min),
      cmocka_unit_test(invariants_hold_for_every_strategy),
      cmocka_unit_test(threads_deadlock_is_reported),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_evq.c - the event queue's one ordering rule: (time, seq), FIFO ties,
 * kept by the heap and by the delay queues beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "evq.h"

static void event_pops_in_time_order(void **state) {
  (void)state;
  evq q;
  evq_init(&q);
  const sim_time times[] = {50, 10, 40, 30, 20, 0, 60};
  for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
    assert_int_equal(evq_push(&q, (evq_event){.time = times[i], .a = (uint32_t)i}), 0);
  sim_time last = -1;
  evq_event ev;
  int n = 0;
  while (evq_pop(&q, &ev) == 0) {
    assert_true(ev.time > last);
    last = ev.time;
    n++;
  }
  assert_int_equal(n, 7);
  evq_free(&q);
}

static void event_same_time_fifo(void **state) {
  (void)state;
  evq q;
  evq_init(&q);
  /* 1000 events at three instants, interleaved: each instant must come out
   * in push order, whatever the heap's shape. */
  for (uint32_t i = 0; i < 1000; i++)
    assert_int_equal(evq_push(&q, (evq_event){.time = (sim_time)(i % 3) * 5, .a = i}), 0);
  evq_event ev;
  uint32_t expect_time = 0, last_a = 0;
  int first = 1, n = 0;
  while (evq_pop(&q, &ev) == 0) {
    if (!first && ev.time == expect_time) assert_true(ev.a > last_a);
    if (ev.time != expect_time) {
      assert_int_equal(ev.time, expect_time + 5);
      expect_time = (uint32_t)ev.time;
    }
    assert_int_equal(ev.a % 3, ev.time / 5);
    last_a = ev.a;
    first = 0;
    n++;
  }
  assert_int_equal(n, 1000);
  evq_free(&q);
}

static void event_pushed_during_pops_keeps_order(void **state) {
  (void)state;
  evq q;
  evq_init(&q);
  evq_push(&q, (evq_event){.time = 10, .a = 1});
  evq_push(&q, (evq_event){.time = 10, .a = 2});
  evq_event ev;
  assert_int_equal(evq_pop(&q, &ev), 0);
  assert_int_equal(ev.a, 1);
  /* Scheduled later for the same instant: goes after the one still queued. */
  evq_push(&q, (evq_event){.time = 10, .a = 3});
  evq_push(&q, (evq_event){.time = 5, .a = 4});
  uint32_t order[3];
  for (int i = 0; i < 3; i++) {
    assert_int_equal(evq_pop(&q, &ev), 0);
    order[i] = ev.a;
  }
  assert_int_equal(order[0], 4);
  assert_int_equal(order[1], 2);
  assert_int_equal(order[2], 3);
  assert_int_equal(evq_pop(&q, &ev), -1);
  evq_free(&q);
}

static void event_seq_is_stamped_by_push(void **state) {
  (void)state;
  evq q;
  evq_init(&q);
  evq_push(&q, (evq_event){.time = 1, .seq = 999});
  evq_push(&q, (evq_event){.time = 1, .seq = 0});
  evq_event a, b;
  evq_pop(&q, &a);
  evq_pop(&q, &b);
  assert_true(a.seq < b.seq);
  assert_int_equal(a.seq, 0);
  evq_free(&q);
}

/* Pops the queue and checks the event against the list's smallest (time,
 * seq), which it removes from the list; returns the event. */
static evq_event pop_matches_list(evq *q, evq_event *list, size_t *nlist) {
  size_t best = 0;
  for (size_t i = 1; i < *nlist; i++)
    if (evq_before(&list[i], &list[best])) best = i;
  evq_event ev;
  assert_int_equal(evq_pop(q, &ev), 0);
  assert_int_equal(ev.a, list[best].a);
  assert_int_equal(ev.time, list[best].time);
  assert_int_equal(ev.seq, list[best].seq);
  list[best] = list[--*nlist];
  return ev;
}

/* Pushes and pops interleaved at random, against a plain list: every pop
 * must be the list's smallest (time, seq), whatever the heap's shape (the
 * bottom-up pop moves the last event through other paths than a
 * top-down one). Times repeat, so ties are exercised too. */
static void event_random_interleaving_matches_a_list(void **state) {
  (void)state;
  enum { OPS = 20000 };
  static evq_event list[OPS];
  size_t nlist = 0;
  uint64_t seq = 0, x = 42;
  evq q;
  evq_init(&q);
  for (int op = 0; op < OPS; op++) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    if ((x >> 60) < 9 || nlist == 0) { /* 9 in 16: the queue grows, then drains */
      evq_event ev = {.time = (sim_time)((x >> 20) % 50), .a = (uint32_t)op};
      assert_int_equal(evq_push(&q, ev), 0);
      ev.seq = seq++;
      list[nlist++] = ev;
      continue;
    }
    pop_matches_list(&q, list, &nlist);
  }
  assert_int_equal(q.len, nlist);
  evq_free(&q);
}

/* Delay queues beside the heap (evq_add_delay): with a clock that only goes
 * forward, events scheduled with registered delays (some short, some long,
 * one of them 0) and with others that go to the heap must come out exactly
 * as from a plain list: smallest (time, seq) first. The rings grow and wrap
 * around (the long delay keeps hundreds queued while the head moves). */
static void delay_queues_interleave_with_the_heap(void **state) {
  (void)state;
  enum { OPS = 30000 };
  static evq_event list[OPS];
  static const sim_time delays[] = {0, 5, 55, 700, 3, 11};
  size_t nlist = 0;
  uint64_t seq = 0, x = 7;
  sim_time now = 0;
  evq q;
  evq_init(&q);
  for (int i = 0; i < EVQ_DELAYS; i++) assert_int_equal(evq_add_delay(&q, delays[i]), 0);
  assert_int_equal(evq_add_delay(&q, delays[0]), 0); /* already there */
  assert_int_equal(evq_add_delay(&q, 12345), -1);    /* full */
  size_t most = 0;
  for (int op = 0; op < OPS; op++) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    if ((x >> 60) < 9 || nlist == 0) {
      sim_time d = delays[(x >> 20) % 6]; /* 4 of 6 registered, 2 go to the heap */
      assert_int_equal(evq_schedule(&q, now + d, d, 1, (uint32_t)op, 2, 3), 0);
      list[nlist++] = (evq_event){.time = now + d, .seq = seq++, .kind = 1, .a = (uint32_t)op};
      if (nlist > most) most = nlist;
      continue;
    }
    evq_event ev = pop_matches_list(&q, list, &nlist);
    assert_true(ev.kind == 1 && ev.b == 2 && ev.c == 3);
    now = ev.time; /* the clock moves to the event, never back */
  }
  assert_true(most > 64); /* the rings grew past their first size */
  assert_true(q.dq[3].cap > 64);
  while (nlist > 0) pop_matches_list(&q, list, &nlist);
  evq_event ev;
  assert_int_equal(evq_pop(&q, &ev), -1);
  evq_free(&q);
}

/* A ring full and wrapped around (its head past the middle) grows: the
 * events keep their order. 40 events pushed and popped move the head of
 * delay 10's ring (64 slots, its first size) to slot 40; 64 more fill it,
 * the last 40 in slots 0..39; the 65th doubles it. All 65 come out in push
 * order, at time 20 (pushed at now = 10). */
static void a_wrapped_ring_grows_in_order(void **state) {
  (void)state;
  evq q;
  evq_init(&q);
  assert_int_equal(evq_add_delay(&q, 10), 0);
  evq_event ev;
  for (uint32_t i = 0; i < 40; i++) assert_int_equal(evq_schedule(&q, 10, 10, 0, i, 0, 0), 0);
  for (uint32_t i = 0; i < 40; i++) {
    assert_int_equal(evq_pop(&q, &ev), 0);
    assert_int_equal(ev.a, i);
  }
  assert_int_equal(q.dq[0].head, 40);
  assert_int_equal(q.dq[0].cap, 64);
  for (uint32_t i = 0; i < 65; i++) assert_int_equal(evq_schedule(&q, 20, 10, 0, 100 + i, 0, 0), 0);
  assert_int_equal(q.dq[0].cap, 128);
  assert_int_equal(q.len, 0); /* nothing went to the heap */
  for (uint32_t i = 0; i < 65; i++) {
    assert_int_equal(evq_pop(&q, &ev), 0);
    assert_int_equal(ev.a, 100 + i);
    assert_int_equal(ev.time, 20);
    assert_int_equal(ev.seq, 40 + i);
  }
  assert_int_equal(evq_pop(&q, &ev), -1);
  evq_free(&q);
}

/* Ties on time between the heap's top and the queues' heads go by seq,
 * either way round. Delays 5 and 0 have queues; 6 and 3 go to the heap.
 * At now 0: X at 6 (heap, seq 0). At now 1: A at 6 (ring 5, seq 1). At now
 * 3: Y at 6 (heap, seq 2). Pop X (now 6), then schedule Z at 6 (ring 0, seq
 * 3) and W at 9 (heap, seq 4). The order: X, A, Y, Z, W. */
static void ties_between_heap_and_rings_go_by_seq(void **state) {
  (void)state;
  evq q;
  evq_init(&q);
  assert_int_equal(evq_add_delay(&q, 5), 0);
  assert_int_equal(evq_add_delay(&q, 0), 0);
  enum { X = 1, A, Y, Z, W };
  assert_int_equal(evq_schedule(&q, 6, 6, 0, X, 0, 0), 0);
  assert_int_equal(evq_schedule(&q, 6, 5, 0, A, 0, 0), 0);
  assert_int_equal(evq_schedule(&q, 6, 3, 0, Y, 0, 0), 0);
  assert_int_equal(q.len, 2); /* X and Y */
  evq_event ev;
  assert_int_equal(evq_pop(&q, &ev), 0);
  assert_int_equal(ev.a, X);
  assert_int_equal(evq_schedule(&q, 6, 0, 0, Z, 0, 0), 0);
  assert_int_equal(evq_schedule(&q, 9, 3, 0, W, 0, 0), 0);
  static const uint32_t order[] = {A, Y, Z, W};
  static const sim_time at[] = {6, 6, 6, 9};
  for (int i = 0; i < 4; i++) {
    assert_int_equal(evq_pop(&q, &ev), 0);
    assert_int_equal(ev.a, order[i]);
    assert_int_equal(ev.time, at[i]);
  }
  assert_int_equal(evq_pop(&q, &ev), -1);
  evq_free(&q);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(event_pops_in_time_order),
      cmocka_unit_test(event_same_time_fifo),
      cmocka_unit_test(event_pushed_during_pops_keeps_order),
      cmocka_unit_test(event_seq_is_stamped_by_push),
      cmocka_unit_test(event_random_interleaving_matches_a_list),
      cmocka_unit_test(delay_queues_interleave_with_the_heap),
      cmocka_unit_test(a_wrapped_ring_grows_in_order),
      cmocka_unit_test(ties_between_heap_and_rings_go_by_seq),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

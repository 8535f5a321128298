/* evq.h - internal: the event queue, a binary min-heap ordered by (time, seq).
 *
 * The whole engine's notion of "what happens next" is evq_before(): earlier
 * time first, and at the same time the event scheduled first (lower seq).
 * That FIFO rule is what makes runs deterministic and what docs/strategies.md (Ties) promises.
 * A binary heap keeps push/pop O(log n); the alternatives rejected were an
 * unsorted list (Redis ae.c: O(n) per pop) and a calendar queue (faster only
 * when event times are spread evenly, which ours are not).
 * The queue owns its array; events are small values copied in and out.
 */
#ifndef SIM_EVQ_H
#define SIM_EVQ_H

#include <stddef.h>
#include <stdint.h>

#include "sim/sim_time.h"

typedef struct evq_event {
  sim_time time;
  uint64_t seq;     /* assigned by evq_push: the tie-breaker */
  uint32_t kind;    /* eng_event_kind or a strategy's own */
  uint32_t a, b, c; /* payload: usually task, lane, generation */
} evq_event;

/* Events scheduled with one delay, in a ring. The clock never goes back, so
 * events pushed `delay` after now arrive in (time, seq) order: the queue is
 * sorted by construction and its head is its first event. */
typedef struct evq_delayq {
  sim_time delay;
  evq_event *ring; /* cap a power of two */
  size_t head, len, cap;
} evq_delayq;

/* Delays a queue may register: a plain run's step durations (engine_api.h,
 * "the plain loop"); the chess exhibition has two. Every pop looks at each
 * registered queue's head, so they stay few. */
#define EVQ_DELAYS 4

typedef struct evq {
  evq_event *heap;
  size_t len, cap;
  uint64_t next_seq;
  int ndelays;
  evq_delayq dq[EVQ_DELAYS];
} evq;

void evq_init(evq *q);
void evq_free(evq *q);

/* Registers a delay whose events evq_schedule keeps in a queue of their own
 * instead of the heap: 0, or -1 when EVQ_DELAYS are registered already. Any
 * run could; only a plain run does, where every delay is known at the start
 * and pushing one then costs a compare and a store instead of a heap walk
 * (a timer wheel was the alternative: its slots are times, not delays, and
 * it needs a resolution, which a microsecond clock over hours makes large). */
int evq_add_delay(evq *q, sim_time delay);

/* True when x must be handled before y: (time, seq) order. */
static inline int evq_before(const evq_event *x, const evq_event *y) {
  return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

/* push and pop are inline: the engine does one of each per event, and the
 * call itself (saving the registers a heap walk needs) was a fifth of their
 * cost; a separate function kept a big run 15% slower (docs/performance.md). */

/* Doubles the array; 0, or -1 when out of memory. */
int evq_grow(evq *q);

/* Copies ev in, stamping its seq. Returns 0, or -1 when out of memory. */
static inline int evq_push(evq *q, evq_event ev) {
  if (q->len == q->cap && evq_grow(q) != 0) return -1;
  ev.seq = q->next_seq++;
  /* Sift up: move parents down until ev's place is found (one write per level). */
  size_t i = q->len++;
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!evq_before(&ev, &q->heap[parent])) break;
    q->heap[i] = q->heap[parent];
    i = parent;
  }
  q->heap[i] = ev;
  return 0;
}

int evq_delayq_grow(evq_delayq *d);

/* Pushes the event (time, kind, a, b, c), `delay` after now on the caller's
 * clock, which never goes back: into the delay's own queue if it has one,
 * else the heap. Returns 0, or -1 when out of memory. The fields are stored
 * one by one into the ring: an evq_event built on the stack and copied in
 * was read back with 16-byte loads from 4- and 8-byte stores, which the CPU
 * cannot forward (a stall of about 15 cycles, twice an event: a 1M-board
 * run took 0.96 s instead of 0.59 s, docs/performance.md). */
#if defined(__GNUC__)
#define EVQ_ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define EVQ_ALWAYS_INLINE static inline
#endif

/* Always inline: gcc otherwise calls it out of line from a plain loop, and
 * the call with its register saves was a third of its cost. */
EVQ_ALWAYS_INLINE int evq_schedule(evq *q, sim_time time, sim_time delay, uint32_t kind, uint32_t a,
                                   uint32_t b, uint32_t c) {
  for (int i = 0; i < q->ndelays; i++) {
    evq_delayq *d = &q->dq[i];
    if (d->delay != delay) continue;
    if (d->len == d->cap && evq_delayq_grow(d) != 0) return -1;
    evq_event *slot = &d->ring[(d->head + d->len++) & (d->cap - 1)];
    slot->time = time;
    slot->seq = q->next_seq++;
    slot->kind = kind;
    slot->a = a;
    slot->b = b;
    slot->c = c;
    return 0;
  }
  evq_event ev = {.time = time, .kind = kind, .a = a, .b = b, .c = c};
  return evq_push(q, ev);
}

/* evq_schedule out of line: for the general loop, which registers delays
 * only when a strategy declined a plain run (and then pays a call), so that
 * its own inline push stays small enough to be inlined (engine_api.h,
 * eng_schedule). */
int evq_schedule_call(evq *q, sim_time time, sim_time delay, uint32_t kind, uint32_t a, uint32_t b,
                      uint32_t c);

/* Removes the heap's first event (the heap is not empty) into *out.
 * Floyd's bottom-up pop: the hole left at the root walks down to a leaf
 * along the smaller children (one comparison a level, not two), then the last
 * event climbs back up from there - rarely more than a level, since it came
 * from the bottom. */
static inline void evq_heap_pop(evq *q, evq_event *out) {
  *out = q->heap[0];
  size_t n = --q->len;
  if (n == 0) return;
  evq_event *h = q->heap;
  size_t i = 0;
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && evq_before(&h[child + 1], &h[child])) child++;
    h[i] = h[child];
    i = child;
  }
  evq_event last = h[n];
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!evq_before(&last, &h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = last;
}

/* Removes the first event into *out; returns 0, or -1 when empty. The first
 * is the earliest of the heap's top and the delay queues' heads. */
static inline int evq_pop(evq *q, evq_event *out) {
  const evq_event *best = q->len ? &q->heap[0] : NULL;
  evq_delayq *from = NULL;
  for (int i = 0; i < q->ndelays; i++) {
    evq_delayq *d = &q->dq[i];
    if (d->len && (!best || evq_before(&d->ring[d->head], best))) {
      best = &d->ring[d->head];
      from = d;
    }
  }
  if (!from) {
    if (!best) return -1;
    evq_heap_pop(q, out);
    return 0;
  }
  *out = *best;
  from->head = (from->head + 1) & (from->cap - 1);
  from->len--;
  return 0;
}

#endif

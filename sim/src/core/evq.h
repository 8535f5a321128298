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

typedef struct evq {
  evq_event *heap;
  size_t len, cap;
  uint64_t next_seq;
} evq;

void evq_init(evq *q);
void evq_free(evq *q);

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

/* Removes the first event into *out; returns 0, or -1 when empty.
 * Floyd's bottom-up pop: the hole left at the root walks down to a leaf
 * along the smaller children (one comparison a level, not two), then the last
 * event climbs back up from there - rarely more than a level, since it came
 * from the bottom. */
static inline int evq_pop(evq *q, evq_event *out) {
  if (q->len == 0) return -1;
  *out = q->heap[0];
  size_t n = --q->len;
  if (n == 0) return 0;
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
  return 0;
}

#endif

/* evq.h - internal: the event queue, a binary min-heap ordered by (time, seq).
 *
 * The whole engine's notion of "what happens next" is evq_before(): earlier
 * time first, and at the same time the event scheduled first (lower seq).
 * That FIFO rule is what makes runs deterministic and what SPEC §1 promises.
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

/* Copies ev in, stamping its seq. Returns 0, or -1 when out of memory. */
int evq_push(evq *q, evq_event ev);

/* Removes the first event into *out; returns 0, or -1 when empty. */
int evq_pop(evq *q, evq_event *out);

#endif

/* fifo.h - internal: an intrusive FIFO of array indices, for the engine's
 * queues of tasks (ready queues, resource queues) and the pool's queues of
 * lanes (the todo list, the core queue, the idle list).
 *
 * Intrusive: each element carries its own int32_t link, so a queue costs 12
 * bytes whatever its length and push/pop never allocate (a million queued
 * tasks would otherwise mean a million nodes). An element is in at most one
 * queue at a time. The link is found by stride from the first element's,
 * `link0` = &array[0].next, so one queue serves any element type.
 */
#ifndef SIM_FIFO_H
#define SIM_FIFO_H

#include <stddef.h>
#include <stdint.h>

typedef struct eng_fifo {
  int32_t head, tail; /* -1: empty */
  int32_t len;
} eng_fifo;

static inline int32_t *eng_fifo_link(int32_t *link0, size_t stride, int32_t i) {
  return (int32_t *)((char *)link0 + (size_t)i * stride);
}

static inline void eng_fifo_init(eng_fifo *q) {
  q->head = q->tail = -1;
  q->len = 0;
}

static inline void eng_fifo_put(eng_fifo *q, int32_t *link0, size_t stride, int32_t i) {
  *eng_fifo_link(link0, stride, i) = -1;
  if (q->tail < 0)
    q->head = i;
  else
    *eng_fifo_link(link0, stride, q->tail) = i;
  q->tail = i;
  q->len++;
}

/* The head; -1 when empty. Its link is left stale: put() rewrites it. */
static inline int32_t eng_fifo_take(eng_fifo *q, int32_t *link0, size_t stride) {
  int32_t i = q->head;
  if (i < 0) return -1;
  q->head = *eng_fifo_link(link0, stride, i);
  if (q->head < 0) q->tail = -1;
  q->len--;
  return i;
}

#endif

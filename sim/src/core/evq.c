/* evq.c - the binary min-heap behind the event queue; see evq.h. */
#include "evq.h"
#include "sim/sim_alloc.h"

#include <stdlib.h>

void evq_init(evq *q) {
  q->heap = NULL;
  q->len = q->cap = 0;
  q->next_seq = 0;
}

void evq_free(evq *q) {
  sim_free(q->heap);
  evq_init(q);
}

int evq_push(evq *q, evq_event ev) {
  if (q->len == q->cap) {
    size_t cap = q->cap ? q->cap * 2 : 64;
    evq_event *heap = sim_realloc(q->heap, cap * sizeof *heap);
    if (!heap) return -1;
    q->heap = heap;
    q->cap = cap;
  }
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

int evq_pop(evq *q, evq_event *out) {
  if (q->len == 0) return -1;
  *out = q->heap[0];
  evq_event last = q->heap[--q->len];
  size_t n = q->len, i = 0;
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && evq_before(&q->heap[child + 1], &q->heap[child])) child++;
    if (!evq_before(&q->heap[child], &last)) break;
    q->heap[i] = q->heap[child];
    i = child;
  }
  if (n > 0) q->heap[i] = last;
  return 0;
}

/* evq.c - the event queue's allocation; push and pop are inline in evq.h. */
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

int evq_grow(evq *q) {
  size_t cap = q->cap ? q->cap * 2 : 64;
  evq_event *heap = sim_realloc(q->heap, cap * sizeof *heap);
  if (!heap) return -1;
  q->heap = heap;
  q->cap = cap;
  return 0;
}

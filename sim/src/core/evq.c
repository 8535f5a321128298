/* evq.c - the event queue's allocation; push and pop are inline in evq.h. */
#include "evq.h"
#include "sim/sim_alloc.h"

#include <stdlib.h>
#include <string.h>

void evq_init(evq *q) {
  memset(q, 0, sizeof *q);
}

void evq_free(evq *q) {
  sim_free(q->heap);
  for (int i = 0; i < q->ndelays; i++) sim_free(q->dq[i].ring);
  evq_init(q);
}

int evq_add_delay(evq *q, sim_time delay) {
  for (int i = 0; i < q->ndelays; i++)
    if (q->dq[i].delay == delay) return 0;
  if (q->ndelays == EVQ_DELAYS) return -1;
  evq_delayq *d = &q->dq[q->ndelays++];
  memset(d, 0, sizeof *d);
  d->delay = delay;
  return 0;
}

/* Doubles the ring, its events moved to the start in order. */
int evq_delayq_grow(evq_delayq *d) {
  size_t cap = d->cap ? d->cap * 2 : 64;
  evq_event *ring = sim_malloc(cap * sizeof *ring);
  if (!ring) return -1;
  for (size_t i = 0; i < d->len; i++) ring[i] = d->ring[(d->head + i) & (d->cap - 1)];
  sim_free(d->ring);
  d->ring = ring;
  d->head = 0;
  d->cap = cap;
  return 0;
}

int evq_grow(evq *q) {
  size_t cap = q->cap ? q->cap * 2 : 64;
  evq_event *heap = sim_realloc(q->heap, cap * sizeof *heap);
  if (!heap) return -1;
  q->heap = heap;
  q->cap = cap;
  return 0;
}

int evq_schedule_call(evq *q, sim_time time, sim_time delay, uint32_t kind, uint32_t a, uint32_t b,
                      uint32_t c) {
  return evq_schedule(q, time, delay, kind, a, b, c);
}

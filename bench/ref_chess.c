/* ref_chess.c - the hand-written limit simul's engine is measured against.
 *
 * Usage: ref_chess BOARDS [MOVES [CPU_US [WAIT_US]]]   (default 30 moves, 5 s, 55 s)
 *
 * The chess exhibition under async, written the way one would write it for
 * this one job and nothing else: a binary min-heap of (time, sequence)
 * events, each board an explicit state machine (master thinks -> opponent
 * thinks -> ready -> ... -> done), one FIFO ready queue linked through the
 * boards, one master. It follows the same rules as simul's async strategy
 * (FIFO ready queue, a cpu end and a wait end are events, a switch is
 * counted when the master moves to another board) and reports the same
 * figures as `simul run chess --strategy async --format json` (makespan,
 * busy, switches, events, the end times' mean, p50, p95 and max, the time
 * each board spent ready: mean and max); bench_table checks they agree.
 * It keeps what those figures need and no more: that is the point of a limit.
 *
 * Prints one line, times in microseconds:
 *   makespan busy switches events end_mean end_p50 end_p95 end_max ready_mean ready_max
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct ev {
  int64_t time;
  uint64_t seq;
  uint32_t board;
  uint32_t kind; /* EV_MOVE_END (master's cpu) or EV_REPLY (opponent's wait) */
} ev;

enum { EV_MOVE_END, EV_REPLY };

typedef struct heap {
  ev *a;
  size_t len, cap;
  uint64_t seq;
} heap;

static int before(const ev *x, const ev *y) {
  return x->time < y->time || (x->time == y->time && x->seq < y->seq);
}

static void push(heap *h, int64_t time, uint32_t board, uint32_t kind) {
  if (h->len == h->cap) {
    h->cap = h->cap ? h->cap * 2 : 64;
    h->a = realloc(h->a, h->cap * sizeof *h->a);
    if (!h->a) abort();
  }
  ev e = {time, h->seq++, board, kind};
  size_t i = h->len++;
  while (i > 0 && before(&e, &h->a[(i - 1) / 2])) {
    h->a[i] = h->a[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  h->a[i] = e;
}

static ev pop(heap *h) {
  ev top = h->a[0], last = h->a[--h->len];
  size_t i = 0, n = h->len;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && before(&h->a[c + 1], &h->a[c])) c++;
    if (!before(&h->a[c], &last)) break;
    h->a[i] = h->a[c];
    i = c;
  }
  if (n > 0) h->a[i] = last;
  return top;
}

/* A board's state machine: READY (in the queue, since `since`) -> MOVING (on
 * the master) -> REPLYING (its wait in the heap) -> READY ... -> DONE after
 * the last reply. `next` links the ready queue. */
typedef struct board {
  int64_t since; /* READY: when it joined the queue */
  int64_t ready; /* total time spent READY */
  uint32_t moves;
  int32_t next;
} board;

static int cmp_time(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs("usage: ref_chess BOARDS [MOVES [CPU_US [WAIT_US]]]\n", stderr);
    return 2;
  }
  long n = strtol(argv[1], NULL, 10);
  uint32_t moves = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 10) : 30;
  int64_t cpu = argc > 3 ? strtoll(argv[3], NULL, 10) : 5000000;
  int64_t wait = argc > 4 ? strtoll(argv[4], NULL, 10) : 55000000;
  if (n < 1 || moves < 1) return 2;

  board *b = calloc((size_t)n, sizeof *b);
  int64_t *end = malloc((size_t)n * sizeof *end);
  if (!b || !end) return 1;
  int32_t head = 0, tail = (int32_t)n - 1; /* every board is ready at t=0 */
  for (long i = 0; i < n; i++) b[i].next = i + 1 < n ? (int32_t)(i + 1) : -1;

  heap h = {0};
  int64_t now = 0, busy = 0;
  uint64_t events = 0, switches = 0;
  int32_t current = -1, last = -1;
  for (;;) {
    if (current < 0 && head >= 0) { /* the master takes the next ready board */
      current = head;
      head = b[head].next;
      if (head < 0) tail = -1;
      b[current].ready += now - b[current].since;
      if (last >= 0 && last != current) switches++;
      last = current;
      push(&h, now + cpu, (uint32_t)current, EV_MOVE_END);
    }
    if (h.len == 0) break;
    ev e = pop(&h);
    now = e.time;
    events++;
    if (e.kind == EV_MOVE_END) { /* the move is made: the opponent thinks */
      busy += cpu;
      push(&h, now + wait, e.board, EV_REPLY);
      current = -1;
    } else if (++b[e.board].moves == moves) { /* the last reply: the game is over */
      end[e.board] = now;
    } else { /* back in the queue for the master's next move */
      b[e.board].since = now;
      b[e.board].next = -1;
      if (tail < 0)
        head = (int32_t)e.board;
      else
        b[tail].next = (int32_t)e.board;
      tail = (int32_t)e.board;
    }
  }
  free(h.a);

  int64_t ready_max = 0;
  long double end_sum = 0, ready_sum = 0;
  for (long i = 0; i < n; i++) {
    end_sum += end[i];
    ready_sum += b[i].ready;
    if (b[i].ready > ready_max) ready_max = b[i].ready;
  }
  free(b);
  qsort(end, (size_t)n, sizeof *end, cmp_time);
  /* Nearest rank: the smallest value with at least p% at or below it. */
  size_t p50 = (size_t)((50 * (uint64_t)n + 99) / 100),
         p95 = (size_t)((95 * (uint64_t)n + 99) / 100);
  printf("%lld %lld %llu %llu %.3Lf %lld %lld %lld %.3Lf %lld\n", (long long)end[n - 1],
         (long long)busy, (unsigned long long)switches, (unsigned long long)events, end_sum / n,
         (long long)end[p50 - 1], (long long)end[p95 - 1], (long long)end[n - 1], ready_sum / n,
         (long long)ready_max);
  free(end);
  return 0;
}

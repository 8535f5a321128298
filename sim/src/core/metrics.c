/* metrics.c - a run's statistics, by selection rather than sorting; see metrics.h. */
#include "metrics.h"
#include "sim/sim_alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static sim_time med3(sim_time a, sim_time b, sim_time c) {
  return a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
}

/* The k-th smallest (0-based) of v[0..n), which it reorders so that every
 * value after position k is at least v[k]. A quickselect: the pivot is the
 * median of three medians of three (Tukey's ninther: end times come sorted,
 * reversed and in sawtooths, where a plain median of three goes quadratic),
 * the partition three-way (end times repeat). After 2 log2(n) rounds without
 * converging it sorts what is left, so it is never quadratic either way.
 * It replaced a qsort per statistic (three of a million values were a fifth
 * of a big run): a percentile only needs its rank. */
static sim_time select_kth(sim_time *v, size_t n, size_t k) {
  size_t lo = 0, hi = n;
  int budget = 8;
  for (size_t m = n; m > 1; m >>= 1) budget += 2;
  while (hi - lo > 16 && budget-- > 0) {
    size_t m = hi - lo, q = m / 8;
    sim_time pivot = med3(med3(v[lo], v[lo + q], v[lo + 2 * q]),
                          med3(v[lo + 3 * q], v[lo + m / 2], v[lo + 5 * q]),
                          med3(v[lo + 6 * q], v[lo + 7 * q], v[hi - 1]));
    size_t lt = lo, i = lo, gt = hi; /* [lo,lt) < pivot, [lt,i) == pivot, [gt,hi) > pivot */
    while (i < gt) {
      sim_time x = v[i];
      if (x < pivot) {
        v[i++] = v[lt];
        v[lt++] = x;
      } else if (x > pivot) {
        v[i] = v[--gt];
        v[gt] = x;
      } else {
        i++;
      }
    }
    if (k < lt)
      hi = lt;
    else if (k >= gt)
      lo = gt;
    else
      return pivot;
  }
  qsort(v + lo, hi - lo, sizeof *v, sim_time_cmp);
  return v[k];
}

/* Nearest rank, 0-based: the smallest value with at least p% of the n values
 * at or below it. No interpolation, so a percentile is always a time some
 * task actually had. */
static size_t rank_of(size_t n, double p) {
  size_t rank = (size_t)((p / 100.0) * (double)n + 0.999999999);
  if (rank < 1) rank = 1;
  if (rank > n) rank = n;
  return rank - 1;
}

/* An exact sum of up to 2^31 non-negative times (each below 2^63): two 64-bit
 * words, because a double or a long double rounds past 2^53 or 2^64 us and
 * long double is 64, 80 or 128 bits depending on the platform - the mean must
 * come out the same everywhere. */
typedef struct wide_sum {
  uint64_t hi, lo;
} wide_sum;

static void wide_add(wide_sum *s, sim_time v) {
  uint64_t x = (uint64_t)v;
  s->lo += x;
  if (s->lo < x) s->hi++;
}

/* (hi:lo) / d for hi < d: the 64-bit quotient by long division; *rem gets
 * the remainder. */
static uint64_t div_128_64(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem) {
  uint64_t q = 0, r = hi;
  for (int i = 63; i >= 0; i--) {
    uint64_t carry = r >> 63;
    r = (r << 1) | ((lo >> i) & 1);
    q <<= 1;
    if (carry || r >= d) {
      r -= d;
      q |= 1;
    }
  }
  *rem = r;
  return q;
}

/* sum / d (d > 0; hi < d holds because every term is below 2^63 and there
 * are at most 2^31 of them) as the nearest double, ties to even: 64 integer
 * and 64 fraction bits by long division plus a sticky bit for the rest,
 * rounded once to 53 bits. The same on every machine, and as close as a
 * double can be. */
static double wide_div(wide_sum s, uint64_t d) {
  uint64_t r, r2;
  uint64_t q = div_128_64(s.hi, s.lo, d, &r);
  uint64_t f = div_128_64(r, 0, d, &r2); /* r < d */
  int sticky = r2 != 0;
  if (q == 0 && f < ((uint64_t)1 << 53)) return ldexp((double)f, -64); /* below 2^-11 */
  int top = 0; /* the highest set bit of q:f, counted from f's bit 0 */
  for (uint64_t x = q ? q : f; x >>= 1;) top++;
  if (q) top += 64;
  int shift = top - 52; /* 1 .. 75 */
  uint64_t m, rest_hi, half_hi;
  /* m = (q:f) >> shift; the bits shifted out are compared with half of
   * their range: rest > half rounds up, rest == half is a tie unless sticky. */
  if (shift >= 64) {
    m = q >> (shift - 64);
    rest_hi = q & (((uint64_t)1 << (shift - 64)) - 1);
    half_hi = shift == 64 ? 0 : (uint64_t)1 << (shift - 65);
    int above = shift == 64 ? f > ((uint64_t)1 << 63) || (f == ((uint64_t)1 << 63) && sticky)
                            : rest_hi > half_hi || (rest_hi == half_hi && (f || sticky));
    int tie =
        shift == 64 ? f == ((uint64_t)1 << 63) && !sticky : rest_hi == half_hi && !f && !sticky;
    if (above || (tie && (m & 1))) m++;
  } else {
    m = (q << (64 - shift)) | (f >> shift);
    uint64_t rest = f & (((uint64_t)1 << shift) - 1), half = (uint64_t)1 << (shift - 1);
    if (rest > half || (rest == half && (sticky || (m & 1)))) m++;
  }
  return ldexp((double)m, shift - 64);
}

int eng_stats(const sim_time *values, size_t n, sim_stats *out) {
  memset(out, 0, sizeof *out);
  if (n == 0) return 0;
  sim_time *v = sim_malloc(n * sizeof *v);
  if (!v) return -1;
  memcpy(v, values, n * sizeof *v);
  /* Sum in integer microseconds: exact, so the mean does not depend on
   * order, nor on the platform's long double. */
  wide_sum sum = {0, 0};
  sim_time max = v[0];
  for (size_t i = 0; i < n; i++) {
    wide_add(&sum, v[i]);
    if (v[i] > max) max = v[i];
  }
  out->mean = wide_div(sum, (uint64_t)n) / (double)SIM_S;
  /* Ascending ranks: each selection only looks right of the one before,
   * where every value is at least the one it found. */
  size_t r50 = rank_of(n, 50), r95 = rank_of(n, 95), r99 = rank_of(n, 99);
  out->p50 = sim_time_seconds(select_kth(v, n, r50));
  out->p95 = sim_time_seconds(select_kth(v + r50, n - r50, r95 - r50));
  out->p99 = sim_time_seconds(select_kth(v + r95, n - r95, r99 - r95));
  out->max = sim_time_seconds(max);
  sim_free(v);
  return 0;
}

/* Sorts n times (each >= 0) into ascending order, using tmp[n]: an LSD radix
 * sort of 8-bit digits, as many passes as the largest time has digits (17
 * hours of microseconds: 6). qsort with a comparator call per comparison
 * was a sixth of a million-request webserver run (two sorts); this is O(n)
 * a pass and never calls out. 8 bits rather than 11: the 256 buckets'
 * write positions stay in L1 (11 bits: 4 passes instead of 5, and slower). */
static void sort_times(sim_time *v, size_t n, sim_time *tmp) {
  enum { BITS = 8, BUCKETS = 1 << BITS };
  sim_time max = 0;
  for (size_t i = 0; i < n; i++) max = v[i] > max ? v[i] : max;
  size_t count[BUCKETS];
  sim_time *from = v, *to = tmp;
  for (int shift = 0; shift < 63 && (max >> shift) > 0; shift += BITS) {
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) count[((uint64_t)from[i] >> shift) & (BUCKETS - 1)]++;
    size_t at = 0;
    for (size_t b = 0; b < BUCKETS; b++) {
      size_t c = count[b];
      count[b] = at;
      at += c;
    }
    for (size_t i = 0; i < n; i++)
      to[count[((uint64_t)from[i] >> shift) & (BUCKETS - 1)]++] = from[i];
    sim_time *swap = from;
    from = to;
    to = swap;
  }
  if (from != v) memcpy(v, from, n * sizeof *v);
}

/* The most tasks in the system at once: a sweep over arrivals and ends, an
 * end at t before an arrival at t (they never overlap). In a closed workload
 * every task arrives at 0, so the sweep comes down to counting the tasks
 * that ended at 0 - without two more sorts of a million values. */
static int in_system_peak(sim_result *r) {
  size_t n = (size_t)r->ntasks;
  r->in_system_peak = 0;
  if (n == 0) return 0;
  if (!r->open) {
    int32_t at_zero = 0;
    for (size_t i = 0; i < n; i++) at_zero += r->task_end[i] <= 0;
    r->in_system_peak = r->ntasks - at_zero;
    return 0;
  }
  sim_time *arr = sim_malloc(3 * n * sizeof *arr);
  if (!arr) return -1;
  sim_time *end = arr + n, *tmp = end + n;
  memcpy(arr, r->task_arrival, n * sizeof *arr);
  memcpy(end, r->task_end, n * sizeof *end);
  /* Arrivals come in order within a group (one group: already sorted,
   * unless a task cancelled before it arrived took its end as arrival). */
  size_t sorted = 1;
  while (sorted < n && arr[sorted - 1] <= arr[sorted]) sorted++;
  if (sorted < n) sort_times(arr, n, tmp);
  sort_times(end, n, tmp);
  int32_t now = 0;
  for (size_t i = 0, j = 0; i < n;) {
    if (j < n && end[j] <= arr[i]) {
      now--;
      j++;
    } else {
      now++;
      i++;
      if (now > r->in_system_peak) r->in_system_peak = now;
    }
  }
  sim_free(arr);
  return 0;
}

int eng_metrics_finish(sim_result *r) {
  r->makespan = 0;
  for (int32_t t = 0; t < r->ntasks; t++)
    if (r->task_end[t] > r->makespan) r->makespan = r->task_end[t];
  r->utilization =
      r->makespan > 0 && r->cores > 0 ? (double)r->busy / ((double)r->makespan * r->cores) : 0;
  if (eng_stats(r->task_end, (size_t)r->ntasks, &r->completion) != 0) return -1;
  if (eng_stats(r->task_ready, (size_t)r->ntasks, &r->ready_wait) != 0) return -1;
  /* Response time = end - arrival; its sum over tasks is the area under
   * "tasks in the system" over [0, makespan], so by Little's law the
   * time-average number in the system is that sum over the makespan. */
  wide_sum area = {0, 0};
  int rc = 0;
  if (!r->open) { /* every task arrived at 0: the response times are the end times */
    r->response = r->completion;
    for (int32_t t = 0; t < r->ntasks; t++) wide_add(&area, r->task_end[t]);
  } else {
    sim_time *resp = sim_malloc((size_t)r->ntasks * sizeof *resp + 1);
    if (!resp) return -1;
    for (int32_t t = 0; t < r->ntasks; t++) {
      resp[t] = r->task_end[t] - r->task_arrival[t];
      wide_add(&area, resp[t]);
    }
    rc = eng_stats(resp, (size_t)r->ntasks, &r->response);
    sim_free(resp);
  }
  r->throughput = r->makespan > 0 ? (double)r->ntasks / sim_time_seconds(r->makespan) : 0;
  r->in_system_mean = r->makespan > 0 ? wide_div(area, (uint64_t)r->makespan) : 0;
  if (rc == 0) rc = in_system_peak(r);
  r->memory_peak = r->mem_fixed + r->mem_per_task * r->in_system_peak;
  r->memory_mean = r->mem_fixed + (int64_t)((double)r->mem_per_task * r->in_system_mean + 0.5);
  r->memory_reserved_peak = r->mem_reserved_fixed + r->mem_reserved_per_task * r->in_system_peak;
  return rc;
}

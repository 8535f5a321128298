/* format.c - what every report format shares: how a number, a time and a
 * task are written, and which speed-up a row shows.
 *
 * Everything in report/ is a pure function of the results, so two identical
 * runs print identical bytes: numbers come from int64 microseconds or from
 * doubles printed with a fixed rule (the shortest decimal that reads back
 * exactly), never from anything that depends on the clock. (The C locale is
 * assumed: simul never calls setlocale, so the decimal point is always '.'.)
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rep_internal.h"

/* Seconds (a double from the engine's stats) back to microseconds, for h:mm:ss. */
sim_time rep_seconds_to_time(double s) {
  if (!isfinite(s)) return 0;
  return (sim_time)llround(s * (double)SIM_S);
}

/* The shortest text that reads back as exactly the same double (15, 16 or
 * 17 significant digits), integers without a fraction: 0.08333333333333333,
 * not cJSON's 0.083333333333333329. CSV and JSON share it, so they agree to
 * the last digit, and it depends on nothing but the value. */
void rep_format_double(double d, char *buf, size_t size) {
  if (!isfinite(d)) {
    buf[0] = '\0';
  } else if (d == floor(d) && fabs(d) < 1e15) {
    snprintf(buf, size, "%.0f", d == 0 ? 0.0 : d); /* never "-0" */
  } else {
    for (int prec = 15; prec <= 17; prec++) {
      snprintf(buf, size, "%.*g", prec, d);
      if (strtod(buf, NULL) == d) break;
    }
  }
}

/* Exact seconds from microseconds, trailing zeros dropped: 3655, 0.25, 1.000001. */
void rep_format_seconds(sim_time t, char *buf, size_t size) {
  const char *sign = t < 0 ? "-" : "";
  uint64_t u = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
  uint64_t whole = u / (uint64_t)SIM_S, frac = u % (uint64_t)SIM_S;
  if (frac == 0) {
    snprintf(buf, size, "%s%" PRIu64, sign, whole);
    return;
  }
  char digits[8];
  snprintf(digits, sizeof digits, "%06" PRIu64, frac);
  size_t len = strlen(digits);
  while (len > 0 && digits[len - 1] == '0') digits[--len] = '\0';
  snprintf(buf, size, "%s%" PRIu64 ".%s", sign, whole, digits);
}

const sim_result *rep_counts(const sim_result *results, int n) {
  for (int i = 0; i < n; i++)
    if (results[i].group_count) return &results[i];
  return NULL;
}

int32_t rep_ntasks(const scn_scenario *scn, const sim_result *r) {
  int64_t n = 0; /* sim_task_counts keeps a run's total within int32 */
  for (int g = 0; g < scn->ngroups; g++) n += sim_group_count(scn, r, g);
  return (int32_t)n;
}

const char *rep_task_name(const scn_scenario *scn, const sim_result *r, int32_t task, char *buf,
                          size_t size) {
  int n = sim_task_name(scn, r, task, buf, size);
  if (n < 0) {
    snprintf(buf, size, "task %" PRId32, task + 1);
  } else if ((size_t)n >= size && size > 0) {
    /* Cut short: drop a character left incomplete, so the name stays UTF-8. */
    size_t k = size - 1;
    while (k > 0 && ((unsigned char)buf[k] & 0xc0) == 0x80) k--;
    if (k > 0 && (unsigned char)buf[k] >= 0xc0) buf[k] = '\0';
  }
  return buf;
}

double rep_speedup(const sim_result *results, int n, int i, const rep_opts *opts) {
  if (opts && opts->summary) return opts->summary[i].speedup;
  return sim_speedup_vs_sync(results, n, i);
}

int rep_format_bytes(int64_t bytes, char *buf, size_t size) {
  static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = (double)bytes;
  int u = 0;
  while (v >= 1024 && u < 5) {
    v /= 1024;
    u++;
  }
  return u == 0 ? snprintf(buf, size, "%" PRId64 " B", bytes)
                : snprintf(buf, size, "%.1f %s", v, units[u]);
}

/* swp_axis.c - one --vary KEY=VALUES: the list of values, exact.
 *
 * A range is stepped in integers: plain numbers in units of their finest
 * decimal (2..19:0.5 in tenths), durations in microseconds, so the last value
 * is the one written and every value prints back as written. A double
 * accumulator would land on 18.999999999 and miss the end.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_number.h"
#include "sim/sim_time.h"
#include "sweep/sweep.h"

#define SWP_MAX_VALUES 100000

/* A number as a scaled integer: "2.5" -> 25 with 1 decimal. */
typedef struct swp_num {
  int64_t v;
  int decimals;
} swp_num;

static int swp_is_plain_number(const char *s) {
  const char *p = s;
  if (*p == '-' || *p == '+') p++;
  int digits = 0, dot = 0;
  for (; *p; p++) {
    if (isdigit((unsigned char)*p))
      digits++;
    else if (*p == '.' && !dot)
      dot = 1;
    else
      return 0;
  }
  return digits > 0;
}

/* Parses a plain decimal exactly; -1 when it has more than 6 decimals or
 * does not fit. */
static int swp_num_parse(const char *s, swp_num *out) {
  int neg = *s == '-';
  if (*s == '-' || *s == '+') s++;
  int64_t v = 0;
  int dec = -1;
  for (; *s; s++) {
    if (*s == '.') {
      dec = 0;
      continue;
    }
    if (v > (INT64_MAX - 9) / 10) return -1;
    v = v * 10 + (*s - '0');
    if (dec >= 0 && ++dec > 6) return -1;
  }
  out->v = neg ? -v : v;
  out->decimals = dec < 0 ? 0 : dec;
  return 0;
}

static int64_t swp_pow10(int d) {
  int64_t p = 1;
  while (d-- > 0) p *= 10;
  return p;
}

static void swp_num_text(int64_t v, int decimals, char *buf, size_t size) {
  int64_t scale = swp_pow10(decimals);
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t whole = a / (uint64_t)scale, frac = a % (uint64_t)scale;
  if (frac == 0) {
    snprintf(buf, size, "%s%" PRIu64, v < 0 ? "-" : "", whole);
    return;
  }
  char digits[32];
  snprintf(digits, sizeof digits, "%0*" PRIu64, decimals > 6 ? 6 : decimals, frac);
  size_t len = strlen(digits);
  while (len > 0 && digits[len - 1] == '0') digits[--len] = '\0';
  snprintf(buf, size, "%s%" PRIu64 ".%s", v < 0 ? "-" : "", whole, digits);
}

typedef struct swp_builder {
  swp_axis *a;
  int cap;
} swp_builder;

static int swp_add(swp_builder *b, const char *text, double value) {
  swp_axis *a = b->a;
  if (a->n >= SWP_MAX_VALUES) return -1;
  if (a->n == b->cap) {
    int cap = b->cap ? b->cap * 2 : 16;
    char **t = realloc(a->texts, (size_t)cap * sizeof *t);
    if (!t) return -1;
    a->texts = t;
    double *v = realloc(a->values, (size_t)cap * sizeof *v);
    if (!v) return -1;
    a->values = v;
    b->cap = cap;
  }
  size_t len = strlen(text);
  char *copy = malloc(len + 1);
  if (!copy) return -1;
  memcpy(copy, text, len + 1);
  a->texts[a->n] = copy;
  a->values[a->n] = value;
  a->n++;
  return 0;
}

static int swp_fail(sim_error *err, const char *arg, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int swp_fail(sim_error *err, const char *arg, const char *fmt, ...) {
  char reason[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(reason, sizeof reason, fmt, ap);
  va_end(ap);
  return sim_fail(err, SIM_EINPUT, "--vary %s: error: %s", arg, reason);
}

/* One value (no range) as its text and number; the unit must match the axis'. */
static int swp_one(swp_builder *b, const char *arg, const char *item, int *unit_set,
                   sim_error *err) {
  swp_axis *a = b->a;
  if (swp_is_plain_number(item)) {
    if (*unit_set && a->unit != SWP_UNIT_NUMBER)
      return swp_fail(err, arg, "'%s' has no unit but the other values are durations", item);
    a->unit = SWP_UNIT_NUMBER;
    *unit_set = 1;
    double x;
    if (sim_number_parse(item, &x) != 0)
      return swp_fail(err, arg, "'%s' is not a number such as 4, 2.5 or 0.25", item);
    return swp_add(b, item, x) ? swp_fail(err, arg, "%s", "too many values") : 0;
  }
  sim_time d;
  const char *why = "not a number or a duration";
  if (sim_time_parse_duration(item, &d, &why) != 0) {
    char msg[256];
    snprintf(msg, sizeof msg, "'%s' is %s", item, why);
    return swp_fail(err, arg, "%s", msg);
  }
  if (*unit_set && a->unit != SWP_UNIT_DURATION)
    return swp_fail(err, arg, "'%s' is a duration but the other values are plain numbers", item);
  a->unit = SWP_UNIT_DURATION;
  *unit_set = 1;
  return swp_add(b, item, sim_time_seconds(d)) ? swp_fail(err, arg, "%s", "too many values") : 0;
}

/* "A..B" or "A..B:STEP", all plain numbers or all durations. */
static int swp_range(swp_builder *b, const char *arg, char *item, int *unit_set, sim_error *err) {
  char *dots = strstr(item, "..");
  *dots = '\0';
  char *from = item, *to = dots + 2, *step = strchr(to, ':');
  if (step) *step++ = '\0';
  if (!*from || !*to || (step && !*step))
    return swp_fail(err, arg, "%s", "a range is FROM..TO or FROM..TO:STEP");
  int numbers =
      swp_is_plain_number(from) && swp_is_plain_number(to) && (!step || swp_is_plain_number(step));
  int64_t lo, hi, by;
  int decimals = 0;
  if (numbers) {
    swp_num f, t, s = {1, 0};
    if (swp_num_parse(from, &f) || swp_num_parse(to, &t) || (step && swp_num_parse(step, &s)))
      return swp_fail(err, arg, "%s", "a number in the range has too many digits");
    decimals = f.decimals > t.decimals ? f.decimals : t.decimals;
    if (s.decimals > decimals) decimals = s.decimals;
    lo = f.v * swp_pow10(decimals - f.decimals);
    hi = t.v * swp_pow10(decimals - t.decimals);
    by = s.v * swp_pow10(decimals - s.decimals);
  } else {
    const char *why = "not a duration";
    sim_time f, t, s = 0;
    const char *bad = from;
    int rc = sim_time_parse_duration(from, &f, &why);
    if (rc == 0) rc = sim_time_parse_duration(bad = to, &t, &why);
    if (rc == 0 && step) rc = sim_time_parse_duration(bad = step, &s, &why);
    if (rc != 0) {
      char msg[256];
      snprintf(msg, sizeof msg, "'%s' in the range is %s (use the same unit kind at both ends)",
               bad, why);
      return swp_fail(err, arg, "%s", msg);
    }
    if (!step)
      return swp_fail(err, arg, "%s", "a range of durations needs a step, e.g. 1ms..50ms:5ms");
    lo = f;
    hi = t;
    by = s;
  }
  if (by == 0) return swp_fail(err, arg, "%s", "the step is 0");
  if (by < 0) return swp_fail(err, arg, "%s", "the step must be positive");
  if (hi < lo) {
    char msg[128];
    snprintf(msg, sizeof msg, "the range %s..%s is empty (it ends before it starts)", from, to);
    return swp_fail(err, arg, "%s", msg);
  }
  if ((hi - lo) / by >= SWP_MAX_VALUES) {
    char msg[128];
    snprintf(msg, sizeof msg, "the range has more than %d values", SWP_MAX_VALUES);
    return swp_fail(err, arg, "%s", msg);
  }
  swp_unit unit = numbers ? SWP_UNIT_NUMBER : SWP_UNIT_DURATION;
  if (*unit_set && b->a->unit != unit)
    return swp_fail(err, arg, "%s", "durations and plain numbers mixed in one --vary");
  b->a->unit = unit;
  *unit_set = 1;
  for (int64_t v = lo; v <= hi; v += by) {
    char text[64];
    double value;
    if (numbers) {
      swp_num_text(v, decimals, text, sizeof text);
      value = (double)v / (double)swp_pow10(decimals);
    } else {
      sim_time_format_duration(v, text, sizeof text);
      value = sim_time_seconds(v);
    }
    if (swp_add(b, text, value) != 0) return swp_fail(err, arg, "%s", "out of memory");
    if (v > hi - by) break; /* never overflow past the end */
  }
  return 0;
}

int swp_axis_parse(const char *arg, swp_axis *out, sim_error *err) {
  memset(out, 0, sizeof *out);
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg)
    return sim_fail(err, SIM_EINPUT,
                    "--vary %s: error: expected KEY=VALUES, e.g. tasks.board.count=1..48 or "
                    "workers=1,2,4,8",
                    arg);
  if (!eq[1]) return swp_fail(err, arg, "%s", "no values after '='");
  size_t klen = (size_t)(eq - arg);
  out->key = malloc(klen + 1);
  out->spec = malloc(strlen(eq + 1) + 1);
  char *list = malloc(strlen(eq + 1) + 1);
  if (!out->key || !out->spec || !list) {
    free(list);
    swp_axis_free(out);
    return sim_fail(err, SIM_EFAIL, "--vary: error: out of memory");
  }
  memcpy(out->key, arg, klen);
  out->key[klen] = '\0';
  strcpy(out->spec, eq + 1);
  strcpy(list, eq + 1);
  swp_builder b = {out, 0};
  int unit_set = 0, rc = 0;
  for (char *item = list, *next; rc == 0 && item; item = next) {
    next = strchr(item, ',');
    if (next) *next++ = '\0';
    if (!*item)
      rc = swp_fail(err, arg, "%s", "an empty value (two commas, or one at an end)");
    else if (strstr(item, ".."))
      rc = swp_range(&b, arg, item, &unit_set, err);
    else
      rc = swp_one(&b, arg, item, &unit_set, err);
  }
  free(list);
  if (rc != 0) swp_axis_free(out);
  return rc;
}

void swp_axis_free(swp_axis *a) {
  for (int i = 0; i < a->n; i++) free(a->texts[i]);
  free(a->texts);
  free(a->values);
  free(a->key);
  free(a->spec);
  memset(a, 0, sizeof *a);
}

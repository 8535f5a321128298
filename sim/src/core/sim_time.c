/* sim_time.c - durations with units, parsed exactly; times and durations
 * formatted for people. See sim_time.h.
 *
 * Parsing never touches floating point: "0.1s" must be exactly 100000 us on
 * every machine, and strtod would hand us 0.1000000000000000055... and a
 * rounding rule to argue about. Instead the integer part and the fraction's
 * digits are kept as integers and scaled by the unit; a fraction that does not
 * land on a whole microsecond is an error rather than silently rounded.
 *
 * Nothing here allocates; every function writes only into caller buffers.
 */
#include "sim/sim_time.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Largest unit first: a duration must list its parts in this order, each at
 * most once ("1h30min", not "30min1h" or "1h1h"), so every value has one
 * spelling and typos such as "1m30min" are caught. */
static const struct {
  const char *name;
  sim_time us;
  int rank;
} time_units[] = {
    {"h", SIM_H, 0},   {"min", SIM_MIN, 1}, {"s", SIM_S, 2},
    {"ms", SIM_MS, 3}, {"us", SIM_US, 4},   {"\xc2\xb5s", SIM_US, 4}, /* "µs" */
};

static int is_digit(char ch) {
  return ch >= '0' && ch <= '9';
}
static int is_space(char ch) {
  return ch == ' ' || ch == '\t';
}
static int is_unit_char(unsigned char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/* The microseconds in `digits` (k decimal digits after the point) of `unit`,
 * or -1 when they do not make a whole number of microseconds.
 *
 * Trailing zeros are dropped first. The largest unit, 1 h = 3.6e9 us =
 * 2^10 * 3^2 * 5^8, absorbs at most 10 decimal places: a fraction with more
 * significant digits can never be exact, so k <= 10 and every product below
 * fits in 64 bits (the result is below the unit). */
static int64_t scale_fraction(const char *digits, size_t k, sim_time unit) {
  while (k > 0 && digits[k - 1] == '0') k--;
  if (k == 0) return 0;
  if (k > 10) return -1;
  uint64_t f = 0, pow10 = 1;
  for (size_t i = 0; i < k; i++) {
    f = f * 10 + (uint64_t)(digits[i] - '0');
    pow10 *= 10;
  }
  uint64_t g = gcd_u64((uint64_t)unit, pow10);
  uint64_t den = pow10 / g;
  if (f % den != 0) return -1;
  return (int64_t)((f / den) * ((uint64_t)unit / g));
}

/* One part of a duration, "1.5min": the number and its unit. */
typedef struct {
  uint64_t whole;
  const char *frac; /* the digits after the point, or NULL */
  size_t nfrac;
  sim_time unit;
  int rank;
} duration_part;

/* Reads the number at *p, digits with an optional fraction, into `part`. */
static int read_number(const char **p, duration_part *part, const char **why) {
  const char *q = *p;
  /* The integer part; leading zeros are harmless, overflow is not. */
  uint64_t whole = 0;
  for (; is_digit(*q); q++) {
    unsigned d = (unsigned)(*q - '0');
    if (whole > ((uint64_t)INT64_MAX - d) / 10) {
      *why = "duration too large";
      return -1;
    }
    whole = whole * 10 + d;
  }
  part->whole = whole;
  part->frac = NULL;
  part->nfrac = 0;
  if (*q == '.') {
    q++;
    if (!is_digit(*q)) {
      *why = "malformed number: expected digits after '.'";
      return -1;
    }
    part->frac = q;
    while (is_digit(*q)) q++;
    part->nfrac = (size_t)(q - part->frac);
  }
  *p = q;
  return 0;
}

/* Reads the unit at *p (after any spaces) into `part`; `first` says whether
 * this is the duration's first part, the only one that may go without. */
static int read_unit(const char **p, int first, duration_part *part, const char **why) {
  const char *q = *p;
  while (is_space(*q)) q++;
  const char *unit_text = q;
  while (is_unit_char((unsigned char)*q)) q++;
  size_t unit_len = (size_t)(q - unit_text);
  *p = q;
  if (unit_len == 0) {
    /* A bare number means seconds, but only when it is the whole duration:
     * "1h30" could mean 30 min or 30 s, so it is refused. */
    const char *rest = q;
    while (is_space(*rest)) rest++;
    if (!first || *rest != '\0') {
      *why = "missing unit after a number (write 1h30min, not 1h30)";
      return -1;
    }
    part->unit = SIM_S;
    part->rank = 2;
    return 0;
  }
  size_t n = sizeof time_units / sizeof time_units[0];
  for (size_t i = 0; i < n; i++)
    if (strlen(time_units[i].name) == unit_len &&
        memcmp(time_units[i].name, unit_text, unit_len) == 0) {
      part->unit = time_units[i].us;
      part->rank = time_units[i].rank;
      return 0;
    }
  *why = unit_len == 1 && *unit_text == 'm'
             ? "unknown unit 'm' (write min for minutes, ms for milliseconds)"
             : "unknown unit (use us, ms, s, min or h)";
  return -1;
}

/* Adds `part` to *total exactly, or says why it cannot. */
static int add_part(const duration_part *part, sim_time *total, const char **why) {
  int64_t part_frac = part->frac ? scale_fraction(part->frac, part->nfrac, part->unit) : 0;
  if (part_frac < 0) {
    *why = "finer than a microsecond, the clock's resolution";
    return -1;
  }
  if (part->whole > (uint64_t)(INT64_MAX / part->unit)) {
    *why = "duration too large";
    return -1;
  }
  sim_time whole = (sim_time)part->whole * part->unit;
  if (whole > INT64_MAX - part_frac || *total > INT64_MAX - (whole + part_frac)) {
    *why = "duration too large";
    return -1;
  }
  *total += whole + part_frac;
  return 0;
}

int sim_time_parse_duration(const char *text, sim_time *out, const char **why) {
  static const char *const no_why = "";
  const char *dummy;
  if (!why) why = &dummy;
  *why = no_why;
  if (!text) {
    *why = "empty duration";
    return -1;
  }
  const char *p = text;
  while (is_space(*p)) p++;
  if (*p == '\0') {
    *why = "empty duration";
    return -1;
  }
  if (*p == '-') {
    *why = "negative duration";
    return -1;
  }

  sim_time total = 0;
  int last_rank = -1, parts = 0;
  while (*p) {
    if (!is_digit(*p)) {
      *why = parts == 0 ? "expected a number, such as 5s or 1h30min"
                        : "unexpected text after the duration";
      return -1;
    }
    duration_part part;
    if (read_number(&p, &part, why) != 0 || read_unit(&p, parts == 0, &part, why) != 0) return -1;
    if (part.rank <= last_rank) {
      *why = "units out of order or repeated (write the largest first, each once: 1h30min)";
      return -1;
    }
    last_rank = part.rank;
    if (add_part(&part, &total, why) != 0) return -1;
    parts++;
    while (is_space(*p)) p++;
  }
  *out = total;
  return 0;
}

/* |t| without overflow for INT64_MIN. */
static uint64_t magnitude(sim_time t) {
  return t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
}

int sim_time_format(sim_time t, char *buf, size_t size) {
  uint64_t a = magnitude(t);
  const char *sign = t < 0 ? "-" : "";
  uint64_t secs = a / (uint64_t)SIM_S, sub = a % (uint64_t)SIM_S;
  uint64_t h = secs / 3600;
  unsigned m = (unsigned)(secs / 60 % 60), s = (unsigned)(secs % 60);
  if (sub == 0) return snprintf(buf, size, "%s%" PRIu64 ":%02u:%02u", sign, h, m, s);
  return snprintf(buf, size, "%s%" PRIu64 ":%02u:%02u.%03u", sign, h, m, s, (unsigned)(sub / 1000));
}

/* Appends "<whole>[.<frac>]<unit>" where frac is `frac` over `den` (a power
 * of ten), printed with as many digits as den has zeros, trailing zeros
 * trimmed. p has room for at least 40 bytes. */
static size_t put_decimal(char *p, uint64_t whole, uint64_t frac, uint64_t den, const char *unit) {
  int n = snprintf(p, 24, "%" PRIu64, whole);
  if (frac) {
    char digits[24];
    int k = 0;
    for (uint64_t d = den; d > 1; d /= 10) k++;
    for (int i = k - 1; i >= 0; i--, frac /= 10) digits[i] = (char)('0' + frac % 10);
    while (k > 0 && digits[k - 1] == '0') k--;
    p[n++] = '.';
    memcpy(p + n, digits, (size_t)k);
    n += k;
  }
  n += snprintf(p + n, 8, "%s", unit);
  return (size_t)n;
}

int sim_time_format_duration(sim_time t, char *buf, size_t size) {
  char tmp[80]; /* "-2562047788h54.775808s" at most */
  char *p = tmp;
  uint64_t a = magnitude(t);
  if (t < 0) *p++ = '-';
  if (a == 0) {
    p += sprintf(p, "0s");
  } else if (a < (uint64_t)SIM_S) {
    /* Below a second: milliseconds with a decimal if needed, or microseconds. */
    if (a < (uint64_t)SIM_MS)
      p += put_decimal(p, a, 0, 1, "us");
    else
      p += put_decimal(p, a / 1000, a % 1000, 1000, "ms");
  } else {
    uint64_t h = a / (uint64_t)SIM_H, m = a / (uint64_t)SIM_MIN % 60;
    uint64_t s = a / (uint64_t)SIM_S % 60, us = a % (uint64_t)SIM_S;
    if (h) p += sprintf(p, "%" PRIu64 "h", h);
    if (m) p += sprintf(p, "%" PRIu64 "min", m);
    if (s || us) p += put_decimal(p, s, us, (uint64_t)SIM_S, "s");
  }
  *p = '\0';
  return snprintf(buf, size, "%s", tmp);
}

int sim_time_cmp(const void *a, const void *b) {
  sim_time x = *(const sim_time *)a, y = *(const sim_time *)b;
  return (x > y) - (x < y);
}

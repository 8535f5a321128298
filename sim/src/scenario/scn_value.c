/* scn_value.c - reading typed values from the scenario tree: durations,
 * distributions, numbers, booleans and arrival processes.
 *
 * Every reader refuses what it cannot take whole ("2.5x", "1e999", a list
 * where a number goes) with a message naming the key and what was expected;
 * none converts a doubtful value silently.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"
#include "sim/sim_alloc.h"
#include "sim/sim_number.h"

int scn_get_duration(scn_ctx *c, const scn_node *v, const char *key, sim_time *out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_SCALAR || scn_is_null(v))
    return scn_fail_at(c, v, "'%s' must be a duration such as 5s or 1h30min, got %s", key,
                       scn_describe(v, d));
  const char *why;
  if (sim_time_parse_duration(v->text, out, &why))
    return scn_fail_at(c, v, "bad duration %s for '%s': %s", scn_quote(v->text, d), key, why);
  return 0;
}

int scn_get_number(scn_ctx *c, const scn_node *v, const char *what, double min, int min_open,
                   double max, int max_open, double *out) {
  char d[SCN_QUOTE_SIZE];
  const char *text = v->kind == SCN_NODE_SCALAR && !scn_is_null(v) ? v->text : NULL;
  double x = 0;
  if (!text || sim_number_parse(text, &x) != 0)
    return scn_fail_at(c, v, "%s must be a decimal number such as 0.05, got %s", what,
                       scn_describe(v, d));
  if ((min_open ? x <= min : x < min) || (max_open ? x >= max : x > max)) {
    char range[96];
    if (max == HUGE_VAL)
      snprintf(range, sizeof range, "%s %g", min_open ? "above" : "at least", min);
    else if (!min_open && !max_open)
      snprintf(range, sizeof range, "from %g to %g", min, max);
    else
      snprintf(range, sizeof range, "%s %g and %s %g", min_open ? "above" : "at least", min,
               max_open ? "below" : "at most", max);
    return scn_fail_at(c, v, "%s must be %s, got %s", what, range, scn_quote(text, d));
  }
  *out = x;
  return 0;
}

int scn_get_bool(scn_ctx *c, const scn_node *v, const char *what, int *out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind == SCN_NODE_SCALAR && !scn_is_null(v)) {
    if (!strcmp(v->text, "true") || !strcmp(v->text, "True") || !strcmp(v->text, "TRUE")) {
      *out = 1;
      return 0;
    }
    if (!strcmp(v->text, "false") || !strcmp(v->text, "False") || !strcmp(v->text, "FALSE")) {
      *out = 0;
      return 0;
    }
  }
  return scn_fail_at(c, v, "%s must be true or false, got %s", what, scn_describe(v, d));
}

/* {normal: {mean: M, sd: S}}: both keys, nothing else. */
static int get_mean_sd(scn_ctx *c, const scn_node *v, const char *kind, scn_dist *out) {
  char d[SCN_QUOTE_SIZE];
  const scn_node *mean = v->kind == SCN_NODE_MAP ? scn_map_get(v, "mean") : NULL;
  const scn_node *sd = v->kind == SCN_NODE_MAP ? scn_map_get(v, "sd") : NULL;
  if (!mean || !sd || v->npairs != 2)
    return scn_fail_at(c, v,
                       "'%s' takes {mean: D, sd: D}, such as {%s: {mean: 1s, sd: 200ms}}, got %s",
                       kind, kind, scn_describe(v, d));
  int rc = scn_get_duration(c, mean, "mean", &out->value);
  if (!rc) rc = scn_get_duration(c, sd, "sd", &out->spread);
  if (!rc && out->kind == SCN_DIST_LOGNORMAL && out->value == 0)
    rc = scn_fail_at(c, mean, "a lognormal duration needs a mean above 0");
  return rc;
}

static int get_choices(scn_ctx *c, const scn_node *v, scn_dist *out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_SEQ || v->nitems == 0)
    return scn_fail_at(c, v,
                       "'choice' takes a list of [duration, weight] pairs, such as "
                       "[[1s, 3], [10s, 1]], got %s",
                       v->kind == SCN_NODE_SEQ ? "an empty list" : scn_describe(v, d));
  if (!(out->choices = sim_calloc((size_t)v->nitems, sizeof *out->choices))) return scn_oom(c);
  double total = 0;
  for (int i = 0; i < v->nitems; i++) {
    const scn_node *pair = v->items[i];
    if (pair->kind != SCN_NODE_SEQ || pair->nitems != 2)
      return scn_fail_at(c, pair, "a choice is a [duration, weight] pair, such as [10s, 1], got %s",
                         scn_describe(pair, d));
    scn_choice *ch = &out->choices[out->nchoices++];
    int rc = scn_get_duration(c, pair->items[0], "choice", &ch->value);
    if (!rc)
      rc = scn_get_number(c, pair->items[1], "a choice's weight", 0, 1, HUGE_VAL, 0, &ch->weight);
    if (rc) return rc;
    /* An infinite total would make every draw land on the last choice. */
    total += ch->weight;
    if (!isfinite(total))
      return scn_fail_at(c, pair->items[1],
                         "the choice weights add up to more than a number can hold; use "
                         "smaller weights in the same proportions");
  }
  return 0;
}

int scn_get_dist(scn_ctx *c, const scn_node *v, const char *key, scn_dist *out) {
  char d[SCN_QUOTE_SIZE];
  memset(out, 0, sizeof *out);
  if (v->kind != SCN_NODE_MAP) {
    out->kind = SCN_DIST_FIXED;
    return scn_get_duration(c, v, key, &out->value);
  }
  if (v->npairs != 1)
    return scn_fail_at(c, v,
                       "'%s' takes a duration or one distribution such as {exp: 1s}; this "
                       "mapping has %d keys",
                       key, v->npairs);
  const scn_node *name = v->pairs[0].key, *arg = v->pairs[0].value;
  int kind = -1;
  for (int k = SCN_DIST_EXP; k < SCN_DIST_KIND_COUNT; k++)
    if (!strcmp(name->text, scn_dist_kind_name((scn_dist_kind)k))) kind = k;
  if (kind < 0)
    return scn_fail_at(c, name,
                       "unknown distribution %s for '%s' (expected exp, uniform, normal, "
                       "lognormal, choice)",
                       scn_quote(name->text, d), key);
  out->kind = (scn_dist_kind)kind;
  switch (out->kind) {
  case SCN_DIST_EXP: {
    int rc = scn_get_duration(c, arg, "exp", &out->value);
    if (!rc && out->value == 0)
      rc = scn_fail_at(c, arg, "an exponential duration needs a mean above 0");
    return rc;
  }
  case SCN_DIST_UNIFORM: {
    if (arg->kind != SCN_NODE_SEQ || arg->nitems != 2)
      return scn_fail_at(c, arg, "'uniform' takes [low, high], such as [1s, 3s], got %s",
                         scn_describe(arg, d));
    int rc = scn_get_duration(c, arg->items[0], "uniform", &out->value);
    if (!rc) rc = scn_get_duration(c, arg->items[1], "uniform", &out->spread);
    if (!rc && out->spread < out->value)
      rc = scn_fail_at(c, arg->items[1], "'uniform' needs low <= high");
    return rc;
  }
  case SCN_DIST_NORMAL:
  case SCN_DIST_LOGNORMAL:
    return get_mean_sd(c, arg, name->text, out);
  case SCN_DIST_CHOICE:
    return get_choices(c, arg, out);
  default:
    return 0;
  }
}

int scn_get_arrivals(scn_ctx *c, const scn_node *v, scn_arrivals *out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_MAP || v->npairs != 1)
    return scn_fail_at(c, v,
                       "'arrivals' takes one of {every: D}, {poisson: RATE} or {at: [T, ...]}, "
                       "got %s",
                       scn_describe(v, d));
  const scn_node *key = v->pairs[0].key, *arg = v->pairs[0].value;
  if (!strcmp(key->text, "every")) {
    out->kind = SCN_ARRIVE_EVERY;
    int rc = scn_get_duration(c, arg, "every", &out->every);
    if (!rc && out->every == 0) rc = scn_fail_at(c, arg, "'every' needs an interval above 0");
    return rc;
  }
  if (!strcmp(key->text, "poisson")) {
    out->kind = SCN_ARRIVE_POISSON;
    return scn_get_number(c, arg, "a Poisson rate (arrivals per second)", 0, 1, 1e9, 0, &out->rate);
  }
  if (!strcmp(key->text, "at")) {
    out->kind = SCN_ARRIVE_AT;
    if (arg->kind != SCN_NODE_SEQ || arg->nitems == 0)
      return scn_fail_at(c, arg, "'at' takes a list of times, such as [0s, 10s, 1min], got %s",
                         arg->kind == SCN_NODE_SEQ ? "an empty list" : scn_describe(arg, d));
    if (!(out->at = sim_calloc((size_t)arg->nitems, sizeof *out->at))) return scn_oom(c);
    for (int i = 0; i < arg->nitems; i++) {
      int rc = scn_get_duration(c, arg->items[i], "at", &out->at[out->nat++]);
      if (rc) return rc;
    }
    qsort(out->at, (size_t)out->nat, sizeof *out->at, sim_time_cmp);
    return 0;
  }
  return scn_fail_at(c, key, "unknown arrival process %s (expected every, poisson, at)",
                     scn_quote(key->text, d));
}

sim_time scn_dist_bound(const scn_dist *d) {
  switch (d->kind) {
  case SCN_DIST_UNIFORM:
    return d->spread;
  case SCN_DIST_CHOICE: {
    sim_time most = 0;
    for (int i = 0; i < d->nchoices; i++)
      if (d->choices[i].value > most) most = d->choices[i].value;
    return most;
  }
  default:
    return d->value;
  }
}

const char *scn_dist_kind_name(scn_dist_kind kind) {
  static const char *const names[] = {
#define SCN_DIST_NAME(id, name) name,
      SCN_DIST_KINDS(SCN_DIST_NAME)
#undef SCN_DIST_NAME
  };
  return (unsigned)kind < SCN_DIST_KIND_COUNT ? names[kind] : "?";
}

double scn_dist_mean(const scn_dist *d) {
  switch (d->kind) {
  case SCN_DIST_UNIFORM:
    return ((double)d->value + (double)d->spread) / 2;
  case SCN_DIST_CHOICE: {
    double sum = 0, w = 0;
    for (int i = 0; i < d->nchoices; i++) {
      sum += (double)d->choices[i].value * d->choices[i].weight;
      w += d->choices[i].weight;
    }
    return w > 0 ? sum / w : 0;
  }
  default:
    return (double)d->value;
  }
}

/* Reads the plain decimal number that starts `text` (digits, an optional
 * fraction and exponent) into *x without the locale (sim_number.h), and
 * returns where it ends; *x stays as it was when there is none. */
static const char *leading_decimal(const char *text, double *x) {
  const char *end = text;
  if (*end < '0' || *end > '9') return text;
  while (*end >= '0' && *end <= '9') end++;
  if (*end == '.')
    for (end++; *end >= '0' && *end <= '9';) end++;
  const char *e = end + 1 + (end[1] == '+' || end[1] == '-');
  if ((*end == 'e' || *end == 'E') && *e >= '0' && *e <= '9')
    for (end = e; *end >= '0' && *end <= '9';) end++;
  char num[64];
  size_t len = (size_t)(end - text);
  if (len >= sizeof num) return text;
  memcpy(num, text, len);
  num[len] = '\0';
  return sim_number_parse(num, x) == 0 ? end : text;
}

int scn_get_bytes(scn_ctx *c, const scn_node *v, const char *key, int64_t *out) {
  static const struct {
    const char *unit;
    double factor;
  } units[] = {{"", 1},     {"B", 1},         {"kB", 1e3}, {"KB", 1e3},     {"KiB", 1024},
               {"MB", 1e6}, {"MiB", 1 << 20}, {"GB", 1e9}, {"GiB", 1 << 30}};
  char d[SCN_QUOTE_SIZE];
  const char *text = v->kind == SCN_NODE_SCALAR && !scn_is_null(v) ? v->text : NULL;
  double x = -1;
  const char *end = text ? leading_decimal(text, &x) : NULL;
  if (x < 0)
    return scn_fail_at(c, v, "'%s' must be a size such as 16KiB, 8MiB or 1100 (bytes), got %s", key,
                       scn_describe(v, d));
  while (*end == ' ') end++;
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    if (strcmp(end, units[i].unit) != 0) continue;
    double bytes = x * units[i].factor;
    if (bytes > (double)((int64_t)1 << 50))
      return scn_fail_at(c, v, "'%s' is too large: %s (at most 1PiB)", key, scn_quote(text, d));
    if (bytes != floor(bytes))
      return scn_fail_at(c, v, "'%s' must be whole bytes, got %s", key, scn_quote(text, d));
    *out = (int64_t)bytes;
    return 0;
  }
  return scn_fail_at(c, v,
                     "bad size %s for '%s': unknown unit '%s' (expected B, kB, KiB, MB, MiB, "
                     "GB or GiB)",
                     scn_quote(text, d), key, end);
}

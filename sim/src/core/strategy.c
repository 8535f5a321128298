/* strategy.c - the strategy table and the "name:key=value,..." parser.
 *
 * The table is generated from strategies.def (an X-macro), so a strategy is
 * added by one file and one line. Parameters are checked here, once, against
 * each strategy's sim_param_def list: a strategy's code only ever sees valid
 * values, with defaults filled in.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario.h"
#include "sim/sim_alloc.h"
#include "strategy_impl.h"

#define SIM_STRATEGY(name) extern const sim_strategy_vt strat_##name;
#include "strategies.def"
#undef SIM_STRATEGY

static const sim_strategy_vt *const strategy_table[] = {
#define SIM_STRATEGY(name) &strat_##name,
#include "strategies.def"
#undef SIM_STRATEGY
};

#define TABLE_LEN (sizeof strategy_table / sizeof strategy_table[0])

/* Parameters every strategy takes; they live outside the per-strategy tables. */
static const sim_param_def switch_cost_param = {
    "switch_cost",
    SIM_PARAM_DURATION,
    "0",
    NULL,
    0,
    0,
    "time a worker spends moving between tasks (the master walking to the next board)"};
static const sim_param_def timeouts_param = {
    "timeouts",
    SIM_PARAM_CHOICE,
    "on",
    "on|off",
    0,
    0,
    "off: steps' timeouts are ignored, as in code written without wait_for"};
static const sim_param_def *const common_params[] = {&switch_cost_param, &timeouts_param};
#define NCOMMON ((int)(sizeof common_params / sizeof common_params[0]))

size_t sim_strategy_kind_count(void) {
  return TABLE_LEN;
}
const char *sim_strategy_kind_name(size_t i) {
  return i < TABLE_LEN ? strategy_table[i]->name : NULL;
}
const char *sim_strategy_kind_summary(size_t i) {
  return i < TABLE_LEN ? strategy_table[i]->summary : NULL;
}

static int param_help_line(const sim_param_def *p, char *buf, size_t size) {
  char form[64];
  switch (p->type) {
  case SIM_PARAM_INT:
    snprintf(form, sizeof form, "%s=N", p->key);
    break;
  case SIM_PARAM_DURATION:
    snprintf(form, sizeof form, "%s=D", p->key);
    break;
  case SIM_PARAM_CHOICE:
    snprintf(form, sizeof form, "%s=%s", p->key, p->choices);
    break;
  }
  return snprintf(buf, size, "  %-22s %s (default %s)\n", form, p->help, p->defval);
}

int sim_strategy_kind_params_help(size_t i, char *buf, size_t size) {
  if (i >= TABLE_LEN) return -1;
  const sim_strategy_vt *vt = strategy_table[i];
  size_t len = 0;
  if (size) buf[0] = '\0';
  for (int k = 0; k < vt->nparams + NCOMMON; k++) {
    const sim_param_def *p = k < vt->nparams ? &vt->params[k] : common_params[k - vt->nparams];
    int n = param_help_line(p, len < size ? buf + len : NULL, len < size ? size - len : 0);
    if (n < 0) return n;
    len += (size_t)n;
  }
  return (int)len;
}

int sim_strategy_kind_takes(size_t i, const char *key) {
  if (i >= TABLE_LEN || !key) return 0;
  const sim_strategy_vt *vt = strategy_table[i];
  for (int k = 0; k < vt->nparams; k++)
    if (strcmp(vt->params[k].key, key) == 0) return 1;
  for (int k = 0; k < NCOMMON; k++)
    if (strcmp(common_params[k]->key, key) == 0) return 1;
  return 0;
}

size_t sim_strategy_kind_of(const sim_strategy *s) {
  for (size_t i = 0; i < TABLE_LEN; i++)
    if (strategy_table[i] == s->vt) return i;
  return TABLE_LEN;
}

static const sim_strategy_vt *find_kind(const char *name, size_t len) {
  for (size_t i = 0; i < TABLE_LEN; i++)
    if (strlen(strategy_table[i]->name) == len && strncmp(strategy_table[i]->name, name, len) == 0)
      return strategy_table[i];
  return NULL;
}

static void list_names(char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < TABLE_LEN && len < size; i++)
    len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", strategy_table[i]->name);
}

static void list_keys(const sim_strategy_vt *vt, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int k = 0; k < vt->nparams && len < size; k++)
    len += (size_t)snprintf(buf + len, size - len, "%s, ", vt->params[k].key);
  for (int k = 0; k < NCOMMON && len < size; k++)
    len += (size_t)snprintf(buf + len, size - len, "%s%s", k ? ", " : "", common_params[k]->key);
}

/* Parses one value; on error fills err with `where` and the reason. */
static int parse_value(const sim_param_def *p, const char *strategy, const char *value,
                       int64_t *out, const char *where, sim_error *err) {
  switch (p->type) {
  case SIM_PARAM_INT: {
    char *end;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (errno || end == value || *end || !isdigit((unsigned char)value[0]) || v < p->min ||
        v > p->max)
      return sim_fail(err, SIM_EINPUT,
                      "%s: error: %s: %s=%s is not valid (expected a whole number from %lld to "
                      "%lld)",
                      where, strategy, p->key, value, (long long)p->min, (long long)p->max);
    *out = v;
    return 0;
  }
  case SIM_PARAM_DURATION: {
    sim_time d;
    const char *why = "not a duration";
    if (sim_time_parse_duration(value, &d, &why) != 0)
      return sim_fail(err, SIM_EINPUT,
                      "%s: error: %s: %s=%s is not valid: %s (expected a duration such as 5ms, "
                      "2s, 1min)",
                      where, strategy, p->key, value, why);
    *out = d;
    return 0;
  }
  case SIM_PARAM_CHOICE: {
    const char *c = p->choices;
    for (int64_t idx = 0; *c; idx++) {
      size_t n = strcspn(c, "|");
      if (strlen(value) == n && strncmp(value, c, n) == 0) {
        *out = idx;
        return 0;
      }
      c += n;
      if (*c == '|') c++;
    }
    char choices[128];
    snprintf(choices, sizeof choices, "%s", p->choices);
    for (char *q = choices; *q; q++)
      if (*q == '|') *q = '/';
    return sim_fail(err, SIM_EINPUT, "%s: error: %s: %s=%s is not valid (expected one of: %s)",
                    where, strategy, p->key, value, choices);
  }
  }
  return sim_fail(err, SIM_EINPUT, "%s: error: bad parameter type", where);
}

static int apply_param(sim_strategy *s, const char *key, const char *value, const char *where,
                       sim_error *err) {
  const sim_strategy_vt *vt = s->vt;
  if (strcmp(key, switch_cost_param.key) == 0) {
    int64_t v;
    if (parse_value(&switch_cost_param, vt->name, value, &v, where, err)) return SIM_EINPUT;
    s->switch_cost = v;
    return 0;
  }
  if (strcmp(key, timeouts_param.key) == 0) {
    int64_t v;
    if (parse_value(&timeouts_param, vt->name, value, &v, where, err)) return SIM_EINPUT;
    s->ignore_timeouts = v == 1;
    return 0;
  }
  for (int k = 0; k < vt->nparams; k++) {
    if (strcmp(key, vt->params[k].key) != 0) continue;
    if (s->given[k])
      return sim_fail(err, SIM_EINPUT, "%s: error: %s: %s is given twice", where, vt->name, key);
    if (parse_value(&vt->params[k], vt->name, value, &s->param[k], where, err)) return SIM_EINPUT;
    s->given[k] = 1;
    return 0;
  }
  char keys[256];
  list_keys(vt, keys, sizeof keys);
  return sim_fail(err, SIM_EINPUT, "%s: error: %s has no parameter '%s' (it takes: %s)", where,
                  vt->name, key, keys);
}

/* Copies text without blanks: "threads: gil = off" and "threads:gil=off" are one strategy. */
static char *strip_blanks(const char *text) {
  char *out = sim_malloc(strlen(text) + 1), *o = out;
  if (!out) return NULL;
  for (const char *p = text; *p; p++)
    if (!isspace((unsigned char)*p)) *o++ = *p;
  *o = '\0';
  return out;
}

int sim_strategy_parse(const char *text, const char *where, sim_strategy **out, sim_error *err) {
  *out = NULL;
  char *spec = strip_blanks(text);
  if (!spec) return sim_fail(err, SIM_EFAIL, "%s: error: out of memory", where);
  size_t name_len = strcspn(spec, ":");
  const sim_strategy_vt *vt = find_kind(spec, name_len);
  if (!vt) {
    char names[256];
    list_names(names, sizeof names);
    int rc = sim_fail(err, SIM_EINPUT, "%s: error: unknown strategy '%.*s' (expected one of: %s)",
                      where, (int)name_len, spec, names);
    sim_free(spec);
    return rc;
  }
  sim_strategy *s = sim_calloc(1, sizeof *s);
  if (!s) {
    sim_free(spec);
    return sim_fail(err, SIM_EFAIL, "%s: error: out of memory", where);
  }
  s->vt = vt;
  snprintf(s->where, sizeof s->where, "%s", where);
  for (int k = 0; k < vt->nparams; k++) {
    int rc = parse_value(&vt->params[k], vt->name, vt->params[k].defval, &s->param[k], where, err);
    (void)rc; /* defaults are ours and valid; test_strategy checks every one */
  }
  size_t label_len = (size_t)snprintf(s->label, sizeof s->label, "%s", vt->name);
  char *rest = spec[name_len] == ':' ? spec + name_len + 1 : NULL;
  int first = 1;
  while (rest && *rest) {
    char *comma = strchr(rest, ',');
    if (comma) *comma = '\0';
    char *eq = strchr(rest, '=');
    if (!eq || eq == rest || !eq[1]) {
      int rc = sim_fail(err, SIM_EINPUT,
                        "%s: error: %s: '%s' is not key=value (write e.g. %s:switch_cost=1s)",
                        where, vt->name, rest, vt->name);
      sim_free(spec);
      sim_free(s);
      return rc;
    }
    *eq = '\0';
    if (apply_param(s, rest, eq + 1, where, err) != 0) {
      sim_free(spec);
      sim_free(s);
      return SIM_EINPUT;
    }
    if (label_len < sizeof s->label)
      label_len += (size_t)snprintf(s->label + label_len, sizeof s->label - label_len, "%c%s=%s",
                                    first ? ':' : ',', rest, eq + 1);
    first = 0;
    rest = comma ? comma + 1 : NULL;
  }
  sim_free(spec);
  *out = s;
  return 0;
}

int sim_strategy_parse_list(const char *list, const char *where, sim_strategy **out, int max,
                            int *n, sim_error *err) {
  *n = 0;
  char *copy = strip_blanks(list);
  if (!copy) return sim_fail(err, SIM_EFAIL, "%s: error: out of memory", where);
  /* Split on commas; a piece with '=' but no ':' continues the previous strategy. */
  char *start = copy;
  int rc = 0;
  while (*start && rc == 0) {
    char *end = start;
    for (;;) {
      char *comma = strchr(end, ',');
      if (!comma) {
        end += strlen(end);
        break;
      }
      char *next = comma + 1;
      size_t piece = strcspn(next, ",");
      int continues = memchr(next, '=', piece) && !memchr(next, ':', piece);
      if (!continues) {
        end = comma;
        break;
      }
      end = next + piece;
    }
    char saved = *end;
    *end = '\0';
    if (*n == max) {
      rc = sim_fail(err, SIM_EINPUT, "%s: error: at most %d strategies at once", where, max);
    } else if (*start == '\0') {
      rc = sim_fail(err, SIM_EINPUT, "%s: error: empty strategy name in '%s'", where, list);
    } else {
      rc = sim_strategy_parse(start, where, &out[*n], err);
      if (rc == 0) (*n)++;
    }
    start = saved ? end + 1 : end;
    if (saved && *start == '\0' && rc == 0)
      rc = sim_fail(err, SIM_EINPUT, "%s: error: empty strategy name in '%s'", where, list);
  }
  if (*n == 0 && rc == 0) rc = sim_fail(err, SIM_EINPUT, "%s: error: no strategy given", where);
  if (rc != 0) {
    for (int i = 0; i < *n; i++) sim_strategy_free(out[i]);
    *n = 0;
  }
  sim_free(copy);
  return rc;
}

int sim_strategy_fits(const sim_strategy *s, const scn_scenario *scn, sim_error *err) {
  scn_totals t;
  scn_totals_of(scn, &t);
  /* Every duration parameter, charged per step: a switch per step at most
   * (switch_cost, latency), a process start (spawn) or a time slice
   * (switch) at most once per step too. */
  sim_time per_step = s->switch_cost;
  const char *name = s->switch_cost > 0 ? "switch_cost" : NULL;
  for (int k = 0; k < s->vt->nparams; k++) {
    if (s->vt->params[k].type != SIM_PARAM_DURATION) continue;
    if (s->param[k] > SIM_TIME_MAX - per_step) {
      per_step = SIM_TIME_MAX;
    } else {
      per_step += s->param[k];
    }
    if (s->given[k] && (!name || s->param[k] > 0)) name = s->vt->params[k].key;
  }
  if (per_step == 0) return 0;
  sim_time room = t.saturated || t.work > SIM_TIME_MAX - t.last_arrival
                      ? 0
                      : SIM_TIME_MAX - t.work - t.last_arrival;
  int64_t steps = t.steps > 0 ? t.steps : 1;
  if (per_step <= room / steps) return 0;
  return sim_fail(err, SIM_EINPUT,
                  "%s: error: %s: %s (with the other time costs, %lld us per step) over the "
                  "%lld steps this scenario runs could pass the end of the simulated clock "
                  "(292471 years)",
                  s->where, s->label, name ? name : "its time costs", (long long)per_step,
                  (long long)t.steps);
}


const char *sim_strategy_label(const sim_strategy *s) {
  return s->label;
}
void sim_strategy_free(sim_strategy *s) {
  sim_free(s);
}

/* scn_build.c - checks the YAML tree against the scenario format and builds
 * the scn_scenario the engine reads. The format is docs/scenario-format.md.
 *
 * Every message points at the node it is about: the value for a wrong value,
 * the key for an unknown or repeated key, the mapping for a missing key. The
 * first problem found stops the load; one clear message beats a cascade.
 *
 * Memory: the scenario's strings and arrays are malloc'ed one by one and
 * released by scn_free; on failure the caller frees the partial scenario, so
 * every array is counted (ngroups, nsteps...) as soon as it is allocated.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"
#include "sim/sim_alloc.h"

const char *const scn_top_keys[] = {"name",
                                    "description",
                                    "worker",
                                    "seed",
                                    "strategies",
                                    "resources",
                                    "return_exceptions",
                                    "cancel_on_error",
                                    "offload_threads",
                                    "profile",
                                    "tasks",
                                    NULL};
const char *const scn_group_keys[] = {"name",     "count",    "repeat", "steps",
                                      "on_error", "arrivals", "until",  NULL};
/* The step kinds first, in scn_step_kind order, then the options. */
const char *const scn_step_keys[] = {"cpu",     "wait",  "yield",   "acquire", "release", "block",
                                     "offload", "label", "timeout", "fail",    NULL};
#define SCN_FIRST_STEP_OPTION 7 /* scn_step_keys[7] = "label" */

static int in_list(const char *key, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(key, *list)) return 1;
  return 0;
}

static void join_keys(const char *const *list, char *buf, size_t size) {
  size_t n = 0;
  buf[0] = '\0';
  for (; *list && n < size; list++)
    n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", *list);
}

static char *dup_text(const char *s) {
  size_t len = strlen(s);
  char *d = sim_malloc(len + 1);
  if (d) memcpy(d, s, len + 1);
  return d;
}

/* Control characters: C0 and DEL, and in UTF-8 the C1 controls U+0080 to
 * U+009F (NEL among them) and the line and paragraph separators U+2028 and
 * U+2029, which break lines in editors, terminals and JSON viewers alike. */
static int has_control(const char *s, int allow_newlines) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if ((*p < 0x20 || *p == 0x7f) && !(allow_newlines && (*p == '\n' || *p == '\t'))) return 1;
    if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) return 1;
    if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) return 1;
  }
  return 0;
}

/* --- scalar values ------------------------------------------------------------ */

static int check_keys(scn_ctx *c, const scn_node *map, const char *const *allowed,
                      const char *where) {
  for (int i = 0; i < map->npairs; i++) {
    const scn_node *key = map->pairs[i].key;
    if (in_list(key->text, allowed)) continue;
    char q[SCN_QUOTE_SIZE], keys[128];
    join_keys(allowed, keys, sizeof keys);
    return scn_fail_at(c, key, "unknown key %s %s (expected %s)", scn_quote(key->text, q), where,
                       keys);
  }
  return 0;
}

/* Text for `what` ("'name'"), copied with malloc. Names and labels end up in
 * table cells, CSV fields and trace JSON, where a line break would break the
 * layout, so control characters are refused except in the description. */
static int get_text(scn_ctx *c, const scn_node *v, const char *what, int nonempty,
                    int allow_newlines, char **out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_SCALAR || scn_is_null(v))
    return scn_fail_at(c, v, "%s must be text, got %s", what, scn_describe(v, d));
  if (nonempty && !v->text[0]) return scn_fail_at(c, v, "%s must not be empty", what);
  if (has_control(v->text, allow_newlines))
    return scn_fail_at(c, v, "%s must not contain control characters such as line breaks", what);
  if (!(*out = dup_text(v->text))) return scn_oom(c);
  return 0;
}

/* A whole number in [min, max], written as plain decimal digits: "2.5",
 * "1e3", "0x10" and "-1" are refused rather than converted, since each is more
 * likely a mistake than a wish. */
static int get_uint(scn_ctx *c, const scn_node *v, const char *what, uint64_t min, uint64_t max,
                    uint64_t *out) {
  char d[SCN_QUOTE_SIZE];
  const char *p = v->kind == SCN_NODE_SCALAR && !scn_is_null(v) ? v->text : "";
  uint64_t n = 0;
  int ok = *p != '\0', big = 0;
  for (; *p && ok; p++) {
    if (*p < '0' || *p > '9') {
      ok = 0;
      break;
    }
    unsigned digit = (unsigned)(*p - '0');
    if (n > (UINT64_MAX - digit) / 10)
      big = 1;
    else
      n = n * 10 + digit;
  }
  if (!ok || (!big && n < min))
    return scn_fail_at(c, v, "%s must be a whole number >= %" PRIu64 ", got %s", what, min,
                       scn_describe(v, d));
  if (big || n > max)
    return scn_fail_at(c, v, "%s is too large: %s (at most %" PRIu64 ")", what,
                       scn_quote(v->text, d), max);
  *out = n;
  return 0;
}

/* --- resources and strategies -------------------------------------------------- */

static int build_resources(scn_ctx *c, const scn_node *v, scn_scenario *out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_MAP)
    return scn_fail_at(c, v,
                       "'resources' must be a mapping of names to capacities, such as "
                       "{washer: 1}, got %s",
                       scn_describe(v, d));
  if (v->npairs > SCN_MAX_RESOURCES)
    return scn_fail_at(c, v->pairs[SCN_MAX_RESOURCES].key, "too many resources: %d (at most %d)",
                       v->npairs, SCN_MAX_RESOURCES);
  if (v->npairs == 0) return 0;
  if (!(out->resources = sim_calloc((size_t)v->npairs, sizeof *out->resources))) return scn_oom(c);
  for (int i = 0; i < v->npairs; i++) {
    const scn_node *key = v->pairs[i].key;
    scn_resource *r = &out->resources[out->nresources++];
    r->loc = key->loc;
    int rc = get_text(c, key, "a resource name", 1, 0, &r->name);
    if (rc) return rc;
    char what[SCN_QUOTE_SIZE + 16];
    snprintf(what, sizeof what, "the capacity of %s", scn_quote(r->name, d));
    uint64_t cap;
    if ((rc = get_uint(c, v->pairs[i].value, what, 1, INT32_MAX, &cap))) return rc;
    r->capacity = (int32_t)cap;
  }
  return 0;
}

/* A growable string, for normalising strategies. */
typedef struct strbuf {
  char *p;
  size_t len, cap;
} strbuf;

static int sb_add(strbuf *b, const char *s) {
  size_t n = strlen(s);
  if (b->len + n + 1 > b->cap) {
    size_t cap = (b->len + n + 1) * 2;
    char *p = sim_realloc(b->p, cap);
    if (!p) return -1;
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n + 1);
  b->len += n;
  return 0;
}

/* The CLI form is "name:key=value,...", so a name, key or value written in the
 * mapping form must not carry the separators it would be cut at. */
static int check_strategy_word(scn_ctx *c, const scn_node *v, const char *what) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_SCALAR || scn_is_null(v))
    return scn_fail_at(c, v, "%s must be a single value, got %s", what, scn_describe(v, d));
  if (!v->text[0]) return scn_fail_at(c, v, "%s must not be empty", what);
  if (strpbrk(v->text, ",=:") || has_control(v->text, 0))
    return scn_fail_at(c, v, "%s %s must not contain ',', '=', ':' or control characters", what,
                       scn_quote(v->text, d));
  return 0;
}

/* Writes the mapping form {threads: {gil: off, cores: 4}} as
 * "threads:gil=off,cores=4" into b. */
static int strategy_from_map(scn_ctx *c, const scn_node *item, strbuf *b) {
  char d[SCN_QUOTE_SIZE];
  if (item->npairs != 1)
    return scn_fail_at(c, item,
                       "a strategy mapping has one key, the strategy's name, such as "
                       "{threads: {gil: off}}; this one has %d",
                       item->npairs);
  const scn_node *name = item->pairs[0].key, *params = item->pairs[0].value;
  int rc = check_strategy_word(c, name, "a strategy name");
  if (rc) return rc;
  if (sb_add(b, name->text)) return scn_oom(c);
  if (scn_is_null(params)) return 0;
  if (params->kind != SCN_NODE_MAP)
    return scn_fail_at(c, params,
                       "the parameters of strategy %s must be a mapping such as "
                       "{gil: off, cores: 4}, got %s",
                       scn_quote(name->text, d), scn_describe(params, d));
  for (int i = 0; i < params->npairs; i++) {
    if ((rc = check_strategy_word(c, params->pairs[i].key, "a strategy parameter"))) return rc;
    if ((rc = check_strategy_word(c, params->pairs[i].value, "a strategy parameter value")))
      return rc;
    if (sb_add(b, i ? "," : ":") || sb_add(b, params->pairs[i].key->text) || sb_add(b, "=") ||
        sb_add(b, params->pairs[i].value->text))
      return scn_oom(c);
  }
  return 0;
}

static int make_where(scn_ctx *c, const scn_node *n, char **out) {
  char buf[1100];
  if (n->set)
    snprintf(buf, sizeof buf, "--set %s", n->set);
  else
    snprintf(buf, sizeof buf, "%s:%d:%d", c->file, n->loc.line, n->loc.col);
  if (!(*out = dup_text(buf))) return scn_oom(c);
  return 0;
}

static int build_strategies(scn_ctx *c, const scn_node *v, scn_scenario *out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_SEQ)
    return scn_fail_at(c, v, "'strategies' must be a list, such as [sync, async], got %s",
                       scn_describe(v, d));
  if (v->nitems == 0) return 0;
  if (!(out->strategies = sim_calloc((size_t)v->nitems, sizeof *out->strategies)))
    return scn_oom(c);
  for (int i = 0; i < v->nitems; i++) {
    const scn_node *item = v->items[i];
    strbuf b = {0};
    int rc = 0;
    if (item->kind == SCN_NODE_SCALAR && !scn_is_null(item)) {
      if (!item->text[0] || has_control(item->text, 0))
        return scn_fail_at(c, item, "a strategy must be a name such as async, got %s",
                           scn_describe(item, d));
      /* In a flow list, [sync, threads:gil=off,cores=4] splits at every comma;
       * as on the command line, a piece with '=' but no ':' continues the
       * previous strategy's parameters. */
      if (out->nstrategies > 0 && strchr(item->text, '=') && !strchr(item->text, ':')) {
        scn_strategy_ref *prev = &out->strategies[out->nstrategies - 1];
        if (sb_add(&b, prev->text) || sb_add(&b, ",") || sb_add(&b, item->text)) {
          sim_free(b.p);
          return scn_oom(c);
        }
        sim_free(prev->text);
        prev->text = b.p;
        continue;
      }
      if (sb_add(&b, item->text)) return scn_oom(c);
    } else if (item->kind == SCN_NODE_MAP) {
      rc = strategy_from_map(c, item, &b);
    } else {
      rc = scn_fail_at(c, item,
                       "a strategy is a name such as async or threads:gil=off, or a mapping "
                       "such as {threads: {gil: off}}; got %s",
                       scn_describe(item, d));
    }
    if (rc) {
      sim_free(b.p);
      return rc;
    }
    scn_strategy_ref *ref = &out->strategies[out->nstrategies++];
    ref->text = b.p;
    ref->loc = item->loc;
    if ((rc = make_where(c, item, &ref->where))) return rc;
  }
  return 0;
}

/* --- task groups ------------------------------------------------------------------ */

static int find_resource(const scn_scenario *s, const char *name) {
  for (int i = 0; i < s->nresources; i++)
    if (!strcmp(s->resources[i].name, name)) return i;
  return -1;
}

static int undefined_resource(scn_ctx *c, const scn_node *v, const scn_scenario *s) {
  char q[SCN_QUOTE_SIZE], list[300];
  size_t n = 0;
  list[0] = '\0';
  for (int i = 0; i < s->nresources; i++) {
    if (n > 200) {
      snprintf(list + n, sizeof list - n, ", ...");
      break;
    }
    n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", s->resources[i].name);
  }
  if (s->nresources == 0)
    return scn_fail_at(c, v,
                       "undefined resource %s (no resources are defined; add resources: "
                       "{name: capacity} at the top level)",
                       scn_quote(v->text, q));
  return scn_fail_at(c, v, "undefined resource %s (defined: %s)", scn_quote(v->text, q), list);
}

/* The node holding a step's kind value: "5s" in {cpu: 5s}, the step itself
 * for a bare `yield`. Used to point messages at it. */
static const scn_node *step_value(const scn_node *item, scn_step_kind kind) {
  if (item->kind != SCN_NODE_MAP) return item;
  const scn_node *v = scn_map_get(item, scn_step_kind_name(kind));
  return v ? v : item;
}

/* The step's one kind key: {cpu: 5s, label: ...} has cpu; two kinds, or
 * none, is an error. */
static int step_kind_pair(scn_ctx *c, const scn_node *item, const scn_pair **out) {
  char d[SCN_QUOTE_SIZE], d2[SCN_QUOTE_SIZE];
  const scn_pair *kind_pair = NULL;
  for (int i = 0; i < item->npairs; i++) {
    const scn_pair *p = &item->pairs[i];
    if (in_list(p->key->text, scn_step_keys + SCN_FIRST_STEP_OPTION)) continue;
    if (kind_pair)
      return scn_fail_at(c, p->key, "a step has one kind, but this one has both %s and %s",
                         scn_quote(kind_pair->key->text, d), scn_quote(p->key->text, d2));
    kind_pair = p;
  }
  if (!kind_pair)
    return scn_fail_at(c, item,
                       "a step needs one of cpu, wait, yield, acquire, release, block or offload");
  *out = kind_pair;
  return 0;
}

/* The kind's value: a duration, nothing (yield) or a resource. */
static int step_kind_value(scn_ctx *c, const scn_scenario *s, const scn_pair *kind_pair,
                           scn_step *st) {
  char d[SCN_QUOTE_SIZE];
  const scn_node *v = kind_pair->value;
  switch (st->kind) {
  case SCN_STEP_CPU:
  case SCN_STEP_WAIT:
  case SCN_STEP_BLOCK:
  case SCN_STEP_OFFLOAD:
    return scn_get_dist(c, v, kind_pair->key->text, &st->duration);
  case SCN_STEP_YIELD:
    /* `- yield` is the usual spelling; {yield: ~} and {yield: true} exist so
     * a yield can carry a label. */
    if (!scn_is_null(v) &&
        !(v->kind == SCN_NODE_SCALAR && v->plain &&
          (!strcmp(v->text, "true") || !strcmp(v->text, "True") || !strcmp(v->text, "TRUE"))))
      return scn_fail_at(c, v,
                         "'yield' takes no value (write - yield, or {yield: ~} with a label), "
                         "got %s",
                         scn_describe(v, d));
    return 0;
  case SCN_STEP_ACQUIRE:
  case SCN_STEP_RELEASE:
    if (v->kind != SCN_NODE_SCALAR || scn_is_null(v))
      return scn_fail_at(c, v, "'%s' must name a resource, got %s", kind_pair->key->text,
                         scn_describe(v, d));
    if ((st->resource = find_resource(s, v->text)) < 0) return undefined_resource(c, v, s);
    return 0;
  case SCN_STEP_KIND_COUNT:
    break;
  }
  return 0;
}

/* label, timeout and fail. */
static int step_options(scn_ctx *c, const scn_node *item, scn_step *st) {
  int rc;
  const scn_node *label = scn_map_get(item, "label");
  if (label && (rc = get_text(c, label, "'label'", 0, 0, &st->label))) return rc;
  /* Only a step that waits on the world can time out or fail: asyncio.wait_for
   * cancels at an await, and a cpu step has none. */
  int waits =
      st->kind == SCN_STEP_WAIT || st->kind == SCN_STEP_BLOCK || st->kind == SCN_STEP_OFFLOAD;
  const scn_node *timeout = scn_map_get(item, "timeout");
  const scn_node *fail = scn_map_get(item, "fail");
  if ((timeout || fail) && !waits)
    return scn_fail_at(
        c, timeout ? scn_map_key(item, "timeout") : scn_map_key(item, "fail"),
        "'%s' applies to wait, block and offload steps, not to %s%s", timeout ? "timeout" : "fail",
        scn_step_kind_name(st->kind),
        st->kind == SCN_STEP_CPU ? " (a cpu step never awaits, so nothing can interrupt it)" : "");
  if (timeout) {
    if ((rc = scn_get_duration(c, timeout, "timeout", &st->timeout))) return rc;
    if (st->timeout == 0) return scn_fail_at(c, timeout, "a timeout must be above 0");
  }
  if (fail && (rc = scn_get_number(c, fail, "'fail' (a probability)", 0, 0, 1, 0, &st->fail)))
    return rc;
  return 0;
}

static int build_step(scn_ctx *c, const scn_scenario *s, const scn_node *item, scn_step *st) {
  char d[SCN_QUOTE_SIZE];
  st->loc = item->loc;
  st->resource = -1;
  if (item->kind == SCN_NODE_SCALAR && !strcmp(item->text, "yield")) {
    st->kind = SCN_STEP_YIELD;
    return 0;
  }
  if (item->kind != SCN_NODE_MAP)
    return scn_fail_at(c, item, "a step is 'yield' or a mapping such as {cpu: 5s}, got %s",
                       scn_describe(item, d));
  int rc = check_keys(c, item, scn_step_keys, "in step");
  if (rc) return rc;
  const scn_pair *kind_pair = NULL;
  if ((rc = step_kind_pair(c, item, &kind_pair))) return rc;
  for (int k = 0; k < SCN_STEP_KIND_COUNT; k++)
    if (!strcmp(kind_pair->key->text, scn_step_kind_name((scn_step_kind)k)))
      st->kind = (scn_step_kind)k;
  if ((rc = step_kind_value(c, s, kind_pair, st))) return rc;
  return step_options(c, item, st);
}

/* Walks one group's step list as the engine will: a release must match a
 * unit the task holds, a task may not hold more units than exist (it would
 * wait for itself forever), and the list must end holding nothing, so every
 * repetition starts clean. A leftover is blamed on the earliest acquire that
 * no later release matches (releases match the latest acquire, like a stack). */
static int check_holds(scn_ctx *c, const scn_scenario *s, const scn_group *g, const scn_node *steps,
                       int32_t *held) {
  char q[SCN_QUOTE_SIZE], q2[SCN_QUOTE_SIZE];
  memset(held, 0, (size_t)s->nresources * sizeof *held);
  for (int i = 0; i < g->nsteps; i++) {
    const scn_step *st = &g->steps[i];
    if (st->kind == SCN_STEP_ACQUIRE) {
      const scn_resource *r = &s->resources[st->resource];
      if (++held[st->resource] > r->capacity)
        return scn_fail_at(c, step_value(steps->items[i], st->kind),
                           "task %s would hold %d units of %s, more than its capacity of %d: it "
                           "would wait for itself forever",
                           scn_quote(g->name, q), (int)held[st->resource], scn_quote(r->name, q2),
                           (int)r->capacity);
    } else if (st->kind == SCN_STEP_RELEASE) {
      if (held[st->resource]-- == 0)
        return scn_fail_at(c, step_value(steps->items[i], st->kind),
                           "task %s releases %s without holding it", scn_quote(g->name, q),
                           scn_quote(s->resources[st->resource].name, q2));
    }
  }
  int leftover = -1;
  for (int r = 0; r < s->nresources; r++) held[r] = 0; /* now: releases not yet matched */
  for (int i = g->nsteps - 1; i >= 0; i--) {
    const scn_step *st = &g->steps[i];
    if (st->kind == SCN_STEP_RELEASE) held[st->resource]++;
    if (st->kind == SCN_STEP_ACQUIRE && held[st->resource]-- == 0) {
      held[st->resource] = 0;
      leftover = i;
    }
  }
  if (leftover < 0) return 0;
  const scn_step *st = &g->steps[leftover];
  char w[32];
  return scn_fail_at(c, step_value(steps->items[leftover], st->kind),
                     "task %s ends holding %s (acquired at %s)", scn_quote(g->name, q),
                     scn_quote(s->resources[st->resource].name, q2),
                     scn_where(steps->items[leftover], w, sizeof w));
}

static int mul_fits(int64_t a, int64_t b, int64_t *out) {
  if (a && b > INT64_MAX / a) return 0;
  *out = a * b;
  return 1;
}

/* Totals over the groups so far, to refuse scenarios the engine's counters
 * cannot hold rather than let them wrap mid-run. */
typedef struct totals {
  int64_t tasks, work, steps;
  sim_time last_arrival; /* the latest any group's last arrival can be */
} totals;

/* Half the clock: a random arrival process whose mean reaches it would pass
 * the end in about half its runs. */
#define SCN_HALF_CLOCK ((double)INT64_MAX / 2)

/* When a group's last task can arrive at the latest (0 for a closed group),
 * refusing arrival processes that would pass the end of the clock: `every`
 * times the count, `poisson` with a rate so small that the expected time of
 * the last arrival is past half the clock. With `until` the last arrival is
 * before it. */
static int last_arrival(scn_ctx *c, const scn_group *g, const scn_node *arrivals, sim_time *out) {
  const scn_arrivals *a = &g->arrivals;
  *out = 0;
  if (!arrivals || a->kind == SCN_ARRIVE_AT_START) return 0;
  const scn_node *arg = arrivals->pairs[0].value;
  char d[SCN_QUOTE_SIZE];
  sim_time until = a->until > 0 ? a->until : INT64_MAX;
  switch (a->kind) {
  case SCN_ARRIVE_EVERY: {
    int64_t n = a->until > 0 && !a->has_count ? 0 : (int64_t)g->count - 1;
    if (n > 0 && a->every > INT64_MAX / n)
      return scn_fail_at(c, arg,
                         "arrivals every %s for %d tasks of group %s pass the end of the clock "
                         "(292471 years)",
                         arg->text, (int)g->count, scn_quote(g->name, d));
    *out = n > 0 ? a->every * n : until;
    if (*out > until) *out = until;
    return 0;
  }
  case SCN_ARRIVE_POISSON: {
    double expect = a->until > 0 && !a->has_count ? 0 : (double)g->count / a->rate * 1e6;
    if (expect > SCN_HALF_CLOCK)
      return scn_fail_at(c, arg,
                         "at a Poisson rate of %s per second, %d arrivals of group %s would take "
                         "longer than the clock can hold (292471 years)",
                         arg->text, (int)g->count, scn_quote(g->name, d));
    *out = expect > 0 ? (sim_time)expect : until;
    if (*out > until) *out = until;
    return 0;
  }
  case SCN_ARRIVE_AT: *out = a->at[a->nat - 1]; return 0;
  case SCN_ARRIVE_AT_START: break;
  }
  return 0;
}

/* name, count, repeat, on_error. */
static int group_header(scn_ctx *c, const scn_node *item, scn_group *g) {
  char d[SCN_QUOTE_SIZE];
  int rc;
  g->loc = item->loc;
  g->count = g->repeat = 1;
  const scn_node *v = scn_map_get(item, "name");
  if (!v) return scn_fail_at(c, item, "missing key 'name' in task group");
  if ((rc = get_text(c, v, "'name'", 1, 0, &g->name))) return rc;

  uint64_t n;
  const scn_node *count = scn_map_get(item, "count");
  if (count) {
    if ((rc = get_uint(c, count, "'count'", 1, INT32_MAX, &n))) return rc;
    g->count = (int32_t)n;
  }
  const scn_node *repeat = scn_map_get(item, "repeat");
  if (repeat) {
    if ((rc = get_uint(c, repeat, "'repeat'", 1, INT32_MAX, &n))) return rc;
    g->repeat = (int32_t)n;
  }

  if ((v = scn_map_get(item, "on_error"))) {
    if (v->kind == SCN_NODE_SCALAR && !strcmp(v->text, "continue"))
      g->on_error = SCN_ON_ERROR_CONTINUE;
    else if (v->kind == SCN_NODE_SCALAR && !strcmp(v->text, "stop"))
      g->on_error = SCN_ON_ERROR_STOP;
    else
      return scn_fail_at(c, v, "'on_error' must be continue or stop, got %s", scn_describe(v, d));
  }
  return 0;
}

/* arrivals and until, which may set the count (one task per `at` time). */
static int group_arrivals(scn_ctx *c, const scn_node *item, scn_group *g) {
  int rc;
  const scn_node *count = scn_map_get(item, "count");
  const scn_node *arrivals = scn_map_get(item, "arrivals");
  const scn_node *until = scn_map_get(item, "until");
  if (until && !arrivals)
    return scn_fail_at(c, scn_map_key(item, "until"),
                       "'until' limits arrivals; give the group 'arrivals' too");
  if (!arrivals) return 0;
  if ((rc = scn_get_arrivals(c, arrivals, &g->arrivals))) return rc;
  g->arrivals.has_count = count != NULL;
  if (until) {
    if ((rc = scn_get_duration(c, until, "until", &g->arrivals.until))) return rc;
    if (g->arrivals.until == 0) return scn_fail_at(c, until, "'until' must be above 0");
  }
  if (g->arrivals.kind == SCN_ARRIVE_AT && !count) g->count = g->arrivals.nat;
  if (g->arrivals.kind == SCN_ARRIVE_AT && count && g->count > g->arrivals.nat)
    return scn_fail_at(c, count, "'count' is %d but 'at' lists only %d arrival times",
                       (int)g->count, g->arrivals.nat);
  if (g->arrivals.kind != SCN_ARRIVE_AT && !count && !until)
    return scn_fail_at(c, arrivals,
                       "an open workload needs 'count' (how many arrive) or 'until' (when "
                       "arrivals stop)");
  return 0;
}

/* The step list, and the time one repetition asks for (*per_rep). */
static int group_steps(scn_ctx *c, const scn_scenario *s, const scn_node *item, scn_group *g,
                       int32_t *held, int64_t *per_rep) {
  char d[SCN_QUOTE_SIZE];
  int rc;
  const scn_node *steps = scn_map_get(item, "steps");
  if (!steps)
    return scn_fail_at(c, item, "missing key 'steps' in task group %s", scn_quote(g->name, d));
  if (steps->kind != SCN_NODE_SEQ || steps->nitems == 0)
    return scn_fail_at(c, steps, "'steps' must be a non-empty list of steps, got %s",
                       steps->kind == SCN_NODE_SEQ ? "an empty list" : scn_describe(steps, d));
  if (steps->nitems > SCN_MAX_STEPS)
    return scn_fail_at(c, steps->items[SCN_MAX_STEPS],
                       "too many steps in task group %s: %d (at most %d)", scn_quote(g->name, d),
                       steps->nitems, SCN_MAX_STEPS);
  if (!(g->steps = sim_calloc((size_t)steps->nitems, sizeof *g->steps))) return scn_oom(c);
  *per_rep = 0;
  for (int i = 0; i < steps->nitems; i++) {
    scn_step *st = &g->steps[g->nsteps++];
    if ((rc = build_step(c, s, steps->items[i], st))) return rc;
    if (st->kind == SCN_STEP_CPU || st->kind == SCN_STEP_WAIT || st->kind == SCN_STEP_BLOCK ||
        st->kind == SCN_STEP_OFFLOAD) {
      /* The longest draw, not the mean: uniform's high end, the largest choice. */
      sim_time most = scn_dist_bound(&st->duration);
      if (most > INT64_MAX - *per_rep)
        return scn_fail_at(c, step_value(steps->items[i], st->kind),
                           "task group %s is longer than the clock can hold "
                           "(292471 years)",
                           scn_quote(g->name, d));
      *per_rep += most;
    }
  }
  return check_holds(c, s, g, steps, held);
}

/* Adds the group to the totals, refusing what the counters cannot hold. */
static int group_totals(scn_ctx *c, const scn_node *item, const scn_group *g, int64_t per_rep,
                        totals *t) {
  char d[SCN_QUOTE_SIZE];
  const scn_node *count = scn_map_get(item, "count");
  int64_t tasks = t->tasks + g->count, work, steps_run;
  if (tasks > INT32_MAX)
    return scn_fail_at(c, count ? count : item, "too many tasks: %" PRId64 " in all (at most %d)",
                       tasks, INT32_MAX);
  if (!mul_fits(per_rep, (int64_t)g->count * g->repeat, &work) || work > INT64_MAX - t->work)
    return scn_fail_at(c, item,
                       "task group %s needs more simulated time than the clock can hold: count x "
                       "repeat x the step durations pass 292471 years",
                       scn_quote(g->name, d));
  if (!mul_fits(g->nsteps, (int64_t)g->count * g->repeat, &steps_run) ||
      steps_run > INT64_MAX - t->steps)
    return scn_fail_at(c, item, "task group %s runs more steps than the engine can count",
                       scn_quote(g->name, d));
  const scn_node *arrivals = scn_map_get(item, "arrivals");
  sim_time last = 0;
  int rc = last_arrival(c, g, arrivals, &last);
  if (rc) return rc;
  if (last > t->last_arrival) t->last_arrival = last;
  if (t->last_arrival > INT64_MAX - (t->work + work))
    return scn_fail_at(c, arrivals,
                       "task group %s ends after the end of the clock (292471 years): its last "
                       "arrival plus the work of every task passes it",
                       scn_quote(g->name, d));
  t->tasks = tasks;
  t->work += work;
  t->steps += steps_run;
  return 0;
}

static int build_group(scn_ctx *c, const scn_scenario *s, const scn_node *item, scn_group *g,
                       int32_t *held, totals *t) {
  char d[SCN_QUOTE_SIZE];
  if (item->kind != SCN_NODE_MAP)
    return scn_fail_at(c, item, "a task group must be a mapping with name and steps, got %s",
                       scn_describe(item, d));
  int rc = check_keys(c, item, scn_group_keys, "in task group");
  int64_t per_rep = 0;
  if (!rc) rc = group_header(c, item, g);
  if (!rc) rc = group_arrivals(c, item, g);
  if (!rc) rc = group_steps(c, s, item, g, held, &per_rep);
  if (!rc) rc = group_totals(c, item, g, per_rep, t);
  return rc;
}

static const char *group_name(const void *scn, int i) {
  return ((const scn_scenario *)scn)->groups[i].name;
}

/* Task names key the trace, the table and --set paths, so they must be unique. */
static int check_unique_names(scn_ctx *c, const scn_scenario *s, const scn_node *tasks) {
  int first = -1, dup = scn_first_repeat(group_name, s, s->ngroups, &first);
  if (dup == -2) return scn_oom(c);
  if (dup < 0) return 0;
  char q[SCN_QUOTE_SIZE], w[32];
  return scn_fail_at(c, scn_map_get(tasks->items[dup], "name"),
                     "duplicate task group name %s (first at %s)",
                     scn_quote(s->groups[dup].name, q),
                     scn_where(scn_map_get(tasks->items[first], "name"), w, sizeof w));
}

static int build_groups(scn_ctx *c, const scn_node *v, scn_scenario *out) {
  char d[SCN_QUOTE_SIZE];
  if (v->kind != SCN_NODE_SEQ || v->nitems == 0)
    return scn_fail_at(c, v, "'tasks' must be a non-empty list of task groups, got %s",
                       v->kind == SCN_NODE_SEQ ? "an empty list" : scn_describe(v, d));
  if (!(out->groups = sim_calloc((size_t)v->nitems, sizeof *out->groups))) return scn_oom(c);
  int32_t *held = sim_malloc((size_t)(out->nresources ? out->nresources : 1) * sizeof *held);
  if (!held) return scn_oom(c);
  totals t = {0, 0, 0, 0};
  int rc = 0;
  for (int i = 0; i < v->nitems && !rc; i++)
    rc = build_group(c, out, v->items[i], &out->groups[out->ngroups++], held, &t);
  sim_free(held);
  if (rc) return rc;
  out->ntasks = (int32_t)t.tasks;
  return check_unique_names(c, out, v);
}

/* --- the whole file ------------------------------------------------------------------ */

int scn_build(scn_ctx *c, const scn_node *root, scn_scenario *out) {
  int rc = check_keys(c, root, scn_top_keys, "at the top level");
  if (rc) return rc;

  const scn_node *v = scn_map_get(root, "name");
  if (!v) return scn_fail_at(c, root, "missing key 'name' at the top level");
  if ((rc = get_text(c, v, "'name'", 1, 0, &out->name))) return rc;
  if ((v = scn_map_get(root, "description")) &&
      (rc = get_text(c, v, "'description'", 0, 1, &out->description)))
    return rc;
  if ((v = scn_map_get(root, "worker")) && (rc = get_text(c, v, "'worker'", 1, 0, &out->worker)))
    return rc;
  out->seed = 1;
  if ((v = scn_map_get(root, "seed")) && (rc = get_uint(c, v, "'seed'", 0, UINT64_MAX, &out->seed)))
    return rc;
  if ((v = scn_map_get(root, "resources")) && (rc = build_resources(c, v, out))) return rc;
  out->return_exceptions = 1;
  if ((v = scn_map_get(root, "return_exceptions")) &&
      (rc = scn_get_bool(c, v, "'return_exceptions'", &out->return_exceptions)))
    return rc;
  if ((v = scn_map_get(root, "cancel_on_error")) &&
      (rc = scn_get_bool(c, v, "'cancel_on_error'", &out->cancel_on_error)))
    return rc;
  if (out->cancel_on_error && out->return_exceptions)
    return scn_fail_at(c, v,
                       "cancel_on_error needs return_exceptions: false (with return_exceptions "
                       "every task runs to its end, so there is nothing to cancel)");
  out->offload_threads = 32;
  if ((v = scn_map_get(root, "offload_threads"))) {
    uint64_t n;
    if ((rc = get_uint(c, v, "'offload_threads'", 1, 1000000, &n))) return rc;
    out->offload_threads = (int32_t)n;
  }
  if ((v = scn_map_get(root, "profile"))) {
    if ((rc = get_text(c, v, "'profile'", 1, 0, &out->profile))) return rc;
    out->profile_loc = v->loc;
  }
  if ((v = scn_map_get(root, "strategies")) && (rc = build_strategies(c, v, out))) return rc;
  if (!(v = scn_map_get(root, "tasks")))
    return scn_fail_at(c, root, "missing key 'tasks' at the top level");
  return build_groups(c, v, out);
}

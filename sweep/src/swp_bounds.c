/* swp_bounds.c - what theory says beside a sweep's curve, and why a knee is
 * where it is; see sweep.h for which bounds and when.
 *
 * Everything is computed from the scenario's distribution means and the
 * runs' own `cores`, never from the runs' timings, so a bound can disagree
 * with the simulation: that is the point of drawing it.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/strategy.h"
#include "sweep/sweep.h"
#include "swp_internal.h"

/* --- M/M/c ---------------------------------------------------------------------- */

/* Erlang C: the probability an arrival waits. Terms are built one from the
 * last (a^k / k!), so c = 1000 servers neither overflows nor underflows. */
static double swp_erlang_c(int c, double a) {
  double term = 1, sum = 1; /* k = 0 */
  for (int k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  double last = term * a / c / (1 - a / c);
  return last / (sum + last);
}

double swp_mmc_mean(int c, double lambda, double mu) {
  if (c < 1 || !(mu > 0) || !(lambda > 0) || lambda >= c * mu) return NAN;
  return swp_erlang_c(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
}

/* P(T > t) for T = Wq + S: Wq is 0 with probability 1 - C, else Exp(g) with
 * g = c mu - lambda; S is Exp(mu) and independent of it. */
static double swp_mmc_tail(double C, double g, double mu, double t) {
  double hypo = fabs(g - mu) < 1e-12 * mu ? exp(-mu * t) * (1 + mu * t)
                                          : (g * exp(-mu * t) - mu * exp(-g * t)) / (g - mu);
  return (1 - C) * exp(-mu * t) + C * hypo;
}

double swp_mmc_quantile(int c, double lambda, double mu, double q) {
  if (c < 1 || !(mu > 0) || !(lambda > 0) || lambda >= c * mu || !(q > 0 && q < 1)) return NAN;
  double C = swp_erlang_c(c, lambda / mu), g = c * mu - lambda;
  double lo = 0, hi = 1 / mu;
  while (swp_mmc_tail(C, g, mu, hi) > 1 - q) hi *= 2;
  for (int i = 0; i < 200; i++) {
    double mid = (lo + hi) / 2;
    if (swp_mmc_tail(C, g, mu, mid) > 1 - q)
      lo = mid;
    else
      hi = mid;
  }
  return (lo + hi) / 2;
}

/* --- what a scenario takes ------------------------------------------------------- */

static int swp_is_open(const scn_scenario *scn) {
  for (int g = 0; g < scn->ngroups; g++)
    if (scn->groups[g].arrivals.kind != SCN_ARRIVE_AT_START) return 1;
  return 0;
}

static int swp_takes_time(scn_step_kind k) {
  return k == SCN_STEP_CPU || k == SCN_STEP_WAIT || k == SCN_STEP_BLOCK || k == SCN_STEP_OFFLOAD;
}

/* Seconds: every task's cpu, summed; and the longest task's own path. */
static void swp_work(const scn_scenario *scn, double *cpu, double *path) {
  *cpu = *path = 0;
  for (int g = 0; g < scn->ngroups; g++) {
    const scn_group *gr = &scn->groups[g];
    double c = 0, p = 0;
    for (int i = 0; i < gr->nsteps; i++) {
      double mean = scn_dist_mean(&gr->steps[i].duration) / (double)SIM_S;
      if (gr->steps[i].kind == SCN_STEP_CPU) c += mean;
      if (swp_takes_time(gr->steps[i].kind)) p += mean;
    }
    *cpu += c * gr->repeat * gr->count;
    if (p * gr->repeat > *path) *path = p * gr->repeat;
  }
}

const char *swp_label_param(const char *label, const char *key) {
  const char *p = strchr(label, ':');
  size_t n = strlen(key);
  while (p) {
    p++;
    if (strncmp(p, key, n) == 0 && p[n] == '=') return p + n + 1;
    p = strchr(p, ',');
  }
  return NULL;
}

/* Seconds of a duration parameter (latency=2ms), 0 when absent. */
static double swp_label_seconds(const char *label, const char *key) {
  const char *v = swp_label_param(label, key);
  if (!v) return 0;
  char text[64];
  snprintf(text, sizeof text, "%.*s", (int)strcspn(v, ","), v);
  sim_time t;
  const char *why;
  return sim_time_parse_duration(text, &t, &why) == 0 ? sim_time_seconds(t) : 0;
}

/* Whether the strategy's workers hold a task through its waits. */
static int swp_holds_task(const char *label) {
  if (strncmp(label, "sync", 4) == 0 || strncmp(label, "queue", 5) == 0) return 1;
  if (strncmp(label, "processes", 9) == 0) return strstr(label, "mode=async") == NULL;
  return 0;
}

/* One open group's service: E[S] in seconds, whether S is exponential, and
 * the mean of what follows S in the task (waits an event loop overlaps). */
typedef struct swp_service {
  double mean, extra;
  int exponential;
} swp_service;

static swp_service swp_service_of(const scn_group *gr, int holds) {
  swp_service sv = {0, 0, 0};
  int parts = 0, exp_parts = 0;
  for (int i = 0; i < gr->nsteps; i++) {
    const scn_step *st = &gr->steps[i];
    if (!swp_takes_time(st->kind)) continue;
    double mean = scn_dist_mean(&st->duration) / (double)SIM_S;
    if (holds || st->kind == SCN_STEP_CPU) {
      sv.mean += mean;
      if (mean > 0) parts++;
      if (mean > 0 && st->duration.kind == SCN_DIST_EXP) exp_parts++;
    } else {
      sv.extra += mean;
    }
  }
  sv.mean *= gr->repeat;
  sv.extra *= gr->repeat;
  sv.exponential = gr->repeat == 1 && parts == 1 && exp_parts == 1;
  return sv;
}

/* The one group with arrivals, or NULL. */
static const scn_group *swp_open_group(const scn_scenario *scn) {
  const scn_group *found = NULL;
  for (int g = 0; g < scn->ngroups; g++) {
    if (scn->groups[g].arrivals.kind == SCN_ARRIVE_AT_START) continue;
    if (found) return NULL;
    found = &scn->groups[g];
  }
  return found;
}

static double swp_rate(const scn_group *gr) {
  if (gr->arrivals.kind == SCN_ARRIVE_POISSON) return gr->arrivals.rate;
  if (gr->arrivals.kind == SCN_ARRIVE_EVERY && gr->arrivals.every > 0)
    return (double)SIM_S / (double)gr->arrivals.every;
  return 0;
}

/* --- the bounds ------------------------------------------------------------------ */

typedef struct swp_bounds_acc {
  swp_bound *b;
  int n;
  int npoints;
} swp_bounds_acc;

static swp_bound *swp_bound_find(swp_bounds_acc *acc, const char *name, int strategy) {
  for (int i = 0; i < acc->n; i++)
    if (acc->b[i].strategy == strategy && strcmp(acc->b[i].name, name) == 0) return &acc->b[i];
  swp_bound *grown = realloc(acc->b, (size_t)(acc->n + 1) * sizeof *grown);
  if (!grown) return NULL;
  acc->b = grown;
  swp_bound *b = &acc->b[acc->n];
  memset(b, 0, sizeof *b);
  snprintf(b->name, sizeof b->name, "%s", name);
  b->strategy = strategy;
  b->x = NAN;
  b->y = malloc((size_t)acc->npoints * sizeof *b->y);
  if (!b->y) return NULL;
  for (int p = 0; p < acc->npoints; p++) b->y[p] = NAN;
  acc->n++;
  return b;
}

static int swp_is_response(swp_metric m) {
  return m == SWP_METRIC_RESPONSE_MEAN || m == SWP_METRIC_RESPONSE_P95 ||
         m == SWP_METRIC_RESPONSE_P99;
}

/* Is the axis the number of servers (rq workers, pool processes)? */
static int swp_axis_is_servers(const swp_axis *ax) {
  return ax->is_param && (strcmp(ax->key, "workers") == 0 || strcmp(ax->key, "processes") == 0);
}

static int swp_axis_is_rate(const swp_axis *ax) {
  size_t len = strlen(ax->key);
  return !ax->is_param && len > 17 && strcmp(ax->key + len - 17, ".arrivals.poisson") == 0;
}

static int swp_point_bounds(const swp_sweep *sw, swp_metric m, int p, const scn_scenario *scn,
                            swp_bounds_acc *acc) {
  const swp_axis *ax = &sw->spec->axes[0];
  int n = sw->nstrategies;
  if (m == SWP_METRIC_MAKESPAN && !swp_is_open(scn)) {
    double cpu, path;
    swp_work(scn, &cpu, &path);
    swp_bound *b = swp_bound_find(acc, "longest task (its own path)", -1);
    if (!b) return -1;
    b->y[p] = path;
    for (int s = 0; s < n; s++) {
      const sim_result *r = &sw->mean[(size_t)p * (size_t)n + (size_t)s];
      if (r->cores < 1) continue;
      char name[128];
      snprintf(name, sizeof name, "work bound of %s: total cpu / cores", sw->strategies[s]);
      b = swp_bound_find(acc, name, s);
      if (!b) return -1;
      b->y[p] = cpu / r->cores;
    }
    return 0;
  }
  const scn_group *gr = swp_open_group(scn);
  if (!swp_is_response(m) || !gr) return 0;
  double lambda = swp_rate(gr);
  for (int s = 0; s < n; s++) {
    const sim_result *r = &sw->mean[(size_t)p * (size_t)n + (size_t)s];
    int holds = swp_holds_task(r->strategy);
    swp_service sv = swp_service_of(gr, holds);
    /* An rq worker pays its dequeue round trip on every job. */
    if (holds) sv.mean += swp_label_seconds(r->strategy, "latency") * gr->repeat;
    if (!(sv.mean > 0) || r->cores < 1) continue;
    double capacity = r->cores / sv.mean;
    /* A pool of N threads holds a thread for the whole task and the GIL
     * only for its cpu: the smaller capacity is the one that binds. */
    const char *pool =
        strncmp(r->strategy, "threads", 7) == 0 ? swp_label_param(r->strategy, "threads") : NULL;
    if (pool && atoi(pool) > 0) {
      double whole = swp_service_of(gr, 1).mean;
      if (whole > 0 && atoi(pool) / whole < capacity) capacity = atoi(pool) / whole;
    }
    char name[128];
    if (lambda > 0 && (swp_axis_is_rate(ax) || swp_axis_is_servers(ax))) {
      snprintf(name, sizeof name, "capacity of %s", sw->strategies[s]);
      swp_bound *b = swp_bound_find(acc, name, s);
      if (!b) return -1;
      b->vertical = 1;
      /* Where the arrival rate meets the capacity: on a rate axis at the
       * capacity, on a servers axis at lambda x E[S] servers. */
      b->x = swp_axis_is_rate(ax) ? capacity : lambda * sv.mean;
    }
    if (!sv.exponential || gr->arrivals.kind != SCN_ARRIVE_POISSON) continue;
    if (m != SWP_METRIC_RESPONSE_MEAN && sv.extra > 0) continue;
    snprintf(name, sizeof name, "M/M/%d (Erlang C) for %s", r->cores, sw->strategies[s]);
    if (swp_axis_is_servers(ax))
      snprintf(name, sizeof name, "M/M/c (Erlang C) for %s", sw->strategies[s]);
    swp_bound *b = swp_bound_find(acc, name, s);
    if (!b) return -1;
    double mu = 1 / sv.mean, q = m == SWP_METRIC_RESPONSE_P95 ? 0.95 : 0.99;
    b->y[p] = m == SWP_METRIC_RESPONSE_MEAN ? swp_mmc_mean(r->cores, lambda, mu) + sv.extra
                                            : swp_mmc_quantile(r->cores, lambda, mu, q);
  }
  return 0;
}

/* One work-bound line when every strategy has the same cores at every
 * point (sync and async: one worker), instead of one per strategy. */
static void swp_merge_work(swp_bounds_acc *acc) {
  int first = -1, same = 1;
  for (int i = 0; i < acc->n && same; i++) {
    if (strncmp(acc->b[i].name, "work bound of ", 14) != 0) continue;
    if (first < 0) {
      first = i;
      continue;
    }
    for (int p = 0; p < acc->npoints && same; p++) {
      double a = acc->b[first].y[p], b = acc->b[i].y[p];
      same = a == b || (isnan(a) && isnan(b));
    }
  }
  if (first < 0 || !same) return;
  snprintf(acc->b[first].name, sizeof acc->b[first].name, "work bound: total cpu / cores");
  acc->b[first].strategy = -1;
  int k = 0;
  for (int i = 0; i < acc->n; i++) {
    if (i != first && strncmp(acc->b[i].name, "work bound of ", 14) == 0) {
      free(acc->b[i].y);
      continue;
    }
    acc->b[k++] = acc->b[i];
  }
  acc->n = k;
}

int swp_bounds(const swp_sweep *sw, swp_metric m, swp_bound **out, int *n, sim_error *err) {
  *out = NULL;
  *n = 0;
  if (sw->spec->naxes != 1) return 0;
  swp_bounds_acc acc = {NULL, 0, sw->npoints};
  for (int p = 0; p < sw->npoints; p++) {
    if (!sw->have[p]) continue;
    int idx[SWP_MAX_AXES] = {p};
    scn_scenario scn;
    int rc = 0;
    /* The point's scenario as it ran (its --set values applied). */
    rc = swp_load_point(sw, idx, &scn, err);
    if (rc != 0) {
      swp_bounds_free(acc.b, acc.n);
      return rc;
    }
    rc = swp_point_bounds(sw, m, p, &scn, &acc);
    scn_free(&scn);
    if (rc != 0) {
      swp_bounds_free(acc.b, acc.n);
      return sim_fail(err, SIM_EFAIL, "simul sweep: error: out of memory");
    }
  }
  swp_merge_work(&acc);
  *out = acc.b;
  *n = acc.n;
  return 0;
}

void swp_bounds_free(swp_bound *b, int n) {
  for (int i = 0; i < n; i++) free(b[i].y);
  free(b);
}

/* --- the knee in words ----------------------------------------------------------- */

/* Seconds for a sentence, three figures: "127 ms", "1.49 s", "4 h". */
static void swp_short_time(double s, char *buf, size_t size) {
  double a = fabs(s);
  if (a >= 2 * 3600.0)
    snprintf(buf, size, "%.3g h", s / 3600);
  else if (a >= 120)
    snprintf(buf, size, "%.3g min", s / 60);
  else if (a >= 1)
    snprintf(buf, size, "%.3g s", s);
  else if (a >= 1e-3)
    snprintf(buf, size, "%.3g ms", s * 1e3);
  else
    snprintf(buf, size, "%.3g us", s * 1e6);
}

/* Open load near capacity: the load a strategy carries at the knee. */
static int swp_load_reason(const swp_sweep *sw, int s, int knee, const scn_scenario *scn, char *buf,
                           size_t size) {
  const swp_axis *ax = &sw->spec->axes[0];
  const scn_group *gr = swp_open_group(scn);
  if (!gr || !(swp_axis_is_rate(ax) || swp_axis_is_servers(ax))) return 0;
  const sim_result *r = &sw->mean[(size_t)knee * (size_t)sw->nstrategies + (size_t)s];
  int holds = swp_holds_task(r->strategy);
  swp_service sv = swp_service_of(gr, holds);
  if (holds) sv.mean += swp_label_seconds(r->strategy, "latency") * gr->repeat;
  double lambda = swp_rate(gr);
  if (!(sv.mean > 0) || !(lambda > 0) || r->cores < 1) return 0;
  double load = lambda * sv.mean / r->cores;
  char es[32];
  swp_short_time(sv.mean, es, sizeof es);
  if (swp_axis_is_rate(ax))
    snprintf(buf, size, "at %s arrivals/s %s runs at %.0f%% of its capacity (%.3g/s = %d / %s)",
             ax->texts[knee], sw->strategies[s], load * 100, r->cores / sv.mean, r->cores, es);
  else
    snprintf(buf, size, "from %s %s on, each is %.0f%% busy (%.3g/s x %s / %d): the queue drains",
             ax->texts[knee], ax->key, load * 100, lambda, es, r->cores);
  return 1;
}

/* The group a "tasks.NAME.count" key varies, or -1. */
static int swp_count_group(const scn_scenario *scn, const char *key) {
  size_t len = strlen(key);
  if (strncmp(key, "tasks.", 6) != 0 || len < 12 || strcmp(key + len - 6, ".count") != 0) return -1;
  const char *name = key + 6;
  size_t nlen = len - 12;
  for (int g = 0; g < scn->ngroups; g++)
    if (strlen(scn->groups[g].name) == nlen && strncmp(scn->groups[g].name, name, nlen) == 0)
      return g;
  return -1;
}

/* A closed group of fixed steps: n tasks of c cpu and w waiting per round on
 * k cores keep the workers busy from n x c = k x (c + w) on: a round of
 * everyone's cpu is as long as one task's own round. */
static int swp_round_reason(const swp_sweep *sw, int s, int knee, const scn_scenario *scn,
                            char *buf, size_t size) {
  const swp_axis *ax = &sw->spec->axes[0];
  int g = swp_count_group(scn, ax->key);
  if (g < 0 || scn->ngroups != 1 || swp_is_open(scn)) return 0;
  const scn_group *gr = &scn->groups[g];
  sim_time c = 0, w = 0;
  for (int i = 0; i < gr->nsteps; i++) {
    const scn_step *st = &gr->steps[i];
    if (!swp_takes_time(st->kind)) continue;
    if (st->duration.kind != SCN_DIST_FIXED) return 0;
    if (st->kind == SCN_STEP_CPU)
      c += st->duration.value;
    else
      w += st->duration.value;
  }
  const sim_result *r = &sw->mean[(size_t)knee * (size_t)sw->nstrategies + (size_t)s];
  int k = r->cores;
  long nk = (long)ax->values[knee], prev = knee > 0 ? (long)ax->values[knee - 1] : 0;
  if (c <= 0 || k < 1 || (double)nk != ax->values[knee]) return 0;
  /* The knee must be where the workers fill up, else this is not the why. */
  if (nk * c < k * (c + w) || prev * c >= k * (c + w)) return 0;
  char cs[32], ws[32], who[96];
  sim_time_format_duration(c, cs, sizeof cs);
  sim_time_format_duration(w, ws, sizeof ws);
  if (k == 1)
    snprintf(who, sizeof who, "the %s is", scn_worker_name(scn));
  else
    snprintf(who, sizeof who, "the %d workers are", k);
  const char *rel = nk * c == k * (c + w) ? "=" : ">";
  if (k == 1)
    snprintf(buf, size, "from %ld %ss on %s the bottleneck: %ld x %s %s %s + %s", nk, gr->name, who,
             nk, cs, rel, cs, ws);
  else
    snprintf(buf, size, "from %ld %ss on %s the bottleneck: %ld x %s %s %d x (%s + %s)", nk,
             gr->name, who, nk, cs, rel, k, cs, ws);
  return 1;
}

void swp_knee_reason(const swp_sweep *sw, int s, swp_metric m, int knee, char *buf, size_t size) {
  buf[0] = '\0';
  if (sw->spec->naxes != 1 || knee < 0 || !sw->have[knee]) return;
  const swp_axis *ax = &sw->spec->axes[0];
  int n = sw->nstrategies, last = sw->npoints - 1;
  const sim_result *r = &sw->mean[(size_t)knee * (size_t)n + (size_t)s];
  const sim_result *rl = &sw->mean[(size_t)last * (size_t)n + (size_t)s];
  double yk = swp_metric_value(m, r, &sw->summary[(size_t)knee * (size_t)n + (size_t)s]);
  double y0 = swp_metric_value(m, &sw->mean[(size_t)s], &sw->summary[(size_t)s]);
  double yl = swp_metric_value(m, rl, &sw->summary[(size_t)last * (size_t)n + (size_t)s]);
  scn_scenario scn;
  sim_error err = {0};
  int idx[SWP_MAX_AXES] = {knee};
  if (swp_load_point(sw, idx, &scn, &err) != 0) return;
  if (!swp_round_reason(sw, s, knee, &scn, buf, size) &&
      !swp_load_reason(sw, s, knee, &scn, buf, size)) {
    char v[64], a[64], b[64];
    snprintf(v, sizeof v, "%s=%s", ax->key, ax->texts[knee]);
    if (yl > y0 && r->utilization >= 0.8) {
      const char *who = r->cores == 1 ? scn_worker_name(&scn) : "workers";
      snprintf(buf, size, "from %s on the %s %s busy %.0f%% of the time", v, who,
               r->cores == 1 ? "is" : "are", r->utilization * 100);
    } else if (knee > 0 && knee < last) {
      /* The slope before the knee against the slope after it: what one
       * more step of the axis bought, and what it buys now. */
      double step = ax->values[1] - ax->values[0];
      double before = fabs(yk - y0) / (ax->values[knee] - ax->values[0]) * step;
      double after = fabs(yl - yk) / (ax->values[last] - ax->values[knee]) * step;
      if (swp_metric_is_time(m)) {
        swp_short_time(after, a, sizeof a);
        swp_short_time(before, b, sizeof b);
      } else {
        snprintf(a, sizeof a, "%.3g", after);
        snprintf(b, sizeof b, "%.3g", before);
      }
      snprintf(buf, size, "past %s each step %s %s on average, against %s before", v,
               yl < y0 ? "saves" : "adds", a, b);
    }
  }
  scn_free(&scn);
}

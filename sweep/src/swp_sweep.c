/* swp_sweep.c - preparing a sweep (keys, strategies, every value checked
 * once) and running its points on threads; see sweep.h. */
#define _POSIX_C_SOURCE 200809L /* strdup, pthreads */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/strategy.h"
#include "sweep/sweep.h"
#include "swp_internal.h"

/* Strategy text of strategy s at point p: the base label plus every
 * parameter axis its kind takes. */
static int swp_strategy_text(const swp_sweep *sw, int s, const int *idx, char *buf, size_t size) {
  const char *base = sw->strategies[s];
  size_t len = (size_t)snprintf(buf, size, "%s", base);
  int has_params = strchr(base, ':') != NULL;
  for (int a = 0; a < sw->spec->naxes; a++) {
    const swp_axis *ax = &sw->spec->axes[a];
    if (!ax->is_param || !sw->takes[s * SWP_MAX_AXES + a]) continue;
    len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%c%s=%s",
                            has_params ? ',' : ':', ax->key, ax->texts[idx[a]]);
    has_params = 1;
  }
  return len < size ? 0 : -1;
}

/* Strategy s as it runs at point idx; free with sim_strategy_free. */
static int swp_point_strategy(const swp_sweep *sw, int s, const int *idx, sim_strategy **out,
                              sim_error *err) {
  char text[1024];
  if (swp_strategy_text(sw, s, idx, text, sizeof text) != 0)
    return sim_fail(err, SIM_EINPUT, "simul sweep: error: strategy text too long");
  return sim_strategy_parse(text, "simul sweep", out, err);
}

/* spec->check on the point's scenario and strategies. */
static int swp_check_point(const swp_sweep *sw, const int *idx, const scn_scenario *scn,
                           sim_error *err) {
  if (!sw->spec->check) return 0;
  sim_strategy *st[SWP_MAX_STRATEGIES];
  int n = 0, rc = 0;
  for (int s = 0; rc == 0 && s < sw->nstrategies; s++)
    if ((rc = swp_point_strategy(sw, s, idx, &st[n], err)) == 0) n++;
  if (rc == 0) rc = sw->spec->check(sw->spec->check_ctx, scn, st, n, sw->seed, err);
  for (int i = 0; i < n; i++) sim_strategy_free(st[i]);
  return rc;
}

void swp_point_index(const swp_sweep *sw, int p, int *idx) {
  for (int a = sw->spec->naxes - 1; a >= 0; a--) {
    idx[a] = p % sw->spec->axes[a].n;
    p /= sw->spec->axes[a].n;
  }
}

/* The --set list of a point: the base values, then the scenario axes'. */
static int swp_overrides(const swp_sweep *sw, const int *idx, char ***out, int *n) {
  const swp_spec *sp = sw->spec;
  char **list = calloc((size_t)(sp->nsets + sp->naxes + 1), sizeof *list);
  if (!list) return -1;
  int k = 0;
  for (int i = 0; i < sp->nsets; i++) list[k++] = strdup(sp->sets[i]);
  for (int a = 0; a < sp->naxes; a++) {
    const swp_axis *ax = &sp->axes[a];
    if (ax->is_param || idx[a] < 0) continue;
    size_t size = strlen(ax->key) + strlen(ax->texts[idx[a]]) + 2;
    list[k] = malloc(size);
    if (list[k]) snprintf(list[k], size, "%s=%s", ax->key, ax->texts[idx[a]]);
    k++;
  }
  for (int i = 0; i < k; i++) {
    if (!list[i]) {
      for (int j = 0; j < k; j++) free(list[j]);
      free(list);
      return -1;
    }
  }
  *out = list;
  *n = k;
  return 0;
}

static void swp_overrides_free(char **list, int n) {
  for (int i = 0; i < n; i++) free(list[i]);
  free(list);
}

/* The loader says "--set KEY=VALUE: error: ..."; for a swept value the user
 * wrote --vary, so the message says so (a base --set keeps its name). */
static void swp_reword(const swp_spec *sp, sim_error *err) {
  if (strncmp(err->msg, "--set ", 6) != 0) return;
  int swept = 0;
  for (int a = 0; a < sp->naxes && !swept; a++) {
    size_t n = strlen(sp->axes[a].key);
    swept = !sp->axes[a].is_param && strncmp(err->msg + 6, sp->axes[a].key, n) == 0 &&
            err->msg[6 + n] == '=';
  }
  if (!swept) return;
  /* "--set " and "--vary " differ by one byte: shift the text right by it. */
  size_t len = strlen(err->msg);
  if (len + 1 >= sizeof err->msg) len = sizeof err->msg - 2;
  memmove(err->msg + 7, err->msg + 6, len - 6 + 1);
  err->msg[len + 1] = '\0';
  memcpy(err->msg, "--vary ", 7);
}

int swp_load_point(const swp_sweep *sw, const int *idx, scn_scenario *scn, sim_error *err) {
  char **sets;
  int nsets;
  if (swp_overrides(sw, idx, &sets, &nsets) != 0)
    return sim_fail(err, SIM_EFAIL, "simul sweep: error: out of memory");
  int rc = scn_load(sw->spec->scenario, (const char *const *)sets, nsets, scn, err);
  swp_overrides_free(sets, nsets);
  if (rc != 0) swp_reword(sw->spec, err);
  return rc;
}

static int swp_add_strategy(swp_sweep *sw, const sim_strategy *s) {
  char **grown = realloc(sw->strategies, (size_t)(sw->nstrategies + 1) * sizeof *grown);
  if (!grown) return -1;
  sw->strategies = grown;
  sw->strategies[sw->nstrategies] = strdup(sim_strategy_label(s));
  sw->kinds[sw->nstrategies] = sim_strategy_kind_of(s);
  return sw->strategies[sw->nstrategies++] ? 0 : -1;
}

/* The strategies: --strategy, else the file's (errors point into it), else sync,async. */
static int swp_strategies(swp_sweep *sw, sim_error *err) {
  sim_strategy *list[SWP_MAX_STRATEGIES];
  int n = 0, rc = 0;
  const scn_scenario *scn = &sw->base;
  if (sw->spec->strategy_list) {
    rc = sim_strategy_parse_list(sw->spec->strategy_list, "simul sweep --strategy", list,
                                 SWP_MAX_STRATEGIES, &n, err);
  } else if (scn->nstrategies > 0) {
    if (scn->nstrategies > SWP_MAX_STRATEGIES)
      return sim_fail(err, SIM_EINPUT, "%s: error: at most %d strategies at once", scn->file,
                      SWP_MAX_STRATEGIES);
    for (int i = 0; rc == 0 && i < scn->nstrategies; i++) {
      char where[1024];
      const scn_strategy_ref *ref = &scn->strategies[i];
      if (ref->loc.line > 0)
        snprintf(where, sizeof where, "%s:%d:%d", scn->file, ref->loc.line, ref->loc.col);
      else
        snprintf(where, sizeof where, "%s", ref->where ? ref->where : scn->file);
      rc = sim_strategy_parse(ref->text, where, &list[n], err);
      if (rc == 0) n++;
    }
  } else {
    rc = sim_strategy_parse_list("sync,async", "default strategies", list, SWP_MAX_STRATEGIES, &n,
                                 err);
  }
  for (int i = 0; i < n; i++) {
    if (rc == 0 && swp_add_strategy(sw, list[i]) != 0)
      rc = sim_fail(err, SIM_EFAIL, "simul sweep: error: out of memory");
    sim_strategy_free(list[i]);
  }
  return rc;
}

/* A key without a dot that some strategy of the list takes is a parameter;
 * every other key goes to the scenario loader. */
static int swp_classify(swp_sweep *sw, int a) {
  swp_axis *ax = (swp_axis *)&sw->spec->axes[a];
  int any = 0;
  for (int s = 0; s < sw->nstrategies; s++) {
    int takes = !strchr(ax->key, '.') && sim_strategy_kind_takes(sw->kinds[s], ax->key);
    sw->takes[s * SWP_MAX_AXES + a] = (unsigned char)takes;
    any |= takes;
  }
  ax->is_param = any;
  return any;
}

static void swp_where(const swp_sweep *sw, int p, uint64_t seed, sim_error *err);

/* spec->check on value v of a sweep of one axis, while it is prepared (a
 * grid's points are checked as they load): the point named on failure. */
static int swp_check_prepared(const swp_sweep *sw, int v, const int *idx, const scn_scenario *scn,
                              sim_error *err) {
  if (sw->spec->naxes != 1) return 0;
  int rc = swp_check_point(sw, idx, scn, err);
  if (rc != 0) swp_where(sw, v, sw->seed, err);
  return rc;
}

/* Every value of axis a, once: loaded into the scenario (the other axes at
 * the file's values) or parsed into each strategy that takes it. A sweep of
 * one axis has then seen every point, so spec->check runs on each here,
 * before anything runs; a grid's points are checked as they come up. */
static int swp_check_axis(swp_sweep *sw, int a, sim_error *err) {
  const swp_axis *ax = &sw->spec->axes[a];
  int idx[SWP_MAX_AXES];
  for (int i = 0; i < SWP_MAX_AXES; i++) idx[i] = -1;
  for (int v = 0; v < ax->n; v++) {
    idx[a] = v;
    if (!ax->is_param) {
      scn_scenario scn;
      int rc = swp_load_point(sw, idx, &scn, err);
      if (rc != 0) {
        if (v == 0 && !strchr(ax->key, '.')) {
          char names[256] = "";
          size_t len = 0;
          for (int s = 0; s < sw->nstrategies && len < sizeof names; s++)
            len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", s ? ", " : "",
                                    sw->strategies[s]);
          sim_error why = *err;
          return sim_fail(err, SIM_EINPUT,
                          "--vary %s=%s: error: '%s' is neither a scenario key (%s) nor a "
                          "parameter of %s",
                          ax->key, ax->spec, ax->key,
                          strstr(why.msg, "error: ") ? strstr(why.msg, "error: ") + 7 : why.msg,
                          names);
        }
        return rc;
      }
      rc = swp_check_prepared(sw, v, idx, &scn, err);
      scn_free(&scn);
      if (rc != 0) return rc;
      continue;
    }
    for (int s = 0; s < sw->nstrategies; s++) {
      if (!sw->takes[s * SWP_MAX_AXES + a]) continue;
      char text[512], where[256];
      const char *base = sw->strategies[s];
      if (swp_label_param(base, ax->key))
        return sim_fail(err, SIM_EINPUT,
                        "--vary %s=%s: error: the strategy '%s' already sets %s; give --strategy "
                        "without it (e.g. --strategy %.*s)",
                        ax->key, ax->spec, base, ax->key, (int)strcspn(base, ":"), base);
      snprintf(text, sizeof text, "%s%c%s=%s", base, strchr(base, ':') ? ',' : ':', ax->key,
               ax->texts[v]);
      snprintf(where, sizeof where, "--vary %s=%s", ax->key, ax->texts[v]);
      sim_strategy *st;
      int rc = sim_strategy_parse(text, where, &st, err);
      if (rc != 0) return rc;
      sim_strategy_free(st);
    }
    int rc = swp_check_prepared(sw, v, idx, &sw->base, err);
    if (rc != 0) return rc;
  }
  return 0;
}

int swp_prepare(swp_sweep *sw, const swp_spec *spec, sim_error *err) {
  memset(sw, 0, sizeof *sw);
  sw->spec = spec;
  int rc = scn_load(spec->scenario, spec->sets, spec->nsets, &sw->base, err);
  if (rc != 0) return rc;
  sw->base_loaded = 1;
  sw->seed = spec->seed ? spec->seed : sw->base.seed;
  rc = swp_strategies(sw, err);
  if (rc != 0) return rc;
  long points = 1;
  for (int a = 0; a < spec->naxes; a++) {
    for (int b = 0; b < a; b++)
      if (strcmp(spec->axes[a].key, spec->axes[b].key) == 0)
        return sim_fail(err, SIM_EINPUT, "--vary %s: error: the key is varied twice",
                        spec->axes[a].key);
    /* Every point runs the sweep's seeds (common random numbers), so a
     * swept seed would change nothing; --runs is the sweep over seeds. */
    if (strcmp(spec->axes[a].key, "seed") == 0)
      return sim_fail(err, SIM_EINPUT,
                      "--vary seed=%s: error: every point runs the same seeds; use --runs N "
                      "(seeds s..s+N-1) and --seed s",
                      spec->axes[a].spec);
    swp_classify(sw, a);
    rc = swp_check_axis(sw, a, err);
    if (rc != 0) return rc;
    points *= spec->axes[a].n;
    if (points > SWP_MAX_POINTS)
      return sim_fail(err, SIM_EINPUT,
                      "simul sweep: error: the grid has more than %d points; vary fewer values",
                      SWP_MAX_POINTS);
  }
  sw->npoints = (int)points;
  size_t cells = (size_t)sw->npoints * (size_t)(sw->nstrategies ? sw->nstrategies : 1);
  sw->mean = calloc(cells, sizeof *sw->mean);
  sw->summary = calloc(cells, sizeof *sw->summary);
  sw->have = calloc((size_t)sw->npoints, 1);
  if (!sw->mean || !sw->summary || !sw->have)
    return sim_fail(err, SIM_EFAIL, "simul sweep: error: out of memory for %d points", sw->npoints);
  return 0;
}

/* --- running ------------------------------------------------------------------ */

typedef struct swp_pool {
  swp_sweep *sw;
  int *points; /* the points this process runs, ascending */
  int npoints;
  int runs;
  long next, total, done;
  sim_result *raw; /* [(point slot * runs + k) * nstrategies + s] */
  int *runs_left;  /* [point slot] */
  /* One scenario per point, loaded by the first of its seeds to start and
   * shared by the others (a run only reads it: sim_run counts its own tasks
   * for its seed), freed with the point's last seed. */
  scn_scenario *scn;         /* [point slot] */
  unsigned char *scn_state;  /* [point slot]: SWP_SCN_* */
  sim_error **scn_err;       /* [point slot]: the load's error, when it failed */
  pthread_cond_t scn_loaded; /* a load ended */
  long fail_item;            /* the smallest failing item, or -1 */
  sim_error fail;
  pthread_mutex_t lock;
  swp_progress_fn progress;
  void *ctx;
} swp_pool;

enum { SWP_SCN_NONE, SWP_SCN_LOADING, SWP_SCN_READY, SWP_SCN_FAILED };

/* The point's scenario, loading it if no seed of the point has. */
static int swp_point_scenario(swp_pool *pool, int slot, const scn_scenario **out, sim_error *err) {
  pthread_mutex_lock(&pool->lock);
  while (pool->scn_state[slot] == SWP_SCN_LOADING)
    pthread_cond_wait(&pool->scn_loaded, &pool->lock);
  if (pool->scn_state[slot] == SWP_SCN_NONE) {
    pool->scn_state[slot] = SWP_SCN_LOADING;
    pthread_mutex_unlock(&pool->lock);
    int idx[SWP_MAX_AXES];
    swp_point_index(pool->sw, pool->points[slot], idx);
    sim_error e = {0};
    int rc = swp_load_point(pool->sw, idx, &pool->scn[slot], &e);
    /* A sweep of one axis had every point checked by swp_prepare. */
    if (rc == 0 && pool->sw->spec->naxes > 1 &&
        (rc = swp_check_point(pool->sw, idx, &pool->scn[slot], &e)) != 0)
      scn_free(&pool->scn[slot]);
    pthread_mutex_lock(&pool->lock);
    pool->scn_state[slot] = SWP_SCN_READY;
    if (rc != 0) {
      e.code = rc;
      pool->scn_state[slot] = SWP_SCN_FAILED;
      pool->scn_err[slot] = malloc(sizeof e);
      if (pool->scn_err[slot]) *pool->scn_err[slot] = e;
    }
    pthread_cond_broadcast(&pool->scn_loaded);
  }
  int rc = 0;
  if (pool->scn_state[slot] == SWP_SCN_READY) {
    *out = &pool->scn[slot];
  } else if (pool->scn_err[slot]) {
    *err = *pool->scn_err[slot];
    rc = err->code;
  } else {
    rc = sim_fail(err, SIM_EFAIL, "simul sweep: error: out of memory");
  }
  pthread_mutex_unlock(&pool->lock);
  return rc;
}

static void swp_point_scenario_free(swp_pool *pool, int slot) {
  if (pool->scn_state[slot] == SWP_SCN_READY) scn_free(&pool->scn[slot]);
  free(pool->scn_err[slot]);
  pool->scn_err[slot] = NULL;
  pool->scn_state[slot] = SWP_SCN_NONE;
}

/* Keeps what a summary needs (scalars and lane names): the per-task arrays
 * of a million-task point would otherwise pile up over the sweep. */
static void swp_strip(sim_result *r) {
  free(r->task_end);
  free(r->task_ready);
  free(r->task_outcome);
  free(r->task_arrival);
  free(r->spans);
  r->task_end = r->task_ready = r->task_arrival = NULL;
  r->task_outcome = NULL;
  r->spans = NULL;
  r->nspans = 0;
}

/* sim_run's progress callback: stops a run at spec->max_events (ctx). */
static int swp_stop_past(void *ctx, int64_t events, sim_time now) {
  (void)now;
  return events > *(const int64_t *)ctx;
}

/* One point under one seed: the point's scenario, its own strategies. */
static int swp_run_item(swp_pool *pool, int slot, int k, sim_error *err) {
  swp_sweep *sw = pool->sw;
  int idx[SWP_MAX_AXES];
  swp_point_index(sw, pool->points[slot], idx);
  const scn_scenario *scn = NULL;
  int rc = swp_point_scenario(pool, slot, &scn, err);
  if (rc != 0) return rc;
  sim_run_opts opts = {
      .record_spans = 0, .seed = sw->seed + (uint64_t)k, .profile = sw->spec->profile};
  if (sw->spec->max_events > 0) {
    opts.progress = swp_stop_past;
    opts.progress_ctx = (void *)&sw->spec->max_events;
  }
  sim_result *out =
      &pool->raw[((size_t)slot * (size_t)pool->runs + (size_t)k) * (size_t)sw->nstrategies];
  for (int s = 0; rc == 0 && s < sw->nstrategies; s++) {
    sim_strategy *st = NULL;
    rc = swp_point_strategy(sw, s, idx, &st, err);
    if (rc == 0) rc = sim_run(scn, st, &opts, &out[s], err);
    swp_strip(&out[s]);
    sim_strategy_free(st);
  }
  return rc;
}

/* Every seed of a point is in: its means replace the raw runs. */
static int swp_finish_point(swp_pool *pool, int slot) {
  swp_sweep *sw = pool->sw;
  int p = pool->points[slot], n = sw->nstrategies;
  sim_result *raw = &pool->raw[(size_t)slot * (size_t)pool->runs * (size_t)n];
  int rc = rep_summarize(raw, pool->runs, n, &sw->mean[(size_t)p * (size_t)n],
                         &sw->summary[(size_t)p * (size_t)n]);
  for (int i = 0; i < pool->runs * n; i++) sim_result_free(&raw[i]);
  swp_point_scenario_free(pool, slot);
  if (rc == 0) sw->have[p] = 1;
  return rc;
}

/* Says which point and seed failed: " (at tasks.x.count=3, seed 2)". */
static void swp_where(const swp_sweep *sw, int p, uint64_t seed, sim_error *err) {
  int idx[SWP_MAX_AXES];
  swp_point_index(sw, p, idx);
  size_t len = strlen(err->msg);
  while (len > 0 && (err->msg[len - 1] == ';' || err->msg[len - 1] == ' ')) len--;
  len += (size_t)snprintf(err->msg + len, sizeof err->msg - len, " (at ");
  for (int a = 0; a < sw->spec->naxes && len < sizeof err->msg; a++)
    len += (size_t)snprintf(err->msg + len, sizeof err->msg - len, "%s=%s, ", sw->spec->axes[a].key,
                            sw->spec->axes[a].texts[idx[a]]);
  if (len < sizeof err->msg)
    snprintf(err->msg + len, sizeof err->msg - len, "seed %llu)", (unsigned long long)seed);
}

static void *swp_worker(void *arg) {
  swp_pool *pool = arg;
  for (;;) {
    pthread_mutex_lock(&pool->lock);
    long item = pool->next < pool->total ? pool->next++ : -1;
    /* Nothing after a failure matters more than the failure: stop early,
     * but finish items below it, since one of them may fail first. */
    if (item >= 0 && pool->fail_item >= 0 && item > pool->fail_item) item = -1;
    pthread_mutex_unlock(&pool->lock);
    if (item < 0) return NULL;
    int slot = (int)(item / pool->runs), k = (int)(item % pool->runs);
    sim_error err = {0};
    int rc = swp_run_item(pool, slot, k, &err);
    pthread_mutex_lock(&pool->lock);
    if (rc != 0 && (pool->fail_item < 0 || item < pool->fail_item)) {
      pool->fail_item = item;
      pool->fail = err;
      pool->fail.code = rc;
      swp_where(pool->sw, pool->points[slot], pool->sw->seed + (uint64_t)k, &pool->fail);
    }
    int last = --pool->runs_left[slot] == 0;
    pool->done++;
    if (pool->progress) pool->progress(pool->ctx, pool->done, pool->total);
    pthread_mutex_unlock(&pool->lock);
    /* Only this thread touches the point's slots now. */
    if (last && swp_finish_point(pool, slot) != 0) {
      pthread_mutex_lock(&pool->lock);
      if (pool->fail_item < 0 || item < pool->fail_item) {
        pool->fail_item = item;
        sim_fail(&pool->fail, SIM_EFAIL, "simul sweep: error: out of memory");
      }
      pthread_mutex_unlock(&pool->lock);
    }
  }
}

static void swp_pool_free(swp_pool *pool) {
  free(pool->points);
  free(pool->raw);
  free(pool->runs_left);
  free(pool->scn);
  free(pool->scn_state);
  free(pool->scn_err);
}

int swp_run(swp_sweep *sw, int jobs, int shard_k, int shard_n, swp_progress_fn progress, void *ctx,
            sim_error *err) {
  swp_pool pool = {
      .sw = sw, .runs = sw->spec->runs, .fail_item = -1, .progress = progress, .ctx = ctx};
  if (shard_n < 1) shard_n = 1;
  pool.points = malloc((size_t)sw->npoints * sizeof *pool.points);
  if (!pool.points) return sim_fail(err, SIM_EFAIL, "simul sweep: error: out of memory");
  for (int p = shard_k - 1; p < sw->npoints; p += shard_n) pool.points[pool.npoints++] = p;
  pool.total = (long)pool.npoints * pool.runs;
  pool.raw = calloc((size_t)pool.total * (size_t)sw->nstrategies + 1, sizeof *pool.raw);
  pool.runs_left = malloc(((size_t)pool.npoints + 1) * sizeof *pool.runs_left);
  pool.scn = calloc((size_t)pool.npoints + 1, sizeof *pool.scn);
  pool.scn_state = calloc((size_t)pool.npoints + 1, sizeof *pool.scn_state);
  pool.scn_err = calloc((size_t)pool.npoints + 1, sizeof *pool.scn_err);
  if (!pool.raw || !pool.runs_left || !pool.scn || !pool.scn_state || !pool.scn_err) {
    swp_pool_free(&pool);
    return sim_fail(err, SIM_EFAIL, "simul sweep: error: out of memory");
  }
  for (int i = 0; i < pool.npoints; i++) pool.runs_left[i] = pool.runs;
  pthread_mutex_init(&pool.lock, NULL);
  pthread_cond_init(&pool.scn_loaded, NULL);
  if (jobs < 1) jobs = 1;
  if (jobs > pool.total) jobs = pool.total > 0 ? (int)pool.total : 1;
  pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
  int started = 0;
  /* The calling thread is worker 0: --jobs 1 starts no thread at all. */
  for (int t = 1; threads && t < jobs; t++) {
    if (pthread_create(&threads[t], NULL, swp_worker, &pool) != 0) break;
    started = t;
  }
  swp_worker(&pool);
  for (int t = 1; t <= started; t++) pthread_join(threads[t], NULL);
  free(threads);
  pthread_cond_destroy(&pool.scn_loaded);
  pthread_mutex_destroy(&pool.lock);
  /* Points left unfinished after a failure still hold raw runs and maybe
   * their scenario. */
  for (int i = 0; i < pool.npoints; i++) {
    if (pool.runs_left[i] == 0) continue;
    sim_result *raw = &pool.raw[(size_t)i * (size_t)pool.runs * (size_t)sw->nstrategies];
    for (int j = 0; j < pool.runs * sw->nstrategies; j++) sim_result_free(&raw[j]);
    swp_point_scenario_free(&pool, i);
  }
  int rc = 0;
  if (pool.fail_item >= 0) {
    *err = pool.fail;
    rc = pool.fail.code ? pool.fail.code : SIM_EFAIL;
  }
  swp_pool_free(&pool);
  return rc;
}

void swp_sweep_free(swp_sweep *sw) {
  size_t cells = (size_t)sw->npoints * (size_t)sw->nstrategies;
  for (size_t i = 0; sw->mean && i < cells; i++) sim_result_free(&sw->mean[i]);
  free(sw->mean);
  free(sw->summary);
  free(sw->have);
  for (int s = 0; s < sw->nstrategies; s++) free(sw->strategies[s]);
  free(sw->strategies);
  if (sw->base_loaded) scn_free(&sw->base);
  memset(sw, 0, sizeof *sw);
}

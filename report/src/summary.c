/* summary.c - means and confidence intervals over seeds; see summary.h. */
#include "report/summary.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_alloc.h"

double rep_t95(int df) {
  /* Exact table to 30 degrees of freedom; beyond, 1.96 + 2.5/df stays within
   * 0.002 of the true quantile (40: 2.021, 60: 2.000, 120: 1.980). */
  static const double t[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                             2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                             2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                             2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0;
  if (df <= 30) return t[df];
  return 1.96 + 2.5 / df;
}

/* Running mean and sum of squared deviations (Welford): one seed at a time,
 * so `--runs 100000` holds one seed's results, not 100000 of them. */
typedef struct welford {
  double sum;      /* in seed order: the mean is sum / n, as a two-pass mean is */
  double mean, m2; /* Welford's, for the spread */
} welford;

static void wf_add(welford *w, long k, double x) { /* k: values so far, this one included */
  w->sum += x;
  double d = x - w->mean;
  w->mean += d / (double)k;
  w->m2 += d * (x - w->mean);
}

/* The mean, and the 95% half-width into *half when half is not NULL. */
static double wf_mean(const welford *w, long n, double *half) {
  if (half)
    *half = n > 1 ? rep_t95((int)(n - 1)) * sqrt(w->m2 / (double)(n - 1)) / sqrt((double)n) : 0;
  return n > 0 ? w->sum / (double)n : 0;
}

/* The metrics averaged, in one fixed order: scalars, then the three
 * sim_stats field by field, then the paired speed-up. */
enum {
  M_MAKESPAN,
  M_BUSY,
  M_UTIL,
  M_TASKS,
  M_EVENTS,
  M_SWITCHES,
  M_THROUGHPUT,
  M_INSYSTEM,
  M_MEM_PEAK,
  M_MEM_MEAN,
  M_MEM_RESERVED,
  M_INSYSTEM_PEAK,
  M_OUTCOMES,
  M_STATS = M_OUTCOMES + SIM_OUTCOME_COUNT, /* 3 sim_stats x 5 fields */
  M_SPEEDUP = M_STATS + 15,
  M_COUNT
};

static const size_t stats_at[3] = {offsetof(sim_result, completion),
                                   offsetof(sim_result, ready_wait),
                                   offsetof(sim_result, response)};
static const size_t field_at[5] = {offsetof(sim_stats, mean), offsetof(sim_stats, p50),
                                   offsetof(sim_stats, p95), offsetof(sim_stats, p99),
                                   offsetof(sim_stats, max)};

static double stats_field(const sim_result *r, int s, int f) {
  double v;
  memcpy(&v, (const char *)r + stats_at[s] + field_at[f], sizeof v);
  return v;
}

struct rep_summary_acc {
  int n;             /* strategies */
  long runs;         /* seeds added */
  int *has_sync;     /* [n] a plain sync run to pair strategy i's speed-ups with */
  sim_result *first; /* [n] the first seed's scalars and lanes, for the labels */
  welford *w;        /* [n * M_COUNT] */
};

rep_summary_acc *rep_summary_begin(int n) {
  rep_summary_acc *acc = calloc(1, sizeof *acc);
  if (!acc) return NULL;
  acc->n = n;
  acc->first = calloc((size_t)(n > 0 ? n : 1), sizeof *acc->first);
  acc->w = calloc((size_t)(n > 0 ? n : 1) * M_COUNT, sizeof *acc->w);
  acc->has_sync = calloc((size_t)(n > 0 ? n : 1), sizeof *acc->has_sync);
  if (!acc->first || !acc->w || !acc->has_sync) {
    rep_summary_free(acc);
    return NULL;
  }
  return acc;
}

int rep_summary_add(rep_summary_acc *acc, const sim_result *seed) {
  long k = ++acc->runs;
  for (int i = 0; i < acc->n; i++) {
    const sim_result *r = &seed[i];
    welford *w = &acc->w[(size_t)i * M_COUNT];
    if (k == 1) {
      sim_result *f = &acc->first[i];
      *f = *r;
      f->task_end = f->task_ready = f->task_arrival = NULL;
      f->task_outcome = NULL;
      f->spans = NULL;
      f->nspans = 0;
      f->lanes = NULL;
      f->nlanes = 0;
      f->group_count = NULL;
      f->ngroups = 0;
      if (r->nlanes > 0) {
        if (!(f->lanes = sim_malloc((size_t)r->nlanes * sizeof *f->lanes))) return -1;
        memcpy(f->lanes, r->lanes, (size_t)r->nlanes * sizeof *f->lanes);
        f->nlanes = r->nlanes;
      }
      acc->has_sync[i] = sim_speedup_vs_sync(seed, acc->n, i) > 0;
    }
    /* The tasks are named by the last seed's counts: a mean over seeds has
     * no task of its own to name. */
    if (r->group_count && r->ngroups > 0) {
      sim_result *f = &acc->first[i];
      if (f->ngroups != r->ngroups) {
        sim_free(f->group_count);
        f->ngroups = 0;
        if (!(f->group_count = sim_malloc((size_t)r->ngroups * sizeof *f->group_count))) return -1;
        f->ngroups = r->ngroups;
      }
      memcpy(f->group_count, r->group_count, (size_t)r->ngroups * sizeof *f->group_count);
    }
    wf_add(&w[M_MAKESPAN], k, sim_time_seconds(r->makespan));
    wf_add(&w[M_BUSY], k, sim_time_seconds(r->busy));
    wf_add(&w[M_UTIL], k, r->utilization);
    wf_add(&w[M_TASKS], k, (double)r->ntasks);
    wf_add(&w[M_EVENTS], k, (double)r->events);
    wf_add(&w[M_SWITCHES], k, (double)r->switches);
    wf_add(&w[M_THROUGHPUT], k, r->throughput);
    wf_add(&w[M_INSYSTEM], k, r->in_system_mean);
    wf_add(&w[M_MEM_PEAK], k, (double)r->memory_peak);
    wf_add(&w[M_MEM_MEAN], k, (double)r->memory_mean);
    wf_add(&w[M_MEM_RESERVED], k, (double)r->memory_reserved_peak);
    wf_add(&w[M_INSYSTEM_PEAK], k, (double)r->in_system_peak);
    for (int o = 0; o < SIM_OUTCOME_COUNT; o++)
      wf_add(&w[M_OUTCOMES + o], k, (double)r->outcomes[o]);
    for (int st = 0; st < 3; st++)
      for (int f = 0; f < 5; f++) wf_add(&w[M_STATS + st * 5 + f], k, stats_field(r, st, f));
    /* Paired: this seed's speed-up against this seed's sync run. */
    wf_add(&w[M_SPEEDUP], k, sim_speedup_vs_sync(seed, acc->n, i));
  }
  return 0;
}

static sim_time to_time(double s) {
  return (sim_time)llround(s * (double)SIM_S);
}

void rep_summary_finish(rep_summary_acc *acc, sim_result *mean, rep_summary *sum) {
  long n = acc->runs;
  for (int i = 0; i < acc->n; i++) {
    const welford *w = &acc->w[(size_t)i * M_COUNT];
    sim_result *m = &mean[i];
    rep_summary *s = &sum[i];
    const sim_result *first = &acc->first[i];
    memset(m, 0, sizeof *m);
    memset(s, 0, sizeof *s);
    s->runs = (int)n;
    memcpy(m->strategy, first->strategy, sizeof m->strategy);
    m->seed = first->seed;
    m->cores = first->cores;
    m->open = first->open;
    m->lanes = first->lanes; /* moved: the mean owns them now */
    m->nlanes = first->nlanes;
    acc->first[i].lanes = NULL;
    acc->first[i].nlanes = 0;
    m->group_count = first->group_count;
    m->ngroups = first->ngroups;
    acc->first[i].group_count = NULL;
    acc->first[i].ngroups = 0;
    m->makespan = to_time(wf_mean(&w[M_MAKESPAN], n, &s->ci.makespan_s));
    m->busy = to_time(wf_mean(&w[M_BUSY], n, &s->ci.busy_s));
    m->utilization = wf_mean(&w[M_UTIL], n, &s->ci.utilization);
    m->ntasks = (int32_t)llround(wf_mean(&w[M_TASKS], n, NULL));
    m->events = llround(wf_mean(&w[M_EVENTS], n, NULL));
    m->switches = llround(wf_mean(&w[M_SWITCHES], n, NULL));
    m->throughput = wf_mean(&w[M_THROUGHPUT], n, &s->ci.throughput_per_s);
    m->in_system_mean = wf_mean(&w[M_INSYSTEM], n, &s->ci.in_system_mean);
    m->memory_peak = llround(wf_mean(&w[M_MEM_PEAK], n, NULL));
    m->memory_mean = llround(wf_mean(&w[M_MEM_MEAN], n, NULL));
    m->memory_reserved_peak = llround(wf_mean(&w[M_MEM_RESERVED], n, NULL));
    m->in_system_peak = (int32_t)llround(wf_mean(&w[M_INSYSTEM_PEAK], n, NULL));
    for (int o = 0; o < SIM_OUTCOME_COUNT; o++)
      m->outcomes[o] = (int32_t)llround(wf_mean(&w[M_OUTCOMES + o], n, NULL));
    sim_stats *stats[3] = {&m->completion, &m->ready_wait, &m->response};
    for (int st = 0; st < 3; st++)
      for (int f = 0; f < 5; f++) {
        double *half = NULL;
        if (st == 0 && f == 0) half = &s->ci.completion_mean_s;
        if (st == 2 && f == 0) half = &s->ci.response_mean_s;
        if (st == 2 && f == 2) half = &s->ci.response_p95_s;
        double v = wf_mean(&w[M_STATS + st * 5 + f], n, half);
        memcpy((char *)stats[st] + field_at[f], &v, sizeof v);
      }
    if (acc->has_sync[i]) s->speedup = wf_mean(&w[M_SPEEDUP], n, &s->ci.speedup);
  }
}

void rep_summary_free(rep_summary_acc *acc) {
  if (!acc) return;
  for (int i = 0; acc->first && i < acc->n; i++) {
    sim_free(acc->first[i].lanes);
    sim_free(acc->first[i].group_count);
  }
  free(acc->first);
  free(acc->w);
  free(acc->has_sync);
  free(acc);
}

int rep_summarize(const sim_result *runs, int nruns, int n, sim_result *mean, rep_summary *sum) {
  rep_summary_acc *acc = rep_summary_begin(n);
  if (!acc) return -1;
  for (int k = 0; k < nruns; k++)
    if (rep_summary_add(acc, &runs[(size_t)k * (size_t)n]) != 0) {
      rep_summary_free(acc);
      return -1;
    }
  rep_summary_finish(acc, mean, sum);
  rep_summary_free(acc);
  return 0;
}

/* sweep.h - `simul sweep`: one scenario run over a grid of values, the knee
 * of each curve and the bounds theory puts beside it.
 *
 * A sweep varies one or more KEYs, each over a list of VALUES. A KEY is a
 * scenario key as --set takes it (tasks.board.count), or the name of a
 * strategy parameter (workers), which then applies to every strategy of the
 * list that takes it. Two or more axes make a grid: the first axis is the
 * outermost loop, the last the innermost.
 *
 * Every point is the scenario loaded with the base --set values plus the
 * point's own, run under each strategy with seeds s..s+runs-1: the same seeds
 * at every point (common random numbers: neighbouring points differ only by
 * what was varied). Points and seeds run on `jobs` threads; every result lands
 * in its own slot, so the output never depends on which thread ran what.
 *
 * Each point's scenario is loaded once, by the first of its seeds to start,
 * and shared by the others: a run only reads it (sim_run counts the tasks of
 * its own seed), so threads need no copy each.
 */
#ifndef SWEEP_SWEEP_H
#define SWEEP_SWEEP_H

#include <stdint.h>

#include "report/summary.h"
#include "sim/run.h"
#include "sim/scenario.h"
#include "sim/sim_error.h"
#include "sim/strategy.h"

/* What the values of an axis are: plain numbers or durations. */
typedef enum swp_unit { SWP_UNIT_NUMBER, SWP_UNIT_DURATION } swp_unit;

/* One --vary KEY=VALUES. */
typedef struct swp_axis {
  char *key;
  char *spec;   /* VALUES as written, for messages and the part files */
  int is_param; /* a strategy parameter, not a scenario key */
  swp_unit unit;
  char **texts;   /* each value as passed to --set or the strategy: "12", "5ms", "2.5" */
  double *values; /* the same as a number (durations in seconds): the plot's x */
  int n;
} swp_axis;

/* Parses "KEY=VALUES" (VALUES: "1,2,4,8", "1..48", "1..48:4", "1ms..50ms:5ms",
 * "2..19:0.5", or a comma list mixing values and ranges). Ranges are exact:
 * decimals and durations are stepped as integers (hundredths, microseconds),
 * so 2..19:0.5 ends at 19, not 18.999999. Returns 0 or SIM_EINPUT with a
 * message "--vary KEY=VALUES: error: ...". */
int swp_axis_parse(const char *arg, swp_axis *out, sim_error *err);
void swp_axis_free(swp_axis *a);

/* At most this many points in one sweep, and values on one axis. */
#define SWP_MAX_POINTS     1000000
#define SWP_MAX_AXES       4
#define SWP_MAX_STRATEGIES 64

/* A sweep as asked for; the strings point into argv or the part file. */
typedef struct swp_spec {
  const char *scenario;
  const char *const *sets; /* the base --set values */
  int nsets;
  const char *strategy_list;  /* NULL: the file's, else sync,async */
  uint64_t seed;              /* 0: the scenario's */
  int runs;                   /* >= 1 */
  const sim_profile *profile; /* measured costs for every run; NULL: none */
  swp_axis axes[SWP_MAX_AXES];
  int naxes;
  /* Optional (NULL: none): called once for each point with its strategies
   * and the first seed - for a sweep of one axis by swp_prepare, on every
   * point before anything runs; for a grid when the point's scenario is
   * loaded, before its first run. A non-zero return (err filled) fails the sweep at
   * that point as a failed run does, so no run past a size limit starts. */
  int (*check)(void *ctx, const scn_scenario *scn, sim_strategy *const *strategies, int n,
               uint64_t seed, sim_error *err);
  void *check_ctx;
  int64_t max_events; /* a run that passes this many events is stopped (0: no limit) */
} swp_spec;

/* A prepared sweep: the strategies' base texts, the grid, and after
 * swp_run one mean result and summary per point and strategy. */
typedef struct swp_sweep {
  const swp_spec *spec;
  scn_scenario base; /* loaded at the first point: names, worker, bounds */
  int base_loaded;
  char **strategies; /* the base labels: columns, legend, knee rows */
  int nstrategies;
  size_t kinds[SWP_MAX_STRATEGIES]; /* each strategy's kind (sim_strategy_kind_of) */
  /* [s * SWP_MAX_AXES + a]: strategy s takes parameter axis a. */
  unsigned char takes[SWP_MAX_STRATEGIES * SWP_MAX_AXES];
  int npoints;
  uint64_t seed; /* the first seed */
  /* [point * nstrategies + s]; filled for the points this process ran. */
  sim_result *mean;
  rep_summary *summary;
  unsigned char *have; /* [point]: 1 when the point's results are there */
} swp_sweep;

/* Loads the scenario, resolves the strategies, decides for each axis
 * whether its key is a strategy parameter, and checks every value of every
 * axis by loading or parsing it once (so a bad value is reported before any
 * run, exit 2). */
int swp_prepare(swp_sweep *sw, const swp_spec *spec, sim_error *err);

/* The values of point p: idx[a] is the index into axis a's values. */
void swp_point_index(const swp_sweep *sw, int p, int *idx);

/* Runs the points p with p % shard_n == shard_k - 1 (shard_n 1: all), on
 * `jobs` threads. `progress` (may be NULL) is called from one thread at a
 * time with done/total work items. Returns 0, or the first failing point's
 * status (by point order, whatever the thread order) with its message. */
typedef void (*swp_progress_fn)(void *ctx, long done, long total);
int swp_run(swp_sweep *sw, int jobs, int shard_k, int shard_n, swp_progress_fn progress, void *ctx,
            sim_error *err);

void swp_sweep_free(swp_sweep *sw);

/* The metrics a sweep can report, each a field of a run's result. */
#define SWP_METRICS(X)                                                                             \
  X(MAKESPAN, "makespan", "makespan", 1)                                                           \
  X(BUSY, "busy", "busy", 1)                                                                       \
  X(UTILIZATION, "utilization", "utilization", 0)                                                  \
  X(SPEEDUP, "speedup", "speed-up over sync", 0)                                                   \
  X(COMPLETION_MEAN, "completion_mean", "mean completion", 1)                                      \
  X(COMPLETION_P95, "completion_p95", "p95 end", 1)                                                \
  X(RESPONSE_MEAN, "response_mean", "mean response", 1)                                            \
  X(RESPONSE_P95, "response_p95", "p95 response", 1)                                               \
  X(RESPONSE_P99, "response_p99", "p99 response", 1)                                               \
  X(THROUGHPUT, "throughput", "throughput", 0)                                                     \
  X(IN_SYSTEM_MEAN, "in_system_mean", "tasks in system", 0)

typedef enum swp_metric {
#define SWP_METRIC_ENUM(id, name, label, seconds) SWP_METRIC_##id,
  SWP_METRICS(SWP_METRIC_ENUM)
#undef SWP_METRIC_ENUM
      SWP_METRIC_COUNT
} swp_metric;

const char *swp_metric_name(swp_metric m);               /* "response_p95" */
const char *swp_metric_label(swp_metric m);              /* "p95 response" */
int swp_metric_is_time(swp_metric m);                    /* in seconds */
int swp_metric_parse(const char *name, swp_metric *out); /* 0 or -1 */
/* "makespan, busy, ..." for messages. */
void swp_metric_list(char *buf, size_t size);

/* The metric of one result, and its 95% half-width from the summary (0 when
 * the summary has none for it, or runs is 1). */
double swp_metric_value(swp_metric m, const sim_result *r, const rep_summary *s);
double swp_metric_ci(swp_metric m, const rep_summary *s);

/* The knee of the curve (x[i], y[i]), i = 0..n-1, x ascending, by Kneedle
 * (Satopaa et al., 2011): x and y scaled to [0, 1] (y from its first to its
 * last value, so rising and falling curves are one case), the knee is where
 * the scaled curve lies farthest from the straight line between its ends.
 * Returns its index, or -1: fewer than 3 points, flat (the ends differ by
 * less than SWP_KNEE_FLAT of the largest |y|), or no point farther than
 * SWP_KNEE_MIN from the line (a straight line has no knee). */
#define SWP_KNEE_MIN  0.05
#define SWP_KNEE_FLAT 0.05
int swp_knee(const double *x, const double *y, int n);

/* A bound beside the curve of one metric along a one-axis sweep: a line
 * of y values (one per point, NAN where it has none), or, when `vertical`, one
 * x (the capacity line). strategy -1: the same for every strategy. */
typedef struct swp_bound {
  char name[128];
  int strategy;
  int vertical;
  double x;
  double *y; /* [npoints], NULL when vertical */
} swp_bound;

/* The bounds theory gives for metric m:
 *   makespan, closed workload: the work bound (total cpu / cores; one line
 *     per distinct value of cores) and the longest task's own path;
 *   response times of one group with Poisson arrivals: the capacity line
 *     (arrival rate = c / E[service]) when the axis is that rate or the
 *     number of servers, and for exponential service the M/M/c prediction
 *     (Erlang C: the mean; the p95 too when nothing follows the service).
 * Service is the whole task for strategies whose workers hold a task while it
 * waits (sync, queue, processes), its cpu for the others (async, threads).
 * Loads each point's scenario. Fills *out (free with swp_bounds_free). */
int swp_bounds(const swp_sweep *sw, swp_metric m, swp_bound **out, int *n, sim_error *err);
void swp_bounds_free(swp_bound *b, int n);

/* M/M/c with arrival rate lambda and service rate mu per server: the mean
 * time in system, and the time t with P(T > t) = 1 - q. NAN when unstable. */
double swp_mmc_mean(int c, double lambda, double mu);
double swp_mmc_quantile(int c, double lambda, double mu, double q);

/* Why the knee is where it is, in words, when the run can tell
 * ("from 12 boards on the master is the bottleneck: 12 x 5 s = 5 s + 55 s");
 * "" when it cannot. `knee` indexes the one axis. */
void swp_knee_reason(const swp_sweep *sw, int s, swp_metric m, int knee, char *buf, size_t size);

#endif

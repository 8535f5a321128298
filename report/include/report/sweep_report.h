/* sweep_report.h - what `simul sweep` prints, and the part files of a
 * sharded sweep that `simul merge` reads back.
 *
 * The writer takes plain data (the sweep computes; this only formats), so
 * one sweep printed whole and the same sweep merged from parts give the same
 * bytes. Each point's "results" are `simul run`'s result objects.
 *
 *   table  a row per point: its values, a column per strategy and metric,
 *          the bounds' columns; the knees under it, with their reasons.
 *   csv    a row per point and strategy: the values, then `simul run`'s columns.
 *   json   {"scenario", "seed", "vary": [KEY...], "points": [{"values": {KEY: V},
 *          "results": [...]}], "knee": [{"strategy", "metric", "values", "reason"}],
 *          "bounds": [...]}
 */
#ifndef REPORT_SWEEP_REPORT_H
#define REPORT_SWEEP_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "report/report.h"

typedef struct rep_sweep_metric {
  const char *name;  /* "response_p95": CSV/JSON */
  const char *label; /* "p95 response": the table's header */
  int is_time;       /* seconds */
  int short_time;    /* shown as 50.0ms rather than h:mm:ss (response times) */
} rep_sweep_metric;

typedef struct rep_sweep_knee {
  int strategy, metric;
  int point;          /* the knee, or -1: none */
  int line_point;     /* a point of the curve (in a grid, says which line) */
  const char *reason; /* "" when the run cannot tell */
} rep_sweep_knee;

/* A bound of metrics[0]: y[p] per point (NAN: none), or a vertical line at x. */
typedef struct rep_sweep_bound {
  const char *name;
  const char *strategy; /* NULL: every strategy */
  int vertical;
  double x;
  const double *y;
} rep_sweep_bound;

typedef struct rep_sweep_data {
  const scn_scenario *scn; /* the scenario as loaded with the base --set values */
  uint64_t seed;
  int runs;
  int naxes;
  const char *const *keys;
  const int *axis_is_number; /* [a]: values are plain numbers (JSON numbers) */
  int npoints;
  const char *const *point_values; /* [p * naxes + a] */
  const unsigned char *have;       /* [p]: 1 when the point is there */
  int nstrategies;
  const char *const *strategies;
  const sim_result *mean;     /* [p * nstrategies + s] */
  const rep_summary *summary; /* the same cells */
  int nmetrics;
  const rep_sweep_metric *metrics;
  const double *value, *ci; /* [(p * nstrategies + s) * nmetrics + m] */
  const rep_sweep_knee *knees;
  int nknees;
  const rep_sweep_bound *bounds;
  int nbounds;
} rep_sweep_data;

/* Writes the sweep; returns 0 or -1 when the stream failed. */
int rep_sweep_write(FILE *f, rep_format format, const rep_sweep_data *d);

/* A part of a sharded sweep: one JSON object holding `args` (the sweep's
 * own arguments, which say which sweep it is), the shard, and the points it
 * ran with their results in full. */
int rep_sweep_part_write(FILE *f, const rep_sweep_data *d, const char *const *args, int nargs,
                         int shard_k, int shard_n);

/* A part read back. */
typedef struct rep_sweep_part {
  char **args;
  int nargs;
  int shard_k, shard_n, npoints, nstrategies;
  int *points;          /* [count] point indexes */
  sim_result *results;  /* [count * nstrategies] */
  rep_summary *summary; /* the same cells */
  int count;
} rep_sweep_part;

/* Reads a part file; SIM_EINPUT with "PATH: error: ..." when it is not one. */
int rep_sweep_part_read(const char *path, rep_sweep_part *out, sim_error *err);
void rep_sweep_part_free(rep_sweep_part *p);

#endif

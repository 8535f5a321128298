/* cmd_merge.c - `simul merge PART...`: the parts of a sharded sweep
 * (`simul sweep ... --shard K/N`) combined into the whole sweep's output.
 *
 * Each part names its sweep by the sweep's own arguments; merge checks that
 * every part is of one sweep and that each shard 1..N is there exactly once,
 * then parses those arguments as `simul sweep` would (so it loads the
 * scenario: names, bounds) and prints what the whole sweep prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_out.h"
#include "cli_sweep.h"
#include "commands.h"
#include "report/sweep_report.h"

enum { MERGE_OPT_FORMAT = CLI_OPT_USER, MERGE_OPT_PLOT };

static const char merge_help[] =
    "usage: simul merge PART... [--format FMT] [--plot FILE] [-o FILE]\n"
    "\n"
    "Combines the parts written by `simul sweep ... --shard K/N` (one per K,\n"
    "1..N, in any order) into exactly what the whole sweep prints.\n"
    "\n"
    "options:\n"
    "  --format FMT      table (default), csv or json\n"
    "  --plot FILE       draw the sweep as a PNG, SVG or PDF\n"
    "  -o, --output FILE write the report to FILE, not stdout\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 ok, 1 a file could not be written, 2 bad usage or parts that\n"
    "do not make one sweep\n";

typedef struct merge_opts {
  const cli_args *args;
  const char *format, *plot, *output;
} merge_opts;

static int merge_option(void *ctx, int opt, const char *arg) {
  merge_opts *o = ctx;
  switch (opt) {
  case MERGE_OPT_FORMAT:
    o->format = arg;
    return 0;
  case MERGE_OPT_PLOT:
    o->plot = arg;
    return 0;
  case 'o':
    o->output = arg;
    return 0;
  default:
    return cli_usage_error(o->args, 1, "unknown option");
  }
}

static int merge_same_args(const rep_sweep_part *a, const rep_sweep_part *b) {
  if (a->nargs != b->nargs) return 0;
  for (int i = 0; i < a->nargs; i++)
    if (strcmp(a->args[i], b->args[i]) != 0) return 0;
  return 1;
}

static void merge_args_text(const rep_sweep_part *p, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int i = 0; i < p->nargs && len < size; i++)
    len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "", p->args[i]);
}

/* Every part of one sweep, each shard once. */
static int merge_check(const cli_args *a, const rep_sweep_part *parts, int n) {
  int total = parts[0].shard_n;
  for (int i = 1; i < n; i++) {
    if (!merge_same_args(&parts[0], &parts[i]) || parts[i].shard_n != total) {
      char one[512], other[512];
      merge_args_text(&parts[0], one, sizeof one);
      merge_args_text(&parts[i], other, sizeof other);
      return cli_usage_error(a, 0,
                             "%s and %s are parts of different sweeps ('%s' in %d parts, '%s' "
                             "in %d)",
                             a->pos[0], a->pos[i], one, total, other, parts[i].shard_n);
    }
  }
  for (int k = 1; k <= total; k++) {
    int seen = 0, first = -1;
    for (int i = 0; i < n; i++) {
      if (parts[i].shard_k != k) continue;
      if (seen++ == 0) {
        first = i;
      } else {
        return cli_usage_error(a, 0, "part %d/%d is given twice (%s and %s)", k, total,
                               a->pos[first], a->pos[i]);
      }
    }
    if (!seen)
      return cli_usage_error(a, 0, "part %d/%d is missing (the sweep has %d parts)", k, total,
                             total);
  }
  return 0;
}

/* The parts' results into the prepared sweep: each point once. */
static int merge_fill(const cli_args *a, swp_sweep *sw, rep_sweep_part *parts, int n) {
  for (int i = 0; i < n; i++) {
    rep_sweep_part *p = &parts[i];
    if (p->npoints != sw->npoints || p->nstrategies != sw->nstrategies)
      return cli_usage_error(a, 0, "%s: has %d points of %d strategies, but its sweep has %d of %d",
                             a->pos[i], p->npoints, p->nstrategies, sw->npoints, sw->nstrategies);
    for (int j = 0; j < p->count; j++) {
      int pt = p->points[j];
      if ((pt % p->shard_n) + 1 != p->shard_k || sw->have[pt])
        return cli_usage_error(a, 0, "%s: point %d does not belong to part %d/%d", a->pos[i],
                               pt + 1, p->shard_k, p->shard_n);
      size_t from = (size_t)j * (size_t)p->nstrategies, to = (size_t)pt * (size_t)sw->nstrategies;
      for (int s = 0; s < sw->nstrategies; s++) {
        sw->mean[to + (size_t)s] = p->results[from + (size_t)s];
        sw->summary[to + (size_t)s] = p->summary[from + (size_t)s];
        memset(&p->results[from + (size_t)s], 0, sizeof p->results[0]); /* moved */
      }
      sw->have[pt] = 1;
    }
  }
  for (int pt = 0; pt < sw->npoints; pt++)
    if (!sw->have[pt]) return cli_usage_error(a, 0, "point %d is in no part", pt + 1);
  return 0;
}

/* The sweep's own arguments, then merge's --format/--plot/-o, as one argv
 * for cli_sweep_parse. */
static int merge_sweep_args(const rep_sweep_part *p, const merge_opts *o, char ***out, int *n) {
  char **v = calloc((size_t)p->nargs + 8, sizeof *v);
  if (!v) return -1;
  int k = 0;
  v[k++] = "merge";
  for (int i = 0; i < p->nargs; i++) v[k++] = p->args[i];
  if (o->format) {
    v[k++] = "--format";
    v[k++] = (char *)o->format;
  }
  if (o->plot) {
    v[k++] = "--plot";
    v[k++] = (char *)o->plot;
  }
  if (o->output) {
    v[k++] = "--output";
    v[k++] = (char *)o->output;
  }
  *out = v;
  *n = k;
  return 0;
}

int cmd_merge(int argc, char **argv) {
  static const struct option longs[] = {
      {"format", required_argument, NULL, MERGE_OPT_FORMAT},
      {"plot", required_argument, NULL, MERGE_OPT_PLOT},
      {"output", required_argument, NULL, 'o'},
      {NULL, 0, NULL, 0},
  };
  cli_args a;
  merge_opts o = {.args = &a};
  int rc = cli_parse(&a, "simul merge", argc, argv, longs, "o:", merge_option, &o);
  if (rc == CLI_HELP) {
    fputs(merge_help, stdout);
    cli_args_free(&a);
    return APP_OK;
  }
  if (rc == 0 && a.npos == 0)
    rc = cli_usage_error(&a, 1, "missing PART, a file written by simul sweep --shard");
  if (rc == 0 && (a.strategy_list || a.nsets || a.seed || a.profile))
    rc = cli_usage_error(&a, 0,
                         "--strategy, --set, --seed and --profile belong to the sweep, not to "
                         "merge: the parts say which sweep they are");
  /* A part is an input: -o or --plot over one would lose it. */
  for (int i = 0; rc == 0 && i < a.npos; i++) {
    static const char why[] = "it is a part being read";
    if (o.output) rc = cli_out_check_input(a.cmd, "the report", o.output, a.pos[i], why);
    if (rc == 0 && o.plot) rc = cli_out_check_input(a.cmd, "the plot", o.plot, a.pos[i], why);
  }
  rep_sweep_part *parts = rc == 0 ? calloc((size_t)a.npos, sizeof *parts) : NULL;
  if (rc == 0 && !parts) rc = APP_FAIL;
  int nread = 0;
  for (int i = 0; rc == 0 && i < a.npos; i++) {
    sim_error err = {0};
    rc = rep_sweep_part_read(a.pos[i], &parts[i], &err);
    if (rc != 0)
      fprintf(stderr, "%s\n", err.msg);
    else
      nread++;
  }
  if (rc == 0) rc = merge_check(&a, parts, nread);
  cli_sweep c;
  int have_c = 0;
  swp_sweep sw = {0};
  char **sargv = NULL;
  int sargc = 0;
  if (rc == 0 && merge_sweep_args(&parts[0], &o, &sargv, &sargc) != 0) rc = APP_FAIL;
  if (rc == 0) {
    have_c = 1;
    rc = cli_sweep_parse(&c, "simul merge", sargc, sargv);
    if (rc == CLI_HELP) rc = APP_USAGE;
  }
  if (rc == 0) rc = cli_sweep_spec(&c);
  if (rc == 0) {
    sim_error err = {0};
    rc = swp_prepare(&sw, &c.spec, &err);
    if (rc != 0) fprintf(stderr, "%s\n", err.msg);
  }
  if (rc == 0) rc = cli_sweep_profile(&c, &sw);
  if (rc == 0) rc = merge_fill(&a, &sw, parts, nread);
  if (rc == 0) rc = cli_sweep_output(&c, &sw);
  swp_sweep_free(&sw);
  if (have_c) cli_sweep_free(&c);
  free(sargv);
  for (int i = 0; i < nread; i++) rep_sweep_part_free(&parts[i]);
  free(parts);
  cli_args_free(&a);
  return rc;
}

/* sweep_report.c - a sweep as a table, CSV or JSON; see sweep_report.h.
 *
 * Cells, CSV rows and JSON results come from the run report's own helpers
 * (rep_internal.h), so a sweep's point reads exactly like `simul run` at
 * that point.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "rep_internal.h"
#include "report/sweep_report.h"

static size_t sw_cell(const rep_sweep_data *d, int p, int s) {
  return (size_t)p * (size_t)d->nstrategies + (size_t)s;
}

/* One value of a metric as the table shows it, with its interval. */
static void sw_format(const rep_sweep_metric *m, double v, double half, int runs, char *buf,
                      size_t size) {
  if (!isfinite(v)) {
    snprintf(buf, size, "-");
    return;
  }
  if (m->is_time && m->short_time)
    rep_short_seconds(v, buf, size);
  else if (m->is_time)
    sim_time_format(rep_seconds_to_time(v), buf, size);
  else
    snprintf(buf, size, "%.4g", v);
  if (runs < 2) return;
  rep_summary one = {.runs = runs};
  if (m->is_time) {
    rep_ci_cell(buf, size, &one, -1, half);
  } else {
    size_t len = strlen(buf);
    snprintf(buf + len, size - len, " \xc2\xb1%.2g", half);
  }
}

static const char *sw_strategy_of(const rep_sweep_data *d, int s) {
  return s >= 0 && s < d->nstrategies ? d->strategies[s] : "";
}

static int sw_write_table(FILE *f, const rep_sweep_data *d) {
  const rep_sweep_metric *m0 = &d->metrics[0];
  int nlines = 0;
  for (int b = 0; b < d->nbounds; b++) nlines += !d->bounds[b].vertical;
  rep_grid g = {.ncols = d->naxes + d->nstrategies * d->nmetrics + nlines};
  char buf[256];
  fputs(d->scn->name ? d->scn->name : "(unnamed)", f);
  fputs(" \xe2\x80\x94 ", f);
  if (d->nmetrics == 1) fprintf(f, "%s ", m0->label);
  fputs("over ", f);
  for (int a = 0; a < d->naxes; a++) fprintf(f, "%s%s", a ? " x " : "", d->keys[a]);
  fprintf(f, " (%d point%s)\n", d->npoints, d->npoints == 1 ? "" : "s");
  if (d->runs > 1)
    fprintf(f,
            "means over %d seeds (%" PRIu64 "..%" PRIu64
            ") at every point, \xc2\xb1 a 95%% confidence interval\n",
            d->runs, d->seed, d->seed + (uint64_t)d->runs - 1);
  for (int a = 0; a < d->naxes; a++) rep_grid_add(&g, d->keys[a]);
  for (int s = 0; s < d->nstrategies; s++) {
    for (int m = 0; m < d->nmetrics; m++) {
      if (d->nmetrics == 1)
        snprintf(buf, sizeof buf, "%s", d->strategies[s]);
      else
        snprintf(buf, sizeof buf, "%s %s", d->strategies[s], d->metrics[m].label);
      rep_grid_add(&g, buf);
    }
  }
  for (int b = 0; b < d->nbounds; b++)
    if (!d->bounds[b].vertical) rep_grid_add(&g, d->bounds[b].name);
  for (int p = 0; p < d->npoints; p++) {
    if (!d->have[p]) continue;
    for (int a = 0; a < d->naxes; a++) rep_grid_add(&g, d->point_values[p * d->naxes + a]);
    for (int s = 0; s < d->nstrategies; s++) {
      for (int m = 0; m < d->nmetrics; m++) {
        size_t k = sw_cell(d, p, s) * (size_t)d->nmetrics + (size_t)m;
        sw_format(&d->metrics[m], d->value[k], d->ci[k], d->runs, buf, sizeof buf);
        rep_grid_add(&g, buf);
      }
    }
    for (int b = 0; b < d->nbounds; b++) {
      if (d->bounds[b].vertical) continue;
      sw_format(m0, d->bounds[b].y[p], 0, 1, buf, sizeof buf);
      rep_grid_add(&g, buf);
    }
  }
  if (d->runs < 2)
    for (int c = d->naxes; c < g.ncols; c++) rep_grid_even_times(&g, c);
  int rc = rep_grid_write(f, &g);
  rep_grid_free(&g);
  if (rc != 0) return rc;
  if (d->nknees > 0 || d->nbounds > nlines) fputc('\n', f);
  for (int k = 0; k < d->nknees; k++) {
    const rep_sweep_knee *kn = &d->knees[k];
    const char *metric = d->metrics[kn->metric].label;
    if (kn->point < 0) {
      fprintf(f, "no knee: %s %s", sw_strategy_of(d, kn->strategy), metric);
      for (int a = 1; a < d->naxes; a++)
        fprintf(f, "%s%s=%s", a == 1 ? " at " : ", ", d->keys[a],
                d->point_values[kn->line_point * d->naxes + a]);
      fputc('\n', f);
      continue;
    }
    fprintf(f, "knee: %s %s at ", sw_strategy_of(d, kn->strategy), metric);
    for (int a = 0; a < d->naxes; a++)
      fprintf(f, "%s%s=%s", a ? ", " : "", d->keys[a], d->point_values[kn->point * d->naxes + a]);
    if (kn->reason && *kn->reason) fprintf(f, ": %s", kn->reason);
    fputc('\n', f);
  }
  for (int b = 0; b < d->nbounds; b++) {
    if (!d->bounds[b].vertical) continue;
    rep_format_double(d->bounds[b].x, buf, sizeof buf);
    char x[64];
    snprintf(x, sizeof x, "%.4g", d->bounds[b].x);
    fprintf(f, "%s: %s = %s\n", d->bounds[b].name, d->keys[0], x);
  }
  return 0;
}

static rep_opts sw_opts(const rep_sweep_data *d, int p) {
  rep_opts o = {.summary = &d->summary[sw_cell(d, p, 0)]};
  return o;
}

static int sw_write_csv(FILE *f, const rep_sweep_data *d) {
  rep_summary one = {.runs = d->runs};
  rep_opts head = {.summary = &one};
  for (int a = 0; a < d->naxes; a++) rep_csv_field(f, d->keys[a], a == 0);
  rep_csv_header(f, d->scn, NULL, &head, d->naxes == 0); /* no task columns */
  fputs("\r\n", f);
  for (int p = 0; p < d->npoints; p++) {
    if (!d->have[p]) continue;
    rep_opts o = sw_opts(d, p);
    for (int s = 0; s < d->nstrategies; s++) {
      for (int a = 0; a < d->naxes; a++)
        rep_csv_field(f, d->point_values[p * d->naxes + a], a == 0);
      rep_csv_row(f, d->scn, &d->mean[sw_cell(d, p, 0)], d->nstrategies, s, &o, d->naxes == 0);
      fputs("\r\n", f);
    }
  }
  return 0;
}

/* {KEY: V} of point p: plain numbers as JSON numbers, durations as text. */
static cJSON *sw_json_values(const rep_sweep_data *d, int p) {
  cJSON *o = cJSON_CreateObject();
  for (int a = 0; o && a < d->naxes; a++) {
    const char *v = d->point_values[p * d->naxes + a];
    if (d->axis_is_number[a])
      cJSON_AddRawToObject(o, d->keys[a], v[0] == '+' ? v + 1 : v);
    else
      cJSON_AddStringToObject(o, d->keys[a], v);
  }
  return o;
}

static cJSON *sw_json_point(const rep_sweep_data *d, int p) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  cJSON_AddItemToObject(o, "values", sw_json_values(d, p));
  cJSON *results = cJSON_AddArrayToObject(o, "results");
  rep_opts opts = sw_opts(d, p);
  for (int s = 0; results && s < d->nstrategies; s++)
    cJSON_AddItemToArray(
        results, rep_json_result(d->scn, &d->mean[sw_cell(d, p, 0)], d->nstrategies, s, &opts));
  return o;
}

static cJSON *sw_json_tail(const rep_sweep_data *d) {
  cJSON *o = cJSON_CreateObject();
  cJSON *knees = cJSON_AddArrayToObject(o, "knee");
  for (int k = 0; knees && k < d->nknees; k++) {
    const rep_sweep_knee *kn = &d->knees[k];
    if (kn->point < 0) continue;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "strategy", sw_strategy_of(d, kn->strategy));
    cJSON_AddStringToObject(e, "metric", d->metrics[kn->metric].name);
    cJSON_AddItemToObject(e, "values", sw_json_values(d, kn->point));
    if (kn->reason && *kn->reason) cJSON_AddStringToObject(e, "reason", kn->reason);
    cJSON_AddItemToArray(knees, e);
  }
  cJSON *bounds = cJSON_AddArrayToObject(o, "bounds");
  for (int b = 0; bounds && b < d->nbounds; b++) {
    const rep_sweep_bound *bd = &d->bounds[b];
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "name", bd->name);
    if (bd->strategy)
      cJSON_AddStringToObject(e, "strategy", bd->strategy);
    else
      cJSON_AddNullToObject(e, "strategy");
    cJSON_AddStringToObject(e, "metric", d->metrics[0].name);
    if (bd->vertical) {
      rep_json_number(e, "x", bd->x);
    } else {
      cJSON *ys = cJSON_AddArrayToObject(e, "values");
      for (int p = 0; ys && p < d->npoints; p++) {
        if (!d->have[p]) continue;
        char num[40];
        rep_format_double(bd->y[p], num, sizeof num);
        cJSON_AddItemToArray(ys, num[0] ? cJSON_CreateRaw(num) : cJSON_CreateNull());
      }
    }
    cJSON_AddItemToArray(bounds, e);
  }
  return o;
}

/* Streamed point by point: a sweep of a thousand points of `simul run`
 * results would be a large tree. */
static int sw_write_json(FILE *f, const rep_sweep_data *d) {
  fputs("{\"scenario\":", f);
  if (rep_json_emit(f, cJSON_CreateString(d->scn->name ? d->scn->name : "")) != 0) return -1;
  fprintf(f, ",\"seed\":%" PRIu64, d->seed);
  if (d->runs > 1) fprintf(f, ",\"runs\":%d", d->runs);
  cJSON *vary = cJSON_CreateArray();
  for (int a = 0; vary && a < d->naxes; a++)
    cJSON_AddItemToArray(vary, cJSON_CreateString(d->keys[a]));
  fputs(",\"vary\":", f);
  if (rep_json_emit(f, vary) != 0) return -1;
  cJSON *metrics = cJSON_CreateArray();
  for (int m = 0; metrics && m < d->nmetrics; m++)
    cJSON_AddItemToArray(metrics, cJSON_CreateString(d->metrics[m].name));
  fputs(",\"metrics\":", f);
  if (rep_json_emit(f, metrics) != 0) return -1;
  fputs(",\"points\":[", f);
  int first = 1;
  for (int p = 0; p < d->npoints; p++) {
    if (!d->have[p]) continue;
    if (!first) fputc(',', f);
    first = 0;
    if (rep_json_emit(f, sw_json_point(d, p)) != 0) return -1;
  }
  fputc(']', f);
  /* The tail object's members, without its braces. */
  cJSON *tail = sw_json_tail(d);
  char *s = tail ? cJSON_PrintUnformatted(tail) : NULL;
  cJSON_Delete(tail);
  if (!s) return -1;
  size_t len = strlen(s);
  if (len > 2) fprintf(f, ",%.*s", (int)(len - 2), s + 1);
  cJSON_free(s);
  fputs("}\n", f);
  return 0;
}

int rep_sweep_write(FILE *f, rep_format format, const rep_sweep_data *d) {
  int rc = -1;
  switch (format) {
  case REP_FORMAT_TABLE:
    rc = sw_write_table(f, d);
    break;
  case REP_FORMAT_CSV:
    rc = sw_write_csv(f, d);
    break;
  case REP_FORMAT_JSON:
    rc = sw_write_json(f, d);
    break;
  }
  if (fflush(f) != 0 || ferror(f)) rc = -1;
  return rc;
}

/* rep_explain.c - what `--explain` adds to the table (a paragraph per
 * strategy: the bottleneck, the critical path by kind, the lints), and what
 * `--explain` and `--what-if` add to JSON and CSV. The analysis is
 * sim/explain.h's; the what-if table is table.c's, the trace's arrows trace.c's. */
#include "rep_explain.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* "critical path 1:00:55 = cpu 1:00:00 + wait 0:00:55": kinds in the trace's order. */
static void rep_path_line(FILE *f, const sim_result *r, const exp_explain *ex) {
  char t[32];
  sim_time_format(r->makespan, t, sizeof t);
  fprintf(f, "critical path %s =", t);
  int first = 1;
  for (int k = 0; k < EXP_PATH_KIND_COUNT; k++) {
    if (ex->path[k] == 0) continue;
    sim_time_format(ex->path[k], t, sizeof t);
    fprintf(f, "%s %s %s", first ? "" : " +", exp_path_kind_name(k), t);
    first = 0;
  }
  if (first) fputs(" 0", f);
  fputc('\n', f);
}

static int rep_label_width(const sim_result *results, int n) {
  int width = 0;
  for (int i = 0; i < n; i++) {
    int w = (int)strlen(results[i].strategy);
    if (w > width) width = w;
  }
  return width;
}

int rep_explain_table(FILE *f, const sim_result *results, int n, const exp_explain *explain) {
  int width = rep_label_width(results, n);
  fputs("\nwhy (the critical path, docs/explain.md)\n", f);
  for (int i = 0; i < n; i++) {
    const exp_explain *ex = &explain[i];
    fprintf(f, "%-*s  %s: %s\n", width, results[i].strategy, ex->bottleneck, ex->sentence);
    fprintf(f, "%-*s  ", width, "");
    rep_path_line(f, &results[i], ex);
    for (int k = 0; k < ex->nlints; k++) {
      const exp_lint *l = &ex->lints[k];
      char at[32];
      sim_time_format(l->at, at, sizeof at);
      fprintf(f, "%-*s  %s", width, "", l->code);
      if (l->task >= 0) fprintf(f, " at %s", at);
      if (l->count > 1) fprintf(f, " (%" PRId32 " times)", l->count);
      fprintf(f, ": %s\n", l->message);
    }
  }
  return ferror(f) ? -1 : 0;
}

static cJSON *rep_explain_object(const scn_scenario *scn, const exp_explain *ex,
                                 const sim_result *r) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  cJSON *path = cJSON_AddObjectToObject(o, "critical_path_s");
  for (int k = 0; path && k < EXP_PATH_KIND_COUNT; k++)
    if (ex->path[k]) rep_json_number(path, exp_path_kind_name(k), sim_time_seconds(ex->path[k]));
  cJSON_AddStringToObject(o, "bottleneck", ex->bottleneck);
  cJSON_AddStringToObject(o, "sentence", ex->sentence);
  cJSON *lints = cJSON_AddArrayToObject(o, "lints");
  for (int k = 0; lints && k < ex->nlints; k++) {
    const exp_lint *l = &ex->lints[k];
    cJSON *j = cJSON_CreateObject();
    if (!j) break;
    cJSON_AddStringToObject(j, "code", l->code);
    rep_json_number(j, "at_s", sim_time_seconds(l->at));
    char name[160];
    if (l->task >= 0 && l->task < r->ntasks && sim_task_name(scn, r, l->task, name, sizeof name) >= 0)
      cJSON_AddStringToObject(j, "task", name);
    else
      cJSON_AddNullToObject(j, "task");
    cJSON_AddNumberToObject(j, "count", l->count);
    cJSON_AddStringToObject(j, "message", l->message);
    cJSON_AddItemToArray(lints, j);
  }
  return o;
}

void rep_explain_json(cJSON *o, const scn_scenario *scn, const sim_result *r, int i,
                      const rep_opts *opts) {
  if (!opts) return;
  if (opts->explain)
    cJSON_AddItemToObject(o, "explain", rep_explain_object(scn, &opts->explain[i], r));
  const rep_what_if *wi = opts->what_if;
  if (!wi) return;
  cJSON *w = cJSON_AddObjectToObject(o, "what_if");
  if (!w) return;
  cJSON_AddStringToObject(w, "target", wi->target);
  cJSON_AddBoolToObject(w, "by_group", wi->by_group);
  rep_json_number(w, "percent", wi->percent);
  if (wi->ok[i]) {
    rep_json_number(w, "makespan_s", sim_time_seconds(wi->makespan[i]));
    rep_json_number(w, "delta_s", sim_time_seconds(wi->makespan[i] - r->makespan));
  } else {
    cJSON_AddNullToObject(w, "makespan_s");
    cJSON_AddNullToObject(w, "delta_s");
  }
}

int rep_explain_csv_header(const rep_opts *opts, const char **names, int max) {
  static const char *const path_cols[EXP_PATH_KIND_COUNT] = {
#define REP_PATH_COL(id, name) "path_" name "_s",
      SIM_SPAN_KINDS(REP_PATH_COL)
#undef REP_PATH_COL
          "path_arrival_s",
      "path_other_s"};
  int n = 0;
  if (opts && opts->explain && n + EXP_PATH_KIND_COUNT + 2 <= max) {
    names[n++] = "bottleneck";
    for (int k = 0; k < EXP_PATH_KIND_COUNT; k++) names[n++] = path_cols[k];
    names[n++] = "lints";
  }
  if (opts && opts->what_if && n + 2 <= max) {
    names[n++] = "what_if_makespan_s";
    names[n++] = "what_if_delta_s";
  }
  return n;
}

int rep_explain_csv_row(const sim_result *r, int i, const rep_opts *opts, char cells[][96],
                        int max) {
  int n = 0;
  if (opts && opts->explain && n + EXP_PATH_KIND_COUNT + 2 <= max) {
    const exp_explain *ex = &opts->explain[i];
    snprintf(cells[n++], 96, "%s", ex->bottleneck);
    for (int k = 0; k < EXP_PATH_KIND_COUNT; k++) rep_format_seconds(ex->path[k], cells[n++], 96);
    /* The codes, once each, in the order they first occur: "never-yields saturated". */
    size_t len = 0;
    cells[n][0] = '\0';
    for (int k = 0; k < ex->nlints; k++) {
      int seen = 0;
      for (int j = 0; j < k; j++) seen |= strcmp(ex->lints[j].code, ex->lints[k].code) == 0;
      if (!seen && len < 96)
        len +=
            (size_t)snprintf(cells[n] + len, 96 - len, "%s%s", len ? " " : "", ex->lints[k].code);
    }
    n++;
  }
  const rep_what_if *wi = opts ? opts->what_if : NULL;
  if (wi && n + 2 <= max) {
    cells[n][0] = cells[n + 1][0] = '\0';
    if (wi->ok[i]) {
      rep_format_seconds(wi->makespan[i], cells[n], 96);
      rep_format_seconds(wi->makespan[i] - r->makespan, cells[n + 1], 96);
    }
    n += 2;
  }
  return n;
}

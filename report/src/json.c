/* json.c - the JSON report: one object, streamed result by result, each
 * result one small cJSON tree. Numbers are printed by rep_format_double (the
 * shortest text that reads back exactly), not by cJSON.
 */
#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>

#include "rep_explain.h"
#include "rep_internal.h"

/* Prints a cJSON tree without a newline and frees it; -1 when it could not. */
int rep_json_emit(FILE *f, cJSON *item) {
  if (!item) return -1;
  char *s = cJSON_PrintUnformatted(item);
  cJSON_Delete(item);
  if (!s) return -1;
  fputs(s, f);
  cJSON_free(s);
  return 0;
}

/* A number as rep_format_double writes it; null when it is not finite. */
void rep_json_number(cJSON *obj, const char *key, double d) {
  char buf[40];
  rep_format_double(d, buf, sizeof buf);
  if (buf[0])
    cJSON_AddRawToObject(obj, key, buf);
  else
    cJSON_AddNullToObject(obj, key);
}

/* Counts exactly, whatever their size. */
void rep_json_int(cJSON *obj, const char *key, int64_t v) {
  char buf[24];
  snprintf(buf, sizeof buf, "%" PRId64, v);
  cJSON_AddRawToObject(obj, key, buf);
}

/* detail 0: mean, max; 1: and p50, p95; 2: and p99 (README.md, "JSON and CSV"). */
static cJSON *rep_json_stats(const sim_stats *s, int detail) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  rep_json_number(o, "mean", s->mean);
  if (detail >= 1) {
    rep_json_number(o, "p50", s->p50);
    rep_json_number(o, "p95", s->p95);
  }
  if (detail >= 2) rep_json_number(o, "p99", s->p99);
  rep_json_number(o, "max", s->max);
  return o;
}

cJSON *rep_json_result(const scn_scenario *scn, const sim_result *results, int n, int i,
                       const rep_opts *opts) {
  const sim_result *r = &results[i];
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  cJSON_AddStringToObject(o, "strategy", r->strategy);
  rep_json_number(o, "makespan_s", sim_time_seconds(r->makespan));
  rep_json_number(o, "busy_s", sim_time_seconds(r->busy));
  rep_json_number(o, "utilization", isfinite(r->utilization) ? r->utilization : 0.0);
  rep_json_int(o, "tasks", r->ntasks);
  rep_json_int(o, "events", r->events);
  rep_json_int(o, "switches", r->switches);
  cJSON_AddItemToObject(o, "completion_s", rep_json_stats(&r->completion, 1));
  cJSON_AddItemToObject(o, "ready_wait_s", rep_json_stats(&r->ready_wait, 0));
  double up = rep_speedup(results, n, i, opts);
  if (up > 0)
    rep_json_number(o, "speedup_vs_sync", up);
  else
    cJSON_AddNullToObject(o, "speedup_vs_sync");
  rep_json_int(o, "cores", r->cores);
  cJSON *lanes = cJSON_AddArrayToObject(o, "lanes");
  for (int l = 0; lanes && l < r->nlanes; l++)
    cJSON_AddItemToArray(lanes, cJSON_CreateString(r->lanes[l].name));
  cJSON *outcomes = cJSON_AddObjectToObject(o, "outcomes");
  for (int k = 0; outcomes && k < SIM_OUTCOME_COUNT; k++)
    rep_json_int(outcomes, sim_outcome_name((sim_outcome)k), r->outcomes[k]);
  cJSON_AddItemToObject(o, "response_s", rep_json_stats(&r->response, 2));
  rep_json_number(o, "throughput_per_s", r->throughput);
  rep_json_number(o, "in_system_mean", r->in_system_mean);
  if (opts && opts->memory) {
    rep_json_int(o, "memory_peak_bytes", r->memory_peak);
    rep_json_int(o, "memory_mean_bytes", r->memory_mean);
    rep_json_int(o, "memory_reserved_peak_bytes", r->memory_reserved_peak);
    rep_json_int(o, "in_system_peak", r->in_system_peak);
  }
  const rep_summary *sum =
      opts && opts->summary && opts->summary[0].runs > 1 ? &opts->summary[i] : NULL;
  if (sum) {
    rep_json_int(o, "runs", sum->runs);
    cJSON *ci = cJSON_AddObjectToObject(o, "ci95");
    if (ci) {
      rep_json_number(ci, "makespan_s", sum->ci.makespan_s);
      rep_json_number(ci, "busy_s", sum->ci.busy_s);
      rep_json_number(ci, "utilization", sum->ci.utilization);
      if (up > 0)
        rep_json_number(ci, "speedup_vs_sync", sum->ci.speedup);
      else
        cJSON_AddNullToObject(ci, "speedup_vs_sync");
      rep_json_number(ci, "completion_mean_s", sum->ci.completion_mean_s);
      rep_json_number(ci, "response_mean_s", sum->ci.response_mean_s);
      rep_json_number(ci, "response_p95_s", sum->ci.response_p95_s);
      rep_json_number(ci, "throughput_per_s", sum->ci.throughput_per_s);
      rep_json_number(ci, "in_system_mean", sum->ci.in_system_mean);
    }
  }
  if (opts && opts->task_ends) {
    cJSON *ends = cJSON_AddObjectToObject(o, "task_end_s");
    char name[160];
    for (int32_t t = 0; ends && t < r->ntasks && r->task_end; t++)
      rep_json_number(ends, rep_task_name(scn, r, t, name, sizeof name),
                      sim_time_seconds(r->task_end[t]));
  }
  rep_explain_json(o, scn, r, i, opts);
  return o;
}

/* One object, streamed result by result: with --tasks and a million tasks a
 * single tree of everything would cost hundreds of megabytes. */
int rep_write_json(FILE *f, const scn_scenario *scn, const sim_result *results, int n,
                   const rep_opts *opts) {
  /* The seed is printed as an integer of its own: as a double it would be
   * rounded above 2^53. */
  uint64_t seed = n > 0 ? results[0].seed : scn->seed;
  fputs("{\"scenario\":", f);
  if (rep_json_emit(f, cJSON_CreateString(scn->name ? scn->name : "")) != 0) return -1;
  fprintf(f, ",\"seed\":%" PRIu64, seed);
  if (opts && opts->summary && n > 0) fprintf(f, ",\"runs\":%d", opts->summary[0].runs);
  fputs(",\"results\":[", f);
  for (int i = 0; i < n; i++) {
    if (i > 0) fputc(',', f);
    if (rep_json_emit(f, rep_json_result(scn, results, n, i, opts)) != 0) return -1;
  }
  fputs("]}\n", f);
  return 0;
}

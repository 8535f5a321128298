/* sweep_part.c - a shard of a sweep as a file, and back.
 *
 * A part holds each point's results as `simul run`'s JSON result objects
 * (plus the two fields no report prints: the seed and whether the workload
 * is open). Numbers are written as the shortest text that reads back as the
 * same double and times are whole microseconds, so a result read back prints
 * exactly as it did before it was written: the merge of the parts is the
 * whole sweep, byte for byte.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "rep_internal.h"
#include "report/sweep_report.h"

int rep_sweep_part_write(FILE *f, const rep_sweep_data *d, const char *const *args, int nargs,
                         int shard_k, int shard_n) {
  fputs("{\"simul_sweep_part\":1,\"args\":", f);
  cJSON *a = cJSON_CreateArray();
  for (int i = 0; a && i < nargs; i++) cJSON_AddItemToArray(a, cJSON_CreateString(args[i]));
  if (rep_json_emit(f, a) != 0) return -1;
  fprintf(f, ",\"shard\":[%d,%d],\"npoints\":%d,\"strategies\":%d,\"points\":[", shard_k, shard_n,
          d->npoints, d->nstrategies);
  int first = 1;
  for (int p = 0; p < d->npoints; p++) {
    if (!d->have[p]) continue;
    const sim_result *res = &d->mean[(size_t)p * (size_t)d->nstrategies];
    rep_opts opts = {.summary = &d->summary[(size_t)p * (size_t)d->nstrategies]};
    cJSON *pt = cJSON_CreateObject();
    rep_json_int(pt, "index", p);
    cJSON *rs = cJSON_AddArrayToObject(pt, "results");
    for (int s = 0; rs && s < d->nstrategies; s++) {
      cJSON *r = rep_json_result(d->scn, res, d->nstrategies, s, &opts);
      char seed[24];
      snprintf(seed, sizeof seed, "%" PRIu64, res[s].seed);
      cJSON_AddStringToObject(r, "seed", seed); /* text: exact above 2^53 */
      cJSON_AddBoolToObject(r, "open", res[s].open);
      rep_json_int(r, "runs", opts.summary[s].runs);
      cJSON_AddItemToArray(rs, r);
    }
    if (!first) fputc(',', f);
    first = 0;
    if (rep_json_emit(f, pt) != 0) return -1;
  }
  fputs("]}\n", f);
  return fflush(f) != 0 || ferror(f) ? -1 : 0;
}

/* --- reading ------------------------------------------------------------------ */

static double pt_num(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static sim_time pt_time(const cJSON *o, const char *key) {
  return (sim_time)llround(pt_num(o, key) * (double)SIM_S);
}

static void pt_stats(const cJSON *o, const char *key, sim_stats *s) {
  const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, key);
  s->mean = pt_num(st, "mean");
  s->p50 = pt_num(st, "p50");
  s->p95 = pt_num(st, "p95");
  s->p99 = pt_num(st, "p99");
  s->max = pt_num(st, "max");
}

/* Counts were printed as integers; cJSON's valuedouble holds them exactly
 * below 2^53. */
static int64_t pt_int(const cJSON *o, const char *key) {
  return (int64_t)llround(pt_num(o, key));
}

static int pt_result(const cJSON *o, sim_result *r, rep_summary *s) {
  memset(r, 0, sizeof *r);
  memset(s, 0, sizeof *s);
  const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "strategy");
  const cJSON *seed = cJSON_GetObjectItemCaseSensitive(o, "seed");
  if (!cJSON_IsString(name) || !cJSON_IsString(seed)) return -1;
  snprintf(r->strategy, sizeof r->strategy, "%s", name->valuestring);
  r->seed = strtoull(seed->valuestring, NULL, 10);
  r->makespan = pt_time(o, "makespan_s");
  r->busy = pt_time(o, "busy_s");
  r->utilization = pt_num(o, "utilization");
  r->ntasks = (int32_t)pt_int(o, "tasks");
  r->events = pt_int(o, "events");
  r->switches = pt_int(o, "switches");
  pt_stats(o, "completion_s", &r->completion);
  pt_stats(o, "ready_wait_s", &r->ready_wait);
  pt_stats(o, "response_s", &r->response);
  r->cores = (int)pt_int(o, "cores");
  r->throughput = pt_num(o, "throughput_per_s");
  r->in_system_mean = pt_num(o, "in_system_mean");
  r->open = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "open"));
  const cJSON *out = cJSON_GetObjectItemCaseSensitive(o, "outcomes");
  for (int k = 0; k < SIM_OUTCOME_COUNT; k++)
    r->outcomes[k] = (int32_t)pt_int(out, sim_outcome_name((sim_outcome)k));
  const cJSON *lanes = cJSON_GetObjectItemCaseSensitive(o, "lanes");
  int nl = cJSON_GetArraySize(lanes);
  if (nl > 0) {
    r->lanes = calloc((size_t)nl, sizeof *r->lanes);
    if (!r->lanes) return -1;
    r->nlanes = nl;
    for (int l = 0; l < nl; l++) {
      const cJSON *ln = cJSON_GetArrayItem(lanes, l);
      if (cJSON_IsString(ln))
        snprintf(r->lanes[l].name, sizeof r->lanes[l].name, "%s", ln->valuestring);
    }
  }
  s->runs = (int)pt_int(o, "runs");
  if (s->runs < 1) s->runs = 1;
  s->speedup = pt_num(o, "speedup_vs_sync");
  const cJSON *ci = cJSON_GetObjectItemCaseSensitive(o, "ci95");
  s->ci.makespan_s = pt_num(ci, "makespan_s");
  s->ci.busy_s = pt_num(ci, "busy_s");
  s->ci.utilization = pt_num(ci, "utilization");
  s->ci.speedup = pt_num(ci, "speedup_vs_sync");
  s->ci.completion_mean_s = pt_num(ci, "completion_mean_s");
  s->ci.response_mean_s = pt_num(ci, "response_mean_s");
  s->ci.response_p95_s = pt_num(ci, "response_p95_s");
  s->ci.throughput_per_s = pt_num(ci, "throughput_per_s");
  s->ci.in_system_mean = pt_num(ci, "in_system_mean");
  return 0;
}

static char *pt_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (n + 1 < cap) break;
    char *grown = realloc(buf, cap * 2);
    if (!grown) {
      free(buf);
      buf = NULL;
      break;
    }
    buf = grown;
    cap *= 2;
  }
  int bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

static int pt_bad(sim_error *err, const char *path, const char *why) {
  return sim_fail(err, SIM_EINPUT, "%s: error: not a part of a simul sweep (%s)", path, why);
}

int rep_sweep_part_read(const char *path, rep_sweep_part *out, sim_error *err) {
  memset(out, 0, sizeof *out);
  size_t len = 0;
  char *text = pt_slurp(path, &len);
  if (!text) return sim_fail(err, SIM_EINPUT, "%s: error: cannot read: %s", path, strerror(errno));
  cJSON *root = cJSON_ParseWithLength(text, len);
  free(text);
  if (!root || !cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(root, "simul_sweep_part"))) {
    cJSON_Delete(root);
    return pt_bad(err, path, "expected the JSON that `simul sweep --shard K/N` writes");
  }
  const cJSON *args = cJSON_GetObjectItemCaseSensitive(root, "args");
  const cJSON *shard = cJSON_GetObjectItemCaseSensitive(root, "shard");
  const cJSON *points = cJSON_GetObjectItemCaseSensitive(root, "points");
  int rc = 0;
  if (!cJSON_IsArray(args) || cJSON_GetArraySize(shard) != 2 || !cJSON_IsArray(points))
    rc = pt_bad(err, path, "no args, shard or points");
  out->shard_k =
      cJSON_IsNumber(cJSON_GetArrayItem(shard, 0)) ? cJSON_GetArrayItem(shard, 0)->valueint : 0;
  out->shard_n =
      cJSON_IsNumber(cJSON_GetArrayItem(shard, 1)) ? cJSON_GetArrayItem(shard, 1)->valueint : 0;
  out->npoints = (int)pt_int(root, "npoints");
  out->nstrategies = (int)pt_int(root, "strategies");
  if (rc == 0 && (out->shard_n < 1 || out->shard_k < 1 || out->shard_k > out->shard_n ||
                  out->npoints < 0 || out->nstrategies < 1))
    rc = pt_bad(err, path, "bad shard, npoints or strategies");
  if (rc == 0) {
    out->nargs = cJSON_GetArraySize(args);
    out->args = calloc((size_t)out->nargs + 1, sizeof *out->args);
    for (int i = 0; out->args && i < out->nargs; i++) {
      const cJSON *v = cJSON_GetArrayItem(args, i);
      out->args[i] = strdup(cJSON_IsString(v) ? v->valuestring : "");
    }
    out->count = cJSON_GetArraySize(points);
    size_t cells = (size_t)(out->count ? out->count : 1) * (size_t)out->nstrategies;
    out->points = calloc((size_t)(out->count ? out->count : 1), sizeof *out->points);
    out->results = calloc(cells, sizeof *out->results);
    out->summary = calloc(cells, sizeof *out->summary);
    if (!out->args || !out->points || !out->results || !out->summary)
      rc = sim_fail(err, SIM_EFAIL, "%s: error: out of memory", path);
  }
  for (int i = 0; rc == 0 && i < out->count; i++) {
    const cJSON *pt = cJSON_GetArrayItem(points, i);
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(pt, "results");
    out->points[i] = (int)pt_int(pt, "index");
    if (out->points[i] < 0 || out->points[i] >= out->npoints ||
        cJSON_GetArraySize(rs) != out->nstrategies) {
      rc = pt_bad(err, path, "a point out of range or with the wrong number of results");
      break;
    }
    for (int s = 0; rc == 0 && s < out->nstrategies; s++) {
      size_t k = (size_t)i * (size_t)out->nstrategies + (size_t)s;
      if (pt_result(cJSON_GetArrayItem(rs, s), &out->results[k], &out->summary[k]) != 0)
        rc = pt_bad(err, path, "a result without its strategy or seed");
    }
  }
  cJSON_Delete(root);
  if (rc != 0) rep_sweep_part_free(out);
  return rc;
}

void rep_sweep_part_free(rep_sweep_part *p) {
  for (int i = 0; p->args && i < p->nargs; i++) free(p->args[i]);
  free(p->args);
  size_t cells = (size_t)p->count * (size_t)p->nstrategies;
  for (size_t i = 0; p->results && i < cells; i++) sim_result_free(&p->results[i]);
  free(p->results);
  free(p->summary);
  free(p->points);
  memset(p, 0, sizeof *p);
}

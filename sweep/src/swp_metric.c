/* swp_metric.c - the metrics a sweep reports: names, and reading one out of
 * a run's result and its summary. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "sweep/sweep.h"

static const char *const swp_metric_names[] = {
#define SWP_METRIC_NAME(id, name, label, seconds) name,
    SWP_METRICS(SWP_METRIC_NAME)
#undef SWP_METRIC_NAME
};
static const char *const swp_metric_labels[] = {
#define SWP_METRIC_LABEL(id, name, label, seconds) label,
    SWP_METRICS(SWP_METRIC_LABEL)
#undef SWP_METRIC_LABEL
};
static const int swp_metric_seconds[] = {
#define SWP_METRIC_SECONDS(id, name, label, seconds) seconds,
    SWP_METRICS(SWP_METRIC_SECONDS)
#undef SWP_METRIC_SECONDS
};

const char *swp_metric_name(swp_metric m) {
  return (unsigned)m < SWP_METRIC_COUNT ? swp_metric_names[m] : "?";
}
const char *swp_metric_label(swp_metric m) {
  return (unsigned)m < SWP_METRIC_COUNT ? swp_metric_labels[m] : "?";
}
int swp_metric_is_time(swp_metric m) {
  return (unsigned)m < SWP_METRIC_COUNT && swp_metric_seconds[m];
}

int swp_metric_parse(const char *name, swp_metric *out) {
  for (int m = 0; m < SWP_METRIC_COUNT; m++) {
    if (strcmp(name, swp_metric_names[m]) == 0) {
      *out = (swp_metric)m;
      return 0;
    }
  }
  return -1;
}

void swp_metric_list(char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int m = 0; m < SWP_METRIC_COUNT && len < size; m++)
    len += (size_t)snprintf(buf + len, size - len, "%s%s", m ? ", " : "", swp_metric_names[m]);
}

double swp_metric_value(swp_metric m, const sim_result *r, const rep_summary *s) {
  switch (m) {
  case SWP_METRIC_MAKESPAN:
    return sim_time_seconds(r->makespan);
  case SWP_METRIC_BUSY:
    return sim_time_seconds(r->busy);
  case SWP_METRIC_UTILIZATION:
    return r->utilization;
  case SWP_METRIC_SPEEDUP:
    /* No plain sync among the strategies: no speed-up, not a zero one. */
    return s && s->speedup > 0 ? s->speedup : NAN;
  case SWP_METRIC_COMPLETION_MEAN:
    return r->completion.mean;
  case SWP_METRIC_COMPLETION_P95:
    return r->completion.p95;
  case SWP_METRIC_RESPONSE_MEAN:
    return r->response.mean;
  case SWP_METRIC_RESPONSE_P95:
    return r->response.p95;
  case SWP_METRIC_RESPONSE_P99:
    return r->response.p99;
  case SWP_METRIC_THROUGHPUT:
    return r->throughput;
  case SWP_METRIC_IN_SYSTEM_MEAN:
    return r->in_system_mean;
  case SWP_METRIC_COUNT:
    break;
  }
  return 0;
}

double swp_metric_ci(swp_metric m, const rep_summary *s) {
  if (!s || s->runs < 2) return 0;
  switch (m) {
  case SWP_METRIC_MAKESPAN:
    return s->ci.makespan_s;
  case SWP_METRIC_BUSY:
    return s->ci.busy_s;
  case SWP_METRIC_UTILIZATION:
    return s->ci.utilization;
  case SWP_METRIC_SPEEDUP:
    return s->ci.speedup;
  case SWP_METRIC_COMPLETION_MEAN:
    return s->ci.completion_mean_s;
  case SWP_METRIC_RESPONSE_MEAN:
    return s->ci.response_mean_s;
  case SWP_METRIC_RESPONSE_P95:
    return s->ci.response_p95_s;
  case SWP_METRIC_THROUGHPUT:
    return s->ci.throughput_per_s;
  case SWP_METRIC_IN_SYSTEM_MEAN:
    return s->ci.in_system_mean;
  default:
    return 0; /* the summary keeps no interval for it */
  }
}

/* bench_explain.c - the cost of --explain: the critical path, bottleneck and
 * lints of the chess exhibition scaled up, against the run that recorded it.
 *
 * Usage: bench_explain [STRATEGY [BOARDS...]]   (default: async 100 1000 10000 100000)
 *
 * Each size runs in a fresh child so its peak memory (ru_maxrss) is its own.
 * Spans are on (explaining needs them): 2 spans a move under async (cpu,
 * wait) plus the ready waits. Figures go in the issue notes; no test times
 * anything.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench_sizes.h"

#include "sim/explain.h"

static int bench_one(const char *strategy, long boards) {
  scn_scenario scn;
  sim_error err;
  sim_strategy *s;
  if (bench_load(strategy, boards, &scn, &s) != 0) return 2;
  sim_result res;
  sim_run_opts opts = {.record_spans = 1};
  double t0 = now_s();
  int rc = sim_run(&scn, s, &opts, &res, &err);
  double t1 = now_s();
  exp_explain ex;
  if (rc == 0) rc = exp_explain_run(&scn, &res, NULL, &ex, &err);
  double t2 = now_s();
  if (rc != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return rc;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%-8s %7ld boards %10zu spans  run %7.3f s  explain %7.3f s  path %9zu spans  "
         "peak %7.1f MB  %s\n",
         strategy, boards, res.nspans, t1 - t0, t2 - t1, ex.npath, (double)ru.ru_maxrss / 1024.0,
         ex.bottleneck);
  exp_explain_free(&ex);
  sim_result_free(&res);
  sim_strategy_free(s);
  scn_free(&scn);
  return 0;
}

int main(int argc, char **argv) {
  static const long defaults[] = {100, 1000, 10000, 100000};
  return bench_sizes(argc, argv, defaults, 4, bench_one);
}

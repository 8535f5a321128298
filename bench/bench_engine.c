/* bench_engine.c - the engine on the chess exhibition scaled up.
 *
 * Usage: bench_engine [STRATEGY [BOARDS...]]   (default: async 1000 10000 100000 1000000)
 *
 * Each size runs in a fresh child process so that its peak memory (ru_maxrss)
 * is its own, not the largest so far. A move is one cpu step and one wait
 * step; 30 moves a board. Spans are off, as in `simul run` without --trace:
 * memory then grows with the number of boards, never with the number of events.
 * Figures go in the issue notes; no test times anything.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench_sizes.h"

#include "sim/run.h"

static int bench_one(const char *strategy, long boards) {
  double t0 = now_s();
  scn_scenario scn;
  sim_error err;
  sim_strategy *s;
  if (bench_load(strategy, boards, &scn, &s) != 0) return 2;
  sim_result res;
  sim_run_opts opts = {.record_spans = 0};
  double t1 = now_s();
  int rc = sim_run(&scn, s, &opts, &res, &err);
  double t2 = now_s();
  if (rc != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return rc;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double moves = (double)boards * scn.groups[0].repeat;
  printf("%-8s %9ld boards %11.0f moves  run %7.3f s  total %7.3f s  %6.2f M moves/s  %11.0f "
         "events  peak %6.1f MB  makespan %.0f s\n",
         strategy, boards, moves, t2 - t1, t2 - t0, moves / (t2 - t1) / 1e6, (double)res.events,
         (double)ru.ru_maxrss / 1024.0, sim_time_seconds(res.makespan));
  sim_result_free(&res);
  sim_strategy_free(s);
  scn_free(&scn);
  return 0;
}

int main(int argc, char **argv) {
  static const long defaults[] = {1000, 10000, 100000, 1000000};
  return bench_sizes(argc, argv, defaults, 4, bench_one);
}

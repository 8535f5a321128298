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

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/explain.h"

/* Monotonic seconds, for timing one phase. */
static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Loads chess with `boards` boards and parses `strategy`; returns 0, or 2
 * after printing why. */
static int bench_load(const char *strategy, long boards, scn_scenario *scn, sim_strategy **s) {
  char set[64];
  snprintf(set, sizeof set, "tasks.board.count=%ld", boards);
  const char *overrides[] = {set};
  sim_error err;
  if (scn_load("chess", overrides, 1, scn, &err) != 0 ||
      sim_strategy_parse(strategy, "bench", s, &err) != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return 2;
  }
  return 0;
}

/* Runs one(strategy, boards) for each BOARDS argument, or each of the
 * ndefaults defaults; returns main's exit status. */
static int bench_sizes(int argc, char **argv, const long *defaults, int ndefaults,
                       int (*one)(const char *strategy, long boards)) {
  const char *strategy = argc > 1 ? argv[1] : "async";
  int n = argc > 2 ? argc - 2 : ndefaults;
  for (int i = 0; i < n; i++) {
    long boards = argc > 2 ? strtol(argv[i + 2], NULL, 10) : defaults[i];
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
      int rc = one(strategy, boards);
      fflush(stdout);
      _exit(rc);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
      return 1;
  }
  return 0;
}

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

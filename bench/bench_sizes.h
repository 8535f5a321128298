/* bench_sizes.h - what the chess benchmarks share: a clock, and `BENCH
 * [STRATEGY [BOARDS...]]` with each size run in a fresh child process so
 * that its peak memory (ru_maxrss) is its own, not the largest so far. */
#ifndef BENCH_SIZES_H
#define BENCH_SIZES_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/run.h"

/* Monotonic seconds, for timing one phase. */
static inline double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Loads chess with `boards` boards and parses `strategy`; returns 0, or 2
 * after printing why. */
static inline int bench_load(const char *strategy, long boards, scn_scenario *scn,
                             sim_strategy **s) {
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
static inline int bench_sizes(int argc, char **argv, const long *defaults, int ndefaults,
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

#endif

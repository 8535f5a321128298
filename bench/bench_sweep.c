/* bench_sweep.c - `simul sweep --jobs N`: the speed-up from running points
 * and seeds on threads, and a check that every N gives the same numbers.
 *
 * Usage: bench_sweep [JOBS...]   (default: 1 2 4)
 *
 * The sweep is the web server under 2..19 arrivals a second, 8 seeds a
 * point, 10000 requests a run: 144 work items of three strategies each, many
 * more than threads, so the pool stays busy to the end. Wall time with
 * CLOCK_MONOTONIC, the best of BENCH_TRIES (the least disturbed by whatever
 * else the machine runs); cpu time beside it says how many cores the sweep
 * actually got, so a figure from a busy machine reads for what it is.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "sweep/sweep.h"

#define BENCH_TRIES 3

/* User + system cpu of the whole process so far: cpu / wall is how many
 * cores the sweep actually got, which on a shared machine is less than the
 * threads it started. */
static double cpu_s(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the sweep on `jobs` threads; *sum is a checksum of every cell. */
static int bench_one(int jobs, double *seconds, double *cpu, double *sum) {
  static const char *const sets[] = {"tasks.request.count=10000"};
  swp_spec spec = {.scenario = "webserver", .sets = sets, .nsets = 1, .runs = 8};
  sim_error err = {0};
  if (swp_axis_parse("tasks.request.arrivals.poisson=2..19", &spec.axes[0], &err) != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return 2;
  }
  spec.naxes = 1;
  swp_sweep sw;
  double t0 = now_s(), c0 = cpu_s();
  int rc = swp_prepare(&sw, &spec, &err);
  if (rc == 0) rc = swp_run(&sw, jobs, 1, 1, NULL, NULL, &err);
  *seconds = now_s() - t0;
  *cpu = cpu_s() - c0;
  if (rc != 0) fprintf(stderr, "%s\n", err.msg);
  *sum = 0;
  for (int i = 0; rc == 0 && i < sw.npoints * sw.nstrategies; i++)
    *sum += sw.mean[i].response.p95 + sw.mean[i].in_system_mean;
  swp_sweep_free(&sw);
  swp_axis_free(&spec.axes[0]);
  return rc;
}

int main(int argc, char **argv) {
  int jobs[16] = {1, 2, 4}, njobs = 3;
  if (argc > 1) {
    njobs = 0;
    for (int i = 1; i < argc && njobs < 16; i++) jobs[njobs++] = atoi(argv[i]);
  }
  printf("sweep: webserver, 18 rates x 8 seeds x 3 strategies, 10000 requests a run; "
         "%ld cores online\n",
         sysconf(_SC_NPROCESSORS_ONLN));
  printf("%6s %10s %10s %10s %s\n", "jobs", "wall s", "cpu s", "speed-up",
         "cores used   same numbers as --jobs 1");
  double base = 0, base_sum = 0;
  for (int i = 0; i < njobs; i++) {
    double t = 0, cpu = 0, sum = 0;
    for (int k = 0; k < BENCH_TRIES; k++) {
      double tk, ck, sk;
      if (jobs[i] < 1 || bench_one(jobs[i], &tk, &ck, &sk) != 0) return 1;
      if (k > 0 && sk != sum) {
        fprintf(stderr, "bench_sweep: --jobs %d gave two different answers\n", jobs[i]);
        return 1;
      }
      if (k == 0 || tk < t) t = tk, cpu = ck;
      sum = sk;
    }
    if (i == 0) {
      base = t;
      base_sum = sum;
    }
    printf("%6d %10.2f %10.2f %9.2fx %10.2f %s\n", jobs[i], t, cpu, base / t, cpu / t,
           sum == base_sum ? "yes" : "NO");
    fflush(stdout);
  }
  return 0;
}

/* bench_table.c - `make bench`: simul against the hand-written limit, one table.
 *
 * Usage: bench_table [--runs N] [--max-boards N] [--startup-runs N] [--simul PATH]
 *
 * Everything is timed as a whole process (fork, exec, wait4), the way a user
 * meets it: start-up, loading the scenario, the run, the report. Peak memory
 * is the child's own ru_maxrss. Each figure is the median of N runs; simul
 * and the reference (ref_chess, bench/ref_chess.c) run back to back in each
 * round, in alternating order, and the ratio is the median of the per-round
 * ratios, so a noisy neighbour slows both sides of a pair rather than one
 * side of the table. Before timing, each size's outputs are compared: simul
 * and the reference must agree on the makespan, busy time, p95 end, switches
 * and event count, or the comparison would be of two different programs.
 *
 * Sections: chess async at 1k..1M boards; start-up (the default `simul run
 * chess` against ref_chess 24 and a program that does nothing, with the
 * shared libraries each loads); events per second for each strategy on chess;
 * the open workload (webserver, 10^6 requests). Figures go in
 * docs/performance.md; no test times anything.
 */
#define _DEFAULT_SOURCE /* wait4: the child's own rusage */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef BENCH_SIMUL
#error "BENCH_SIMUL (the simul binary) is set by bench/CMakeLists.txt"
#endif

/* The simul measured: the one built beside this program, or --simul PATH
 * (an older build, to compare commits on the same machine and minute). */
static char *simul_bin = BENCH_SIMUL;

enum { MAX_RUNS = 101, MAX_OUT = 1 << 16 };

typedef struct proc_run {
  double wall;    /* seconds, fork to reaped */
  double peak_mb; /* ru_maxrss */
  char out[MAX_OUT];
  size_t outlen;
} proc_run;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs argv (found on PATH when it has no '/') to completion with file
 * descriptor `fd` (1 or 2) captured, the other passed through; `env` (may be
 * NULL) is one extra NAME=VALUE. Returns the exit status, -1 when it could
 * not run. */
static int run_fd(char *const argv[], const char *env, int fd, proc_run *r) {
  FILE *tmp = tmpfile();
  if (!tmp) return -1;
  fflush(stdout);
  double t0 = now_s();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fileno(tmp), fd);
    if (fd == 2) freopen("/dev/null", "w", stdout); /* only stderr is wanted */
    if (env) putenv((char *)env);                   /* the child's copy of the environment */
    execvp(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  struct rusage ru;
  if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
    fclose(tmp);
    return -1;
  }
  r->wall = now_s() - t0;
  r->peak_mb = (double)ru.ru_maxrss / 1024.0;
  rewind(tmp);
  r->outlen = fread(r->out, 1, sizeof r->out - 1, tmp);
  r->out[r->outlen] = 0;
  fclose(tmp);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int run_proc(char *const argv[], const char *env, proc_run *r) {
  return run_fd(argv, env, 1, r);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* --- what a run printed -------------------------------------------------- */

typedef struct figures {
  double v[10]; /* in fig_names order; times in seconds */
} figures;

static const char *const fig_names[10] = {"makespan",   "busy",     "switches", "events",
                                          "end mean",   "end p50",  "end p95",  "end max",
                                          "ready mean", "ready max"};

static double json_num(cJSON *o, const char *key) {
  return cJSON_GetNumberValue(cJSON_GetObjectItem(o, key));
}

/* simul's --format json, first result. */
static int simul_figures(const char *json, figures *f) {
  cJSON *root = cJSON_Parse(json);
  cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "results"), 0);
  cJSON *c = cJSON_GetObjectItem(r, "completion_s"), *w = cJSON_GetObjectItem(r, "ready_wait_s");
  int ok = r && c && w;
  if (ok)
    *f = (figures){{json_num(r, "makespan_s"), json_num(r, "busy_s"), json_num(r, "switches"),
                    json_num(r, "events"), json_num(c, "mean"), json_num(c, "p50"),
                    json_num(c, "p95"), json_num(c, "max"), json_num(w, "mean"),
                    json_num(w, "max")}};
  cJSON_Delete(root);
  return ok ? 0 : -1;
}

/* ref_chess's one line (see ref_chess.c), microseconds. */
static int ref_figures(const char *line, figures *f) {
  double *v = f->v;
  if (sscanf(line, "%lf %lf %lf %lf %lf %lf %lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3], &v[4],
             &v[5], &v[6], &v[7], &v[8], &v[9]) != 10)
    return -1;
  for (int i = 0; i < 10; i++)
    if (i != 2 && i != 3) v[i] /= 1e6;
  return 0;
}

/* Means are printed rounded (simul's JSON to 17 digits, ref's to 1 ns):
 * agree to a part in 10^9; everything else exactly. */
static int figures_agree(const figures *a, const figures *b) {
  for (int i = 0; i < 10; i++) {
    double x = a->v[i], y = b->v[i];
    double tol = (i == 4 || i == 8) ? 1e-9 * (x > 0 ? x : -x) : 0;
    if (x - y > tol || y - x > tol) return 0;
  }
  return 1;
}

static void figures_print(const char *who, const figures *f) {
  fprintf(stderr, "  %-5s", who);
  for (int i = 0; i < 10; i++) fprintf(stderr, " %s %.6g", fig_names[i], f->v[i]);
  fputc('\n', stderr);
}

/* --- the sections ---------------------------------------------------------- */

static int runs = 5, startup_runs = 31;
static long max_boards = 1000000;

static void set_arg(char *buf, size_t size, const char *key, long value) {
  snprintf(buf, size, "%s=%ld", key, value);
}

static int chess_sizes(void) {
  printf("chess exhibition, async, 30 moves a board; whole process, median of %d paired runs\n",
         runs);
  printf("%9s | %8s %8s %7s | %8s %7s %7s | %9s\n", "", "wall s", "", "", "peak MB", "", "",
         "simul");
  printf("%9s | %8s %8s %7s | %8s %7s %7s | %9s\n", "boards", "simul", "ref", "ratio", "simul",
         "ref", "ratio", "events/s");
  for (long boards = 1000; boards <= max_boards; boards *= 10) {
    char set[64], nb[32];
    set_arg(set, sizeof set, "tasks.board.count", boards);
    snprintf(nb, sizeof nb, "%ld", boards);
    char *simul[] = {simul_bin, "run",      "chess", "--strategy",    "async", "--set",
                     set,       "--format", "json",  "--no-progress", NULL};
    char *ref[] = {BENCH_REF, nb, NULL};
    double sw[MAX_RUNS], rw[MAX_RUNS], ratio[MAX_RUNS], sm[MAX_RUNS], rm[MAX_RUNS];
    figures fs = {0}, fr = {0};
    static proc_run a, b;
    for (int i = 0; i < runs; i++) {
      int rc1, rc2;
      if (i % 2 == 0) {
        rc1 = run_proc(simul, NULL, &a);
        rc2 = run_proc(ref, NULL, &b);
      } else {
        rc2 = run_proc(ref, NULL, &b);
        rc1 = run_proc(simul, NULL, &a);
      }
      if (rc1 != 0 || rc2 != 0 || simul_figures(a.out, &fs) != 0 || ref_figures(b.out, &fr) != 0) {
        fprintf(stderr, "bench_table: %ld boards: a run failed (simul %d, ref %d)\n", boards, rc1,
                rc2);
        return 1;
      }
      if (!figures_agree(&fs, &fr)) {
        fprintf(stderr, "bench_table: %ld boards: simul and the reference disagree:\n", boards);
        figures_print("simul", &fs);
        figures_print("ref", &fr);
        return 1;
      }
      sw[i] = a.wall;
      rw[i] = b.wall;
      ratio[i] = a.wall / b.wall;
      sm[i] = a.peak_mb;
      rm[i] = b.peak_mb;
    }
    double msw = median(sw, runs), msm = median(sm, runs), mrm = median(rm, runs);
    printf("%9ld | %8.3f %8.3f %6.2fx | %8.1f %7.1f %6.2fx | %9.3g\n", boards, msw,
           median(rw, runs), median(ratio, runs), msm, mrm, msm / mrm, fs.v[3] / msw);
  }
  return 0;
}

/* The shared objects a program loads: what ld.so lists with
 * LD_TRACE_LOADED_OBJECTS (ldd's own mechanism), the vDSO not counted. */
static int count_libs(char *const argv[]) {
  static proc_run r;
  if (run_proc(argv, "LD_TRACE_LOADED_OBJECTS=1", &r) != 0) return -1;
  int n = 0;
  for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"))
    if (!strstr(line, "linux-vdso")) n++;
  return n;
}

static int startup(void) {
  char *simul[] = {simul_bin, "run", "chess", NULL};
  char *ref[] = {BENCH_REF, "24", NULL};
  char *noop[] = {BENCH_NOOP, NULL};
  char *const *progs[] = {noop, ref, simul};
  const char *names[] = {"a C program that does nothing", "ref_chess 24",
                         "simul run chess (sync + async)"};
  double w[3][MAX_RUNS], m[3][MAX_RUNS];
  static proc_run r;
  for (int i = 0; i < startup_runs; i++)
    for (int p = 0; p < 3; p++) {
      int k = (p + i) % 3; /* rotate the order each round */
      if (run_proc(progs[k], NULL, &r) != 0) {
        fprintf(stderr, "bench_table: start-up: %s failed\n", names[k]);
        return 1;
      }
      w[k][i] = r.wall;
      m[k][i] = r.peak_mb;
    }
  printf("\nstart-up: 24 boards, whole process, median of %d runs\n", startup_runs);
  printf("%-32s %9s %9s %9s %6s\n", "program", "ms", "x noop", "peak MB", "libs");
  double base = 0;
  for (int p = 0; p < 3; p++) {
    double ms = median(w[p], startup_runs) * 1e3;
    if (p == 0) base = ms;
    printf("%-32s %9.2f %8.2fx %9.1f %6d\n", names[p], ms, ms / base, median(m[p], startup_runs),
           count_libs(progs[p]));
  }
  return 0;
}

/* One simul run's events per second: events / whole-process wall time. */
static int events_row(const char *label, char *const argv[]) {
  double w[MAX_RUNS], m[MAX_RUNS];
  figures f = {0};
  static proc_run r;
  for (int i = 0; i < runs; i++) {
    if (run_proc(argv, NULL, &r) != 0 || simul_figures(r.out, &f) != 0) {
      fprintf(stderr, "bench_table: %s failed\n", label);
      return 1;
    }
    w[i] = r.wall;
    m[i] = r.peak_mb;
  }
  double mw = median(w, runs);
  printf("%-44s %12.0f %9.3f %12.3g %9.1f\n", label, f.v[3], mw, f.v[3] / mw, median(m, runs));
  return 0;
}

static int strategies(void) {
  printf("\nevents per second by strategy; whole process, median of %d runs\n", runs);
  printf("%-44s %12s %9s %12s %9s\n", "run", "events", "s", "events/s", "peak MB");
  static const struct {
    const char *label, *strategy, *set;
  } rows[] = {
      {"chess sync, 100000 boards", "sync", "tasks.board.count=100000"},
      {"chess async, 100000 boards", "async", "tasks.board.count=100000"},
      {"chess threads (GIL, 5 ms slices), 1000 boards", "threads", "tasks.board.count=1000"},
      {"chess processes=4, 100000 boards", "processes:processes=4", "tasks.board.count=100000"},
      {"chess queue workers=4, 100000 boards", "queue:workers=4", "tasks.board.count=100000"},
      {"webserver async, 10^6 requests (open)", "async", "tasks.request.count=1000000"},
      {"webserver threads=8, 10^6 requests (open)", "threads:threads=8",
       "tasks.request.count=1000000"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const char *scn = strncmp(rows[i].label, "webserver", 9) == 0 ? "webserver" : "chess";
    char *argv[] = {simul_bin,
                    "run",
                    (char *)scn,
                    "--strategy",
                    (char *)rows[i].strategy,
                    "--set",
                    (char *)rows[i].set,
                    "--format",
                    "json",
                    "--no-progress",
                    NULL};
    if (events_row(rows[i].label, argv) != 0) return 1;
  }
  return 0;
}

/* Instructions executed, whole process, as callgrind counts them: unlike
 * time, the same on a busy machine as on an idle one. -1 without valgrind. */
static double instructions(char *const argv[]) {
  char *vg[16] = {"valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"};
  int n = 3;
  for (int i = 0; argv[i] && n < 15; i++) vg[n++] = argv[i];
  vg[n] = NULL;
  static proc_run r;
  if (run_fd(vg, NULL, 2, &r) != 0) return -1;
  const char *at = strstr(r.out, "Collected : ");
  return at ? strtod(at + 12, NULL) : -1;
}

static int instruction_counts(void) {
  char *simul10k[] = {
      simul_bin,  "run",  "chess", "--strategy", "async", "--set", "tasks.board.count=10000",
      "--format", "json", NULL};
  char *ref10k[] = {BENCH_REF, "10000", NULL};
  char *simul[] = {simul_bin, "run", "chess", NULL};
  char *ref[] = {BENCH_REF, "24", NULL};
  char *noop[] = {BENCH_NOOP, NULL};
  double a = instructions(simul10k), b = instructions(ref10k);
  if (a < 0 || b < 0) {
    printf("\ninstructions: valgrind not found, skipped\n");
    return 0;
  }
  double c = instructions(simul), d = instructions(ref), z = instructions(noop);
  printf("\ninstructions executed (callgrind; exact, unlike the times above)\n");
  printf("%-44s %14s %14s %7s\n", "run", "simul", "ref", "ratio");
  printf("%-44s %14.0f %14.0f %6.2fx\n", "chess async, 10000 boards", a, b, a / b);
  printf("%-44s %14.0f %14.0f %6.2fx\n", "start-up: simul run chess / ref_chess 24", c, d, c / d);
  printf("%-44s %14.0f\n", "a C program that does nothing", z);
  return 0;
}

static long arg_long(const char *s, long lo, long hi) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < lo || v > hi) {
    fprintf(stderr, "bench_table: error: expected a number from %ld to %ld, not '%s'\n", lo, hi, s);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = (int)arg_long(argv[++i], 1, MAX_RUNS);
    else if (strcmp(argv[i], "--startup-runs") == 0 && i + 1 < argc)
      startup_runs = (int)arg_long(argv[++i], 1, MAX_RUNS);
    else if (strcmp(argv[i], "--simul") == 0 && i + 1 < argc)
      simul_bin = argv[++i];
    else if (strcmp(argv[i], "--max-boards") == 0 && i + 1 < argc)
      max_boards = arg_long(argv[++i], 1000, 100000000);
    else {
      fputs("usage: bench_table [--runs N] [--startup-runs N] [--max-boards N] [--simul PATH]\n",
            stderr);
      return 2;
    }
  }
  if (chess_sizes() != 0 || startup() != 0 || instruction_counts() != 0 || strategies() != 0)
    return 1;
  return 0;
}

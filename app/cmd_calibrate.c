/* cmd_calibrate.c - `simul calibrate -o profile.yaml`: measure CPython's costs
 * on this machine with the script shipped beside simul (app/calibrate.py,
 * python3 and its standard library only) and write them as a profile.
 *
 * The script is looked up, in order: $SIMUL_CALIBRATE_SCRIPT; calibrate.py
 * next to the simul binary (the build copies it there); ../share/simul/ from
 * the binary (an installed simul); the source tree simul was built from. We
 * run it rather than measure in C because the costs are Python's own: the
 * event loop, the GIL, the interpreter's memory.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"

static const char calibrate_help[] =
    "usage: simul calibrate [-o FILE] [--quick] [--python PYTHON]\n"
    "\n"
    "Measures CPython's fixed costs on this machine (the event loop's timer\n"
    "rounding and wake-up, a trip through the ready queue, time.sleep's lateness,\n"
    "a cpu step's overrun, thread and process start-up, the memory of a task, a\n"
    "thread and a process) and writes them as a profile for --profile.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE  the profile to write (default: standard output)\n"
    "  --quick            fewer trials: a rougher profile in about a second\n"
    "  --python PYTHON    the interpreter to measure (default: python3)\n"
    "  -h, --help         show this help\n"
    "\n"
    "exit status: 0 ok, 1 the script failed, 2 bad usage or no script/python\n";

static int readable(const char *path) {
  return access(path, R_OK) == 0;
}

/* Fills `out` with the script's path; returns 0, or -1 when none is found. */
static int find_script(char *out, size_t size) {
  const char *env = getenv("SIMUL_CALIBRATE_SCRIPT");
  if (env && *env) {
    snprintf(out, size, "%s", env);
    return readable(out) ? 0 : -1;
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      snprintf(out, size, "%s/calibrate.py", exe);
      if (readable(out)) return 0;
      snprintf(out, size, "%s/../share/simul/calibrate.py", exe);
      if (readable(out)) return 0;
    }
  }
#ifdef SIMUL_SOURCE_DIR
  snprintf(out, size, "%s/app/calibrate.py", SIMUL_SOURCE_DIR);
  if (readable(out)) return 0;
#endif
  return -1;
}

/* Runs `python script ...` and maps its end to our exit status: 127 (the
 * child could not exec python) is bad usage, any other failure a failed run. */
static int run_script(const char *python, char *const args[], const char *script) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "simul calibrate: error: cannot start %s: %s\n", python, strerror(errno));
    return APP_FAIL;
  }
  if (pid == 0) {
    execvp(python, args);
    fprintf(stderr, "simul calibrate: error: cannot run %s: %s\n", python, strerror(errno));
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return APP_FAIL;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return APP_USAGE;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "simul calibrate: error: %s failed\n", script);
    return APP_FAIL;
  }
  return APP_OK;
}

int cmd_calibrate(int argc, char **argv) {
  static const struct option longs[] = {{"output", required_argument, NULL, 'o'},
                                        {"quick", no_argument, NULL, 'q'},
                                        {"python", required_argument, NULL, 'p'},
                                        {"help", no_argument, NULL, 'h'},
                                        {NULL, 0, NULL, 0}};
  const char *output = NULL, *python = "python3";
  int quick = 0;
  optind = 0;
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, ":o:h", longs, NULL)) != -1;) {
    switch (c) {
    case 'o':
      output = optarg;
      break;
    case 'q':
      quick = 1;
      break;
    case 'p':
      python = optarg;
      break;
    case 'h':
      fputs(calibrate_help, stdout);
      return APP_OK;
    case ':':
      fprintf(stderr, "simul calibrate: error: option '%s' needs a value\n", argv[optind - 1]);
      return APP_USAGE;
    default:
      fprintf(stderr,
              "simul calibrate: error: unknown option '%s' (try 'simul calibrate --help')\n",
              argv[optind - 1]);
      return APP_USAGE;
    }
  }
  if (optind < argc) {
    fprintf(stderr, "simul calibrate: error: unexpected argument '%s'\n", argv[optind]);
    return APP_USAGE;
  }
  char script[PATH_MAX + 64];
  if (find_script(script, sizeof script) != 0) {
    fprintf(stderr, "simul calibrate: error: cannot find calibrate.py (looked beside simul, in "
                    "../share/simul and in the source tree; set SIMUL_CALIBRATE_SCRIPT)\n");
    return APP_USAGE;
  }
  char *args[8];
  int k = 0;
  args[k++] = (char *)python;
  args[k++] = script;
  if (output) {
    args[k++] = "-o";
    args[k++] = (char *)output;
  }
  if (quick) args[k++] = "--quick";
  args[k] = NULL;
  return run_script(python, args, script);
}

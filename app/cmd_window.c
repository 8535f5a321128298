/* cmd_window.c - `simul view` and `simul render` in the batch program.
 *
 * The window (SDL2, SDL2_ttf, SDL2_image, fontconfig and what they pull in:
 * some seventy shared objects) lives in a program of its own, simul-window,
 * so that `simul run` loads none of it: relocating those libraries took
 * ten times longer than a small run itself. These commands hand their
 * arguments to simul-window unchanged; it prints the same messages and exits
 * with the same statuses as if it were simul. The alternative rejected was
 * dlopen()ing the window as a module: the same start-up, but a plugin ABI to
 * keep and ASan reports that lose their symbols at dlclose.
 *
 * simul-window is looked for beside the running simul (the build tree, or a
 * copy of both anywhere), then where `cmake --install` puts it
 * (SIMUL_WINDOW_INSTALLED, PREFIX/libexec/simul/simul-window).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
#endif

#include "cli.h"
#include "commands.h"

#ifdef SIMUL_WINDOW

enum { WIN_PATH_MAX = 4096 };

/* Fills path with simul-window's location; returns 0, or -1 with the places
 * looked at in `looked` when there is none. */
static int window_find(char *path, size_t size, char *looked, size_t lsize) {
  return cli_find_beside("simul-window", SIMUL_WINDOW_INSTALLED, X_OK, path, size, looked, lsize);
}

/* Execs simul-window with `simul`'s arguments from argv[0] (the command)
 * on; returns only when that fails. */
static int window_exec(int argc, char **argv) {
  char path[WIN_PATH_MAX], looked[2 * WIN_PATH_MAX + 8];
  if (window_find(path, sizeof path, looked, sizeof looked) != 0) {
    fprintf(stderr, "simul %s: error: the window program simul-window is missing (looked for %s)\n",
            argv[0], looked);
    return APP_FAIL;
  }
  char **args = malloc((size_t)(argc + 2) * sizeof *args);
  if (!args) return APP_FAIL;
  args[0] = path;
  memcpy(args + 1, argv, (size_t)argc * sizeof *argv);
  args[argc + 1] = NULL;
  fflush(NULL);
  execv(path, args);
  fprintf(stderr, "simul %s: error: cannot run %s: %s\n", argv[0], path, strerror(errno));
  free(args);
  return APP_FAIL;
}

int cmd_window(int argc, char **argv) {
  return window_exec(argc, argv);
}

int cmd_window_wait(int argc, char **argv) {
  fflush(NULL);
  pid_t pid = fork();
  /* A window program that cannot start is "no window": the caller falls back. */
  if (pid == 0) {
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM); /* a killed simul takes its window with it */
#endif
    _exit(window_exec(argc, argv) ? APP_NO_DISPLAY : APP_OK);
  }
  int status = 0;
  while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (pid < 0) return APP_NO_DISPLAY;
  return WIFEXITED(status) ? WEXITSTATUS(status) : APP_FAIL;
}

#else

int cmd_window(int argc, char **argv) {
  (void)argc;
  char cmd[64];
  snprintf(cmd, sizeof cmd, "simul %s", argv[0]);
  /* view exits as when there is no display, render as a failed frame. */
  return cli_no_window(cmd, strcmp(argv[0], "view") == 0 ? APP_NO_DISPLAY : APP_FAIL);
}

int cmd_window_wait(int argc, char **argv) {
  return cmd_window(argc, argv);
}

#endif

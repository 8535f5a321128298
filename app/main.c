/* main.c - `simul`: dispatches to a subcommand (app/cmd_*.c).
 *
 * With no arguments simul runs its default job, the chess exhibition: in the
 * window when it was built with one and a display is there, else as the
 * timing table, so the first thing anyone sees is the point of the program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

#ifndef SIMUL_VERSION
#define SIMUL_VERSION "unknown"
#endif

typedef struct main_command {
  const char *name;
  int (*fn)(int argc, char **argv);
  const char *summary;
} main_command;

static const main_command main_commands[] = {
    {"run", cmd_run, "run a scenario headless and print the timings"},
    {"view", cmd_window, "open the window on a scenario"},
    {"render", cmd_window, "draw one frame of the window to a PNG, no display needed"},
    {"sweep", cmd_sweep, "run a scenario over a range of values: the knee, bounds, a plot"},
    {"merge", cmd_merge, "combine the parts of a sharded sweep into the whole"},
    {"check", cmd_check, "validate scenario files; prints nothing on success"},
    {"list", cmd_list, "the built-in scenarios and the strategies"},
    {"calibrate", cmd_calibrate, "measure CPython's costs on this machine; write a profile"},
};
enum { MAIN_NCOMMANDS = sizeof main_commands / sizeof main_commands[0] };

static void main_usage(FILE *f) {
  fputs("usage: simul [COMMAND] [ARGS]\n"
        "\n"
        "simul simulates scheduling strategies (sync, async, threads, ...) on a\n"
        "workload and shows where the time goes. With no command it plays the chess\n"
        "exhibition: one master, 24 boards, sync against async.\n"
        "\n"
        "commands:\n",
        f);
  for (int i = 0; i < MAIN_NCOMMANDS; i++)
    fprintf(f, "  %-9s %s\n", main_commands[i].name, main_commands[i].summary);
  fputs("  help      help [COMMAND]: this text, or a command's options\n"
        "\n"
        "examples:\n"
        "  simul run chess\n"
        "  simul run laundry --strategy sync,async --tasks\n"
        "  simul run chess --format json --trace chess.json   # open in ui.perfetto.dev\n"
        "  simul sweep chess --vary tasks.board.count=1..48 --plot chess.png\n"
        "\n"
        "  --version     print the version\n"
        "  -h, --help    show this help\n",
        f);
}

static const main_command *main_find(const char *name) {
  for (int i = 0; i < MAIN_NCOMMANDS; i++)
    if (strcmp(main_commands[i].name, name) == 0) return &main_commands[i];
  return NULL;
}

/* The chess exhibition: the window when possible, the table otherwise. */
static int main_default_job(void) {
#ifdef SIMUL_WINDOW
  const char *x11 = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
  if ((x11 && *x11) || (wayland && *wayland)) {
    char *view_argv[] = {"view", "chess", NULL};
    int rc = cmd_window_wait(2, view_argv);
    if (rc != APP_NO_DISPLAY) return rc;
  }
#endif
  char *run_argv[] = {"run", "chess", NULL};
  return cmd_run(2, run_argv);
}

int main(int argc, char **argv) {
  if (argc < 2) return main_default_job();
  const char *cmd = argv[1];
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("simul %s\n", SIMUL_VERSION);
    return APP_OK;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
    main_usage(stdout);
    return APP_OK;
  }
  if (strcmp(cmd, "help") == 0) {
    if (argc < 3) {
      main_usage(stdout);
      return APP_OK;
    }
    const main_command *c = main_find(argv[2]);
    if (!c) {
      fprintf(stderr, "simul help: error: unknown command '%s' (try 'simul help')\n", argv[2]);
      return APP_USAGE;
    }
    char *help_argv[] = {argv[2], "--help", NULL};
    return c->fn(2, help_argv);
  }
  const main_command *c = main_find(cmd);
  if (!c) {
    fprintf(stderr, "simul: error: unknown command '%s' (try 'simul help')\n", cmd);
    return APP_USAGE;
  }
  return c->fn(argc - 1, argv + 1);
}

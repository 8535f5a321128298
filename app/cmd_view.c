/* cmd_view.c - `simul view SCENARIO`: the window (render/).
 *
 * Runs every strategy once with spans recorded, then hands the record to the
 * window, which plays it back: scrubbing and stepping never re-simulate.
 * Returns APP_NO_DISPLAY when no window can be opened (or the build has
 * none), so `simul` with no arguments falls back to the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

#include "cli_window.h"
#include "render/render.h"

enum { VIEW_OPT_SPEED = CLI_OPT_USER, VIEW_OPT_PAUSED, VIEW_OPT_SIZE };

static const char view_help[] =
    "usage: simul view SCENARIO [options]\n"
    "\n"
    "Opens a window that plays SCENARIO (a built-in name such as chess or laundry,\n"
    "or a YAML file) under each strategy, stacked on one shared clock: a tile per\n"
    "task coloured by its state, a Gantt row per task and per worker, and each\n"
    "strategy's clock, tasks done, makespan and speed-up over sync.\n"
    "\n"
    "options:\n"
    "  --speed X         playback speed in simulated seconds per real second,\n"
    "                    0.01 to 100000 (default: the shortest run lasts about\n"
    "                    25 s, e.g. 150x for chess, 0.12x for webpage)\n"
    "  --paused          open paused at 0:00:00\n"
    "  --size WxH        the window's size (default 1280x760)\n" CLI_WINDOW_LIMITS_HELP
        CLI_SCENARIO_OPTIONS_HELP "\n"
    "In the window press h for every key: space plays and pauses, arrows step\n"
    "through events and change the speed, s saves a PNG, q quits.\n"
    "\n"
    "exit status: 0 ok, 1 a run failed, 2 bad usage or input (or no font),\n"
    "3 no display to open a window on\n";

typedef struct view_cli {
  const cli_args *args;
  rnd_view_opts opts;
  cli_limits limits;
} view_cli;

/* "1280x720" -> 0; anything else -> -1. */
static int view_parse_size(const char *s, int *w, int *h) {
  char *end;
  long a = strtol(s, &end, 10);
  if (end == s || (*end != 'x' && *end != 'X')) return -1;
  const char *p = end + 1;
  long b = strtol(p, &end, 10);
  if (end == p || *end || a < 64 || b < 64 || a > 16384 || b > 16384) return -1;
  *w = (int)a;
  *h = (int)b;
  return 0;
}

static int view_option(void *ctx, int opt, const char *arg) {
  view_cli *o = ctx;
  char *end;
  switch (opt) {
  case VIEW_OPT_SPEED:
    o->opts.speed = strtod(arg, &end);
    if (end == arg || (*end && strcmp(end, "x") != 0) || !(o->opts.speed >= 0.01) ||
        o->opts.speed > 100000)
      return cli_usage_error(o->args, 0, "--speed expects a number from 0.01 to 100000, not '%s'",
                             arg);
    return 0;
  case VIEW_OPT_PAUSED:
    o->opts.paused = 1;
    return 0;
  case VIEW_OPT_SIZE:
    if (view_parse_size(arg, &o->opts.width, &o->opts.height) != 0)
      return cli_usage_error(o->args, 0,
                             "--size expects WxH (64 to 16384), e.g. 1280x720, not '%s'", arg);
    return 0;
  default:
    return cli_limits_option(&o->limits, o->args, opt, arg);
  }
}

/* No display: say so before minutes of simulation, not after. */
static int view_preflight(const cli_args *a) {
  sim_error err = {0};
  if (rnd_view_probe(&err) == 0) return 0;
  fprintf(stderr, "%s: %s\n", a->cmd, err.msg);
  return APP_NO_DISPLAY;
}

static int view_show(const trk_set *set, void *ctx, sim_error *err) {
  return rnd_view_main(set, &((const view_cli *)ctx)->opts, err);
}

int cmd_view(int argc, char **argv) {
  static const struct option longs[] = {
      {"speed", required_argument, NULL, VIEW_OPT_SPEED},
      {"paused", no_argument, NULL, VIEW_OPT_PAUSED},
      {"size", required_argument, NULL, VIEW_OPT_SIZE},
      CLI_WINDOW_LIMITS_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  cli_args a;
  view_cli o;
  memset(&o, 0, sizeof o);
  o.args = &a;
  o.limits = (cli_limits)CLI_LIMITS_INIT;
  int rc;
  if (cli_begin(&a, "simul view", argc, argv, longs, NULL, view_option, &o, view_help, &rc))
    return rc;
  rc = cli_window_job(&a, "the window", &o.limits, view_preflight, view_show, &o);
  cli_args_free(&a);
  return rc;
}

/* cmd_render.c - `simul render SCENARIO -o F.png`: the window's frame at one
 * instant, drawn to a PNG with SDL's software renderer. No display, no GPU:
 * it works on a server, in CI and for the docs' screenshots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_out.h"
#include "commands.h"
#include "sim/sim_number.h"

#include "cli_window.h"
#include "render/render.h"
#include "sim/sim_time.h"

enum {
  RENDER_OPT_AT = CLI_OPT_USER,
  RENDER_OPT_SIZE,
  RENDER_OPT_SCALE,
  RENDER_OPT_POINTER,
  RENDER_OPT_KEYS,
  RENDER_OPT_WINDOW,
  RENDER_OPT_SELECT,
  RENDER_OPT_PANEL
};

static const char render_help[] =
    "usage: simul render SCENARIO -o FILE.png [options]\n"
    "\n"
    "Draws what `simul view SCENARIO` shows at one instant, paused, to a PNG. Needs\n"
    "no display.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE  the PNG to write (required)\n"
    "  --at TIME          the playhead, e.g. 2.5s, 30min, 1h (default: half the\n"
    "                     shortest run, mid-race); clamped to the longest run\n"
    "  --size WxH         the image's size in pixels (default 1280x720)\n"
    "  --scale S          UI scale (default: grows with the size, 1 at 1280x720,\n"
    "                     3 at 3840x2160)\n"
    "  --pointer X,Y      draw what hovering the pointer at pixel (X,Y) shows: the\n"
    "                     span or tile outlined and its tooltip\n"
    "  --window A..B      the time range the timelines show, as after zooming\n"
    "                     (e.g. 0..12h, 30min..1h); `all` is the Fit view\n"
    "  --select TASK      select a task, as a click on its tile does: its number\n"
    "                     (1 is the first) or its name (\"board 3\")\n"
    "  --panel            draw the event-loop panel (as after pressing e) for the\n"
    "                     strategy under --pointer, else the first\n"
    "  --keys             draw the key overlay, as after pressing h\n" CLI_WINDOW_LIMITS_HELP
        CLI_SCENARIO_OPTIONS_HELP "\n"
    "exit status: 0 ok, 1 a run failed or the file cannot be written, 2 bad usage\n"
    "or input (or no font)\n";

typedef struct render_cli {
  const cli_args *args;
  const char *out;
  const char *select; /* --select, resolved once the scenario is loaded */
  rnd_image_opts opts;
  cli_limits limits;
} render_cli;

/* "START..END" (two durations, END after START) or "all". */
static int render_window(render_cli *o, const char *arg) {
  if (strcmp(arg, "all") == 0) {
    o->opts.window = 2;
    return 0;
  }
  const char *dots = strstr(arg, "..");
  char start[64];
  const char *why = NULL;
  if (!dots || (size_t)(dots - arg) >= sizeof start)
    return cli_usage_error(o->args, 0, "--window expects START..END (e.g. 0..12h) or all, not '%s'",
                           arg);
  memcpy(start, arg, (size_t)(dots - arg));
  start[dots - arg] = 0;
  if (sim_time_parse_duration(start, &o->opts.win_start, &why) != 0 ||
      sim_time_parse_duration(dots + 2, &o->opts.win_end, &why) != 0)
    return cli_usage_error(o->args, 0, "--window: %s in '%s' (e.g. 0..12h, 30min..1h)",
                           why ? why : "not a time", arg);
  if (o->opts.win_end <= o->opts.win_start)
    return cli_usage_error(o->args, 0, "--window: the end must come after the start in '%s'", arg);
  o->opts.window = 1;
  return 0;
}

static int render_option(void *ctx, int opt, const char *arg) {
  render_cli *o = ctx;
  char *end;
  const char *why = NULL;
  switch (opt) {
  case 'o':
    if (!*arg) return cli_usage_error(o->args, 0, "-o needs a file name");
    o->out = arg;
    return 0;
  case RENDER_OPT_AT:
    if (sim_time_parse_duration(arg, &o->opts.at, &why) != 0)
      return cli_usage_error(o->args, 0, "--at: %s in '%s' (e.g. 2.5s, 30min, 1h)",
                             why ? why : "not a time", arg);
    return 0;
  case RENDER_OPT_SIZE: {
    long w = strtol(arg, &end, 10), h = 0;
    if (end != arg && (*end == 'x' || *end == 'X')) {
      const char *p = end + 1;
      h = strtol(p, &end, 10);
      if (end == p) h = 0;
    }
    if (*end || w < 64 || h < 64 || w > 16384 || h > 16384)
      return cli_usage_error(o->args, 0,
                             "--size expects WxH (64 to 16384), e.g. 1280x720, not '%s'", arg);
    o->opts.width = (int)w;
    o->opts.height = (int)h;
    return 0;
  }
  case RENDER_OPT_SCALE:
    /* sim_number_parse: no "nan" (which passes every comparison), no locale. */
    if (sim_number_parse(arg, &o->opts.scale) != 0 || !(o->opts.scale >= 0.5 && o->opts.scale <= 8))
      return cli_usage_error(o->args, 0, "--scale expects a number from 0.5 to 8, not '%s'", arg);
    return 0;
  case RENDER_OPT_POINTER: {
    long x = strtol(arg, &end, 10), y = -1;
    if (end != arg && *end == ',') {
      const char *p = end + 1;
      y = strtol(p, &end, 10);
      if (end == p) y = -1;
    }
    if (*end || x < 0 || y < 0 || x > 16384 || y > 16384)
      return cli_usage_error(o->args, 0, "--pointer expects X,Y in pixels, e.g. 700,400, not '%s'",
                             arg);
    o->opts.pointer = 1;
    o->opts.pointer_x = (int)x;
    o->opts.pointer_y = (int)y;
    return 0;
  }
  case RENDER_OPT_KEYS:
    o->opts.keys = 1;
    return 0;
  case RENDER_OPT_WINDOW:
    return render_window(o, arg);
  case RENDER_OPT_SELECT:
    if (!*arg) return cli_usage_error(o->args, 0, "--select needs a task number or name");
    o->select = arg;
    return 0;
  case RENDER_OPT_PANEL:
    o->opts.panel = 1;
    return 0;
  default:
    return cli_limits_option(&o->limits, o->args, opt, arg);
  }
}

/* A PNG ends with the IEND chunk: 0 length, "IEND", its CRC. A file that
 * does not was cut short (a full disk), whatever the writer said. */
static int png_complete(const char *path) {
  static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
  unsigned char tail[12];
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  int ok = fseek(f, -12, SEEK_END) == 0 && fread(tail, 1, 12, f) == 12 && !memcmp(tail, iend, 12);
  fclose(f);
  return ok;
}

/* --select's task: a number from 1, or a task's name. */
static int render_select(render_cli *o, const trk_set *set, sim_error *err) {
  int32_t n = set->ntracks > 0 ? set->tracks[0].ntasks : 0;
  char *end;
  long k = strtol(o->select, &end, 10);
  if (end != o->select && !*end && k >= 1 && k <= n) {
    o->opts.select = (int32_t)k;
    return 0;
  }
  char name[128];
  for (int32_t t = 0; set->scn && t < n; t++) {
    if (sim_task_name(set->scn, &set->tracks[0].res, t, name, sizeof name) >= 0 &&
        strcmp(name, o->select) == 0) {
      o->opts.select = t + 1;
      return 0;
    }
  }
  return sim_fail(
      err, SIM_EINPUT, "--select: error: no task '%s' (1 to %d, or a name such as '%s')", o->select,
      (int)n,
      n > 0 && set->scn && sim_task_name(set->scn, &set->tracks[0].res, 0, name, sizeof name) >= 0
          ? name
          : "task 1");
}

/* The frame goes to a temporary file beside FILE, checked whole, then
 * renamed over FILE: a failed or interrupted write never leaves half a PNG. */
static int render_show(const trk_set *set, void *ctx, sim_error *err) {
  render_cli *o = ctx;
  if (o->select && render_select(o, set, err) != 0) return SIM_EINPUT;
  cli_out out;
  int e = cli_out_open(&out, o->out, 0);
  if (e) return sim_fail(err, APP_FAIL, "%s: error: cannot write the PNG: %s", o->out, strerror(e));
  int rc = rnd_render_png(set, &o->opts, out.tmp, err);
  if (rc != 0) {
    cli_out_abandon(&out);
    return rc;
  }
  if (!png_complete(out.tmp)) {
    cli_out_abandon(&out);
    return sim_fail(err, APP_FAIL, "%s: error: cannot write the PNG: it was cut short (disk full?)",
                    o->out);
  }
  if ((e = cli_out_commit(&out, o->out)) != 0)
    return sim_fail(err, APP_FAIL, "%s: error: cannot write the PNG: %s", o->out, strerror(e));
  return 0;
}

int cmd_render(int argc, char **argv) {
  static const struct option longs[] = {
      {"output", required_argument, NULL, 'o'},
      {"at", required_argument, NULL, RENDER_OPT_AT},
      {"size", required_argument, NULL, RENDER_OPT_SIZE},
      {"scale", required_argument, NULL, RENDER_OPT_SCALE},
      {"pointer", required_argument, NULL, RENDER_OPT_POINTER},
      {"keys", no_argument, NULL, RENDER_OPT_KEYS},
      {"window", required_argument, NULL, RENDER_OPT_WINDOW},
      {"select", required_argument, NULL, RENDER_OPT_SELECT},
      {"panel", no_argument, NULL, RENDER_OPT_PANEL},
      CLI_WINDOW_LIMITS_OPTIONS,
      {NULL, 0, NULL, 0},
  };
  cli_args a;
  render_cli o;
  memset(&o, 0, sizeof o);
  o.args = &a;
  o.opts.at = -1;
  o.limits = (cli_limits)CLI_LIMITS_INIT;
  int rc;
  if (cli_begin(&a, "simul render", argc, argv, longs, "o:", render_option, &o, render_help, &rc))
    return rc;
  if (!o.out) {
    rc = cli_usage_error(&a, 1, "missing -o FILE.png");
    cli_args_free(&a);
    return rc;
  }
  if ((rc = cli_out_check(NULL, "the PNG", o.out, a.scenario)) == 0)
    rc = cli_window_job(&a, "a frame", &o.limits, NULL, render_show, &o);
  cli_args_free(&a);
  return rc;
}

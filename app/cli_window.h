/* cli_window.h - what `simul view` and `simul render` share once their own
 * options are parsed: load the scenario, check the strategies fit on screen,
 * run them with spans, and hand the runs to the window library.
 * Built only with the window (SIMUL_WINDOW).
 */
#ifndef APP_CLI_WINDOW_H
#define APP_CLI_WINDOW_H

#include "cli.h"
#include "cli_limits.h"
#include "render/render.h"

/* Draws or shows the runs; returns an exit status, err filled on failure. */
typedef int (*cli_show_fn)(const trk_set *set, void *ctx, sim_error *err);

/* The limits' options and help lines both commands take. */
#define CLI_WINDOW_LIMITS_OPTIONS CLI_LIMITS_COUNT_OPTIONS, CLI_LIMITS_SPAN_OPTION
#define CLI_WINDOW_LIMITS_HELP    CLI_LIMITS_COUNT_HELP CLI_LIMITS_SPAN_HELP

/* Loads a->scenario, refuses more strategies than `surface` ("the window",
 * "a frame") can show and runs past `limits` (their spans included), calls
 * `preflight` (may be NULL; a non-zero status stops before any simulation),
 * runs every strategy with spans, and calls `show`. Prints its errors;
 * returns the exit status. */
int cli_window_job(const cli_args *a, const char *surface, const cli_limits *limits,
                   int (*preflight)(const cli_args *a), cli_show_fn show, void *ctx);

#endif

/* commands.h - the subcommands of `simul`, one file each (app/cmd_*.c).
 *
 * Each takes the arguments after `simul`, so argv[0] is the command's own
 * name ("run"), and returns the process exit status: 0 ok, 1 a run that
 * failed (a deadlock, an unwritable file), 2 bad usage or bad input.
 * APP_NO_DISPLAY is cmd_view's way of saying "no window could be opened":
 * the default job then falls back to the table.
 */
#ifndef APP_COMMANDS_H
#define APP_COMMANDS_H

enum { APP_OK = 0, APP_FAIL = 1, APP_USAGE = 2, APP_NO_DISPLAY = 3 };

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_list(int argc, char **argv);
/* In simul-window only (window_main.c): the window itself. */
int cmd_view(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_calibrate(int argc, char **argv);

/* In simul (cmd_window.c): `view` and `render` exec simul-window with the
 * same arguments. cmd_window_wait runs it as a child instead and returns its
 * status, APP_NO_DISPLAY when it cannot be started: the default job's way to
 * try the window and fall back to the table. */
int cmd_window(int argc, char **argv);
int cmd_window_wait(int argc, char **argv);

#endif

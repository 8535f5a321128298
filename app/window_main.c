/* window_main.c - simul-window: `simul view` and `simul render`.
 *
 * The batch program `simul` execs this one for those two commands (see
 * cmd_window.c), passing its arguments on: argv[1] is "view" or "render".
 * Only this program links the window library and SDL, so a headless run
 * never loads them. It is not meant to be started by hand, but works if it
 * is: `simul-window render chess -o f.png` is `simul render chess -o f.png`.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "view") == 0) return cmd_view(argc - 1, argv + 1);
  if (argc >= 2 && strcmp(argv[1], "render") == 0) return cmd_render(argc - 1, argv + 1);
  fputs("usage: simul-window view|render SCENARIO [options] (run by simul view and simul render)\n",
        stderr);
  return APP_USAGE;
}

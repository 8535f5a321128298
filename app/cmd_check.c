/* cmd_check.c - `simul check FILE...`: validate scenarios without running them.
 *
 * A file passes when it loads (the same checks `run` makes, --set overrides
 * included) and every strategy it names parses. Silence on success, like a
 * compiler, so `simul check scenarios/NAME.yaml ...` in a script shows only problems.
 */
#include <stdio.h>

#include "cli.h"
#include "commands.h"

static const char check_help[] =
    "usage: simul check [options] FILE...\n"
    "\n"
    "Validates each scenario FILE (or built-in name) and the strategies it lists,\n"
    "without running it. Prints nothing on success; each problem as\n"
    "file:line:col: error: ... on stderr.\n"
    "\n"
    "options:\n" CLI_SCENARIO_OPTIONS_HELP "\n"
    "exit status: 0 every file is valid, 2 a file is not\n";

int cmd_check(int argc, char **argv) {
  cli_args a;
  int rc = cli_parse(&a, "simul check", argc, argv, NULL, NULL, NULL, NULL);
  if (rc == CLI_HELP) {
    fputs(check_help, stdout);
    cli_args_free(&a);
    return APP_OK;
  }
  if (rc == 0 && a.npos == 0) rc = cli_usage_error(&a, 1, "missing FILE");
  if (rc != 0) {
    cli_args_free(&a);
    return rc;
  }
  /* Every file is checked, so one run of check reports every broken one. */
  for (int i = 0; i < a.npos; i++) {
    cli_job job;
    a.scenario = a.pos[i];
    int one = cli_job_load(&job, &a);
    cli_job_free(&job);
    if (one > rc) rc = one;
  }
  cli_args_free(&a);
  return rc;
}

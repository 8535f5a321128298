/* cmd_list.c - `simul list`: the built-in scenarios and the strategies.
 *
 * Scenarios one line each (the name to type, then the file's own name and
 * description), then every strategy with its parameters: everything a user
 * can put after `simul run` and `--strategy`, without opening a file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "sim/scenario.h"
#include "sim/strategy.h"

static const char list_help[] = "usage: simul list\n"
                                "\n"
                                "Lists the built-in scenarios (run one with `simul run NAME`) and\n"
                                "the strategies with their parameters.\n";

static int list_width(size_t n, const char *(*name_at)(size_t)) {
  int w = 0;
  for (size_t i = 0; i < n; i++) {
    int len = (int)strlen(name_at(i));
    if (len > w) w = len;
  }
  return w;
}

static const char *list_builtin_name(size_t i) {
  return scn_builtin_at(i)->name;
}

static void list_scenarios(void) {
  size_t n = scn_builtin_count();
  int w = list_width(n, list_builtin_name);
  printf("Scenarios (simul run NAME):\n");
  for (size_t i = 0; i < n; i++) {
    const scn_builtin *b = scn_builtin_at(i);
    scn_scenario scn;
    sim_error err = {0};
    /* Loading is the honest way to get the name: the file is the only source. */
    if (scn_load_text(b->name, b->text, b->len, NULL, 0, &scn, &err) != 0) {
      printf("  %-*s   (does not load: %s)\n", w, b->name, err.msg);
      continue;
    }
    printf("  %-*s   %s", w, b->name, scn.name ? scn.name : "");
    if (scn.description) printf(": %s", scn.description);
    putchar('\n');
    scn_free(&scn);
  }
}

static void list_strategies(void) {
  size_t n = sim_strategy_kind_count();
  int w = list_width(n, sim_strategy_kind_name);
  printf("\nStrategies (--strategy NAME or NAME:key=value,...):\n");
  for (size_t i = 0; i < n; i++) {
    printf("  %-*s   %s\n", w, sim_strategy_kind_name(i), sim_strategy_kind_summary(i));
    int len = sim_strategy_kind_params_help(i, NULL, 0);
    char *help = len > 0 ? malloc((size_t)len + 1) : NULL;
    if (!help) continue;
    sim_strategy_kind_params_help(i, help, (size_t)len + 1);
    /* Indent the parameter lines under their strategy. */
    for (char *line = help; *line;) {
      char *nl = strchr(line, '\n');
      size_t l = nl ? (size_t)(nl - line) : strlen(line);
      printf("  %*s %.*s\n", w, "", (int)l, line);
      line += l + (nl ? 1 : 0);
    }
    free(help);
  }
}

int cmd_list(int argc, char **argv) {
  cli_args a;
  int rc = cli_parse(&a, "simul list", argc, argv, NULL, NULL, NULL, NULL);
  if (rc == CLI_HELP) {
    fputs(list_help, stdout);
    rc = APP_OK;
  } else if (rc == 0 && a.npos > 0) {
    rc = cli_usage_error(&a, 1, "unexpected argument '%s'", a.pos[0]);
  } else if (rc == 0) {
    list_scenarios();
    list_strategies();
    if (fflush(stdout) != 0) rc = APP_FAIL;
  }
  cli_args_free(&a);
  return rc;
}

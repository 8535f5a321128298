/* strategy.h - choosing and configuring a scheduling strategy.
 *
 * A strategy decides who runs the cpu steps and when. Each is a named preset
 * with parameters, written "name" or "name:key=value,..." (the command line's
 * --strategy and the file's `strategies:` use the same text). Every strategy
 * also takes switch_cost=D, the time a worker spends moving between tasks.
 *
 * The set of strategies is a table generated from sim/src/strategies/strategies.def;
 * adding one is one new file and one line there.
 */
#ifndef SIM_STRATEGY_H
#define SIM_STRATEGY_H

#include <stddef.h>

#include "sim_error.h"

typedef struct sim_strategy sim_strategy; /* opaque: a strategy with its parameters */

/* Parses one strategy, e.g. "threads:gil=off,cores=4". `where` prefixes error
 * messages ("chess.yaml:4:15" or "--strategy"). Unknown names, unknown keys and
 * bad values are SIM_EINPUT with a message listing what is valid. */
int sim_strategy_parse(const char *text, const char *where, sim_strategy **out, sim_error *err);

/* Splits a comma-separated list ("sync,threads:gil=off,cores=4,async") into
 * strategies: a piece holding '=' but no ':' continues the previous one's
 * parameters. Fills out[0..*n-1] (at most max). */
int sim_strategy_parse_list(const char *list, const char *where, sim_strategy **out, int max,
                            int *n, sim_error *err);

/* "async" or "threads:gil=off,cores=4": the name and the parameters given,
 * in the order given; what the table and trace call the strategy. */
const char *sim_strategy_label(const sim_strategy *s);

/* Refuses (SIM_EINPUT, at the `where` the strategy was parsed with) a
 * strategy whose time costs - switch_cost, latency, spawn, switch - could,
 * charged once per step of the scenario on top of all its work and its last
 * arrival, pass the end of the simulated clock (292471 years). A bound, not
 * a forecast: sim_run still stops a run that passes it anyway. */
struct scn_scenario;
int sim_strategy_fits(const sim_strategy *s, const struct scn_scenario *scn, sim_error *err);

/* 1 when strategy kind i takes parameter `key` (its own or a common one such
 * as switch_cost): how a sweep decides which strategies a varied parameter
 * applies to. */
int sim_strategy_kind_takes(size_t i, const char *key);

/* The kind index of a parsed strategy (for sim_strategy_kind_takes). */
size_t sim_strategy_kind_of(const sim_strategy *s);

void sim_strategy_free(sim_strategy *s);

/* The table, for `simul list` and --help. */
size_t sim_strategy_kind_count(void);
const char *sim_strategy_kind_name(size_t i);
const char *sim_strategy_kind_summary(size_t i);
/* Writes one line per parameter, e.g. "  gil=on|off  default on: ...\n",
 * switch_cost included. Returns the length, as snprintf does. */
int sim_strategy_kind_params_help(size_t i, char *buf, size_t size);

#endif

/* strategy_impl.h - internal: what a strategy file provides.
 *
 * One file per strategy (strat_sync.c, strat_async.c, ...) defines one
 * `const sim_strategy_vt strat_<name>` and is listed once in
 * strategies.def; the table, the name lookup and the parameter parsing are
 * generated from that list (core/strategy.c). The callbacks' contract is in engine_api.h.
 */
#ifndef SIM_STRATEGY_IMPL_H
#define SIM_STRATEGY_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "sim/sim_error.h"
#include "sim/sim_time.h"
#include "sim/strategy.h"

struct sim_engine;
struct evq_event;

typedef enum sim_param_type {
  SIM_PARAM_INT,      /* a whole number in [min, max] */
  SIM_PARAM_DURATION, /* a duration with units, >= 0 */
  SIM_PARAM_CHOICE    /* one of `choices` ("on|off"); the value is its index */
} sim_param_type;

typedef struct sim_param_def {
  const char *key;
  sim_param_type type;
  const char *defval; /* as it would be written: "5ms", "on", "0" */
  const char *choices;
  int64_t min, max; /* SIM_PARAM_INT */
  const char *help;
} sim_param_def;

#define SIM_MAX_PARAMS 8

typedef struct sim_strategy_vt {
  const char *name;
  const char *summary;
  const sim_param_def *params; /* strategy-specific; switch_cost is common to all */
  int nparams;
  size_t state_size; /* zeroed before start() */
  /* Creates lanes, sets the cores (eng_set_cores), queues the tasks. Returns 0 or an
   * error code with err filled (a parameter that makes no sense for this
   * scenario, say). */
  int (*start)(struct sim_engine *e, sim_error *err);
  /* A task arrives: at t=0 in file order for a closed workload, at its
   * arrival time for an open one (a group with `arrivals:`). The strategy
   * queues it; like wake, it must not advance it. NULL: the strategy queues
   * every task itself in start() and cannot run open workloads. */
  void (*arrive)(struct sim_engine *e, int32_t task);
  void (*wake)(struct sim_engine *e, int32_t task);
  void (*cpu_end)(struct sim_engine *e, int32_t task, int32_t lane);
  /* The strategy's own events (kind >= ENG_EV_STRATEGY); may be NULL. */
  void (*event)(struct sim_engine *e, const struct evq_event *ev);
  void (*dispatch)(struct sim_engine *e);
  /* A plain run's loop of the strategy's own (engine_api.h, "the plain
   * loop"): 1 when it ran the run to its end, 0 to decline. May be NULL. */
  int (*plain)(struct sim_engine *e);
  /* Frees what start allocated; may be NULL. */
  void (*finish)(struct sim_engine *e);
} sim_strategy_vt;

struct sim_strategy {
  const sim_strategy_vt *vt;
  int64_t param[SIM_MAX_PARAMS]; /* in vt->params order; defaults filled in */
  int given[SIM_MAX_PARAMS];     /* 1 when written by the user */
  sim_time switch_cost;
  int ignore_timeouts; /* timeouts=off: code without asyncio.wait_for */
  char label[128];
  char where[256]; /* the `where` it was parsed with, for later messages */
};

#endif

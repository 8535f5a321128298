/* estimate.h - how big a run will be, before running it: tasks, events,
 * spans and the bytes of its trace, so a command can refuse a run that would
 * take hours or fill the disk (simul run --max-events, --max-trace-size)
 * and show progress against the expected total.
 *
 * The figures are upper estimates from the scenario's totals (scenario.h)
 * and the strategy's parameters: every timed step one event, every cpu step
 * cut into `switch`-long slices where the strategy time-slices, one event
 * per arrival and per paid switch. A run usually has fewer; it never has
 * many more, except through random durations above their mean.
 */
#ifndef SIM_ESTIMATE_H
#define SIM_ESTIMATE_H

#include <stdint.h>

#include "scenario.h"
#include "strategy.h"

typedef struct sim_estimate {
  int64_t tasks;
  int64_t events;      /* saturates at INT64_MAX */
  int64_t spans;       /* recorded with spans on */
  int64_t trace_bytes; /* of simul run --trace for this run */
} sim_estimate;

void sim_estimate_run(const scn_scenario *scn, const sim_strategy *s, sim_estimate *out);

#endif

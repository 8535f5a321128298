/* explain.h - why a run took as long as it did: the critical path, the
 * bottleneck and the lints, computed from a finished run's spans.
 *
 * This is analysis of a sim_result, not simulation: it reads the spans
 * (sim_run with record_spans) and the scenario, and never reruns anything,
 * so report/ and render/ can both use it on a run they already have. The
 * what-if half (exp_what_if_*) edits a scenario's durations so the caller
 * can rerun it: exact, noise-free "what if this step were faster".
 *
 * The critical path is the chain of spans that ends the run, walked back
 * from the last task's last span: at each span's start, its predecessor is
 * what it waited for - the task's previous span; for a task that was ready,
 * the worker (lane) becoming free then; for one blocked on a resource, the
 * release by the holder; for a task that had not started, the work the
 * worker finished then. Every link ends exactly where the next begins, so the
 * path's time by kind sums to the makespan exactly. docs/explain.md works the
 * laundry through by hand.
 */
#ifndef SIM_EXPLAIN_H
#define SIM_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "run.h"
#include "scenario.h"
#include "sim_error.h"
#include "sim_time.h"

/* Kinds of time on the path: the span kinds, then two that are not spans:
 * ARRIVAL (before the path's first task arrived: an open workload's
 * arrivals) and OTHER (a link the spans cannot explain; never seen in the
 * shipped scenarios, kept so the sum stays exact whatever happens). */
enum { EXP_PATH_ARRIVAL = SIM_SPAN_KIND_COUNT, EXP_PATH_OTHER, EXP_PATH_KIND_COUNT };
const char *exp_path_kind_name(int kind);

/* The lint thresholds; exp_thresholds_default sets the documented values. */
typedef struct exp_thresholds {
  sim_time loop_stall;   /* loop-stall: one step holding a loop this long (100ms, asyncio debug) */
  sim_time never_yields; /* never-yields: consecutive cpu on a loop this long (1s) */
  double gil_speedup;    /* gil-bound: threads' speed-up over sync below this (1.1) */
  double saturated;      /* saturated: a pool or resource busy this fraction of the run (0.95) */
  double idle_worker;    /* idle-worker: workers idle this fraction while work waits (0.5) */
  double starved;        /* starved: longest ready wait this many times the task's cpu (10) */
} exp_thresholds;

void exp_thresholds_default(exp_thresholds *th);

/* Sets one threshold from "key=value": loop_stall=50ms, never_yields=2s,
 * gil_speedup=1.5, saturated=0.9, idle_worker=0.3, starved=20. Returns 0 or
 * SIM_EINPUT with "error: ..." in err (the caller prefixes where). */
int exp_thresholds_set(exp_thresholds *th, const char *assignment, sim_error *err);

/* The names of the thresholds' keys, one per line with its default, for help. */
extern const char exp_thresholds_help[];

typedef struct exp_lint {
  const char *code; /* "loop-stall", "never-yields", "timeout", ... (static) */
  sim_time at;      /* the first occurrence */
  int32_t task;     /* its task, -1 for a run-wide lint */
  int32_t count;    /* occurrences folded into this one (same code, group, step) */
  int32_t group;    /* the task's group, -1 for a run-wide lint: the folding key */
  int32_t step;     /* the step, -1 for none: the folding key */
  char message[320];
} exp_lint;

typedef struct exp_explain {
  sim_time path[EXP_PATH_KIND_COUNT]; /* time on the critical path by kind; sums to makespan */
  size_t *path_spans;                 /* indices into res->spans, earliest first */
  size_t npath;
  uint8_t *critical;   /* [res->nspans]: 1 when the span is on the path */
  char bottleneck[96]; /* worker, world, resource:NAME, gil, stall, arrivals */
  char sentence[384];  /* the bottleneck in the scenario's own words */
  exp_lint *lints;     /* sorted by time, then code */
  int nlints;
} exp_explain;

/* Explains one finished run (its spans must have been recorded). Returns 0,
 * or SIM_EINPUT when the run has no spans, SIM_EFAIL when out of memory. */
int exp_explain_run(const scn_scenario *scn, const sim_result *res, const exp_thresholds *th,
                    exp_explain *out, sim_error *err);
void exp_explain_free(exp_explain *ex);

/* --- what-if -------------------------------------------------------------- */

/* "LABEL=-50%": the steps labelled LABEL (or, when no step has that label,
 * the cpu steps of the task group LABEL) made 50% faster; "+20%" slower. */
typedef struct exp_what_if {
  char target[128];
  double percent; /* -50 for "-50%"; >= -100 */
} exp_what_if;

/* Parses "LABEL=-50%". Returns 0 or SIM_EINPUT ("error: ..."). */
int exp_what_if_parse(const char *text, exp_what_if *out, sim_error *err);

/* Scales the matching steps' durations (every parameter of a random one, so
 * each sample scales exactly) by 1 + percent/100. *matched says how many
 * steps changed and whether they were a label's or a group's cpu
 * (*by_group). Returns 0, or SIM_EINPUT naming the labels and groups there
 * are when nothing matches. */
int exp_what_if_apply(scn_scenario *scn, const exp_what_if *wi, int *matched, int *by_group,
                      sim_error *err);

#endif

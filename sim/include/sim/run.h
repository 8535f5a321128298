/* run.h - running a scenario under one strategy, and what the run recorded.
 *
 * sim_run is a discrete-event simulation: one event queue ordered by (time,
 * sequence number), so events at the same instant are handled in the order
 * they were scheduled. Same scenario, strategy and seed: the same result, bit
 * for bit.
 *
 * With record_spans on, the run also keeps every interval a task or a worker
 * lane spent in one state (a span). Batch mode writes them as a trace; the
 * window plays them back, so scrubbing and stepping back never re-simulate.
 * Without spans, memory grows with the number of tasks, never with the number
 * of events.
 */
#ifndef SIM_RUN_H
#define SIM_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "profile.h"
#include "scenario.h"
#include "sim_error.h"
#include "sim_time.h"
#include "strategy.h"

/* Span kinds; the names are the trace's `cat`. */
#define SIM_SPAN_KINDS(X)                                                                          \
  X(CPU, "cpu")         /* the task runs on a worker lane (span.lane) */                           \
  X(WAIT, "wait")       /* the world works; the task waits (opponent) */                           \
  X(READY, "ready")     /* runnable, waiting for its worker or the CPU */                          \
  X(BLOCKED, "blocked") /* queued for a resource unit */                                           \
  X(SWITCH, "switch")   /* a worker lane moves to span.task (switch_cost) */                       \
  X(GIL, "gil")         /* lane-only: span.task holds the GIL (threads) */                         \
  X(STALL, "stall")     /* lane-only: span.task's blocking call holds the lane */

typedef enum sim_span_kind {
#define SIM_SPAN_ENUM(id, name) SIM_SPAN_##id,
  SIM_SPAN_KINDS(SIM_SPAN_ENUM)
#undef SIM_SPAN_ENUM
      SIM_SPAN_KIND_COUNT
} sim_span_kind;

const char *sim_span_kind_name(sim_span_kind kind);

/* Kinds drawn on the lane's row only (span.task says who, but the task's own
 * row already shows that time as READY, cpu or wait): SWITCH, GIL, STALL. */
static inline int sim_span_kind_lane_only(sim_span_kind kind) {
  return kind == SIM_SPAN_SWITCH || kind == SIM_SPAN_GIL || kind == SIM_SPAN_STALL;
}

/* One interval [start, end). CPU spans belong to both the task's row and the
 * lane's row; SWITCH, GIL and STALL spans only to the lane's (a SWITCH with task -1
 * is a process starting up); WAIT, READY and BLOCKED only
 * to the task's (lane = -1). step/rep say which step of which repetition the
 * task was at (0-based), for hover text ("master moves, move 17/30").
 * Spans are stored in the order they ended; one row's spans never overlap,
 * so filtering one row keeps them sorted by start too. */
typedef struct sim_span {
  sim_time start, end;
  int32_t task; /* -1: none */
  int32_t lane; /* -1: none */
  uint32_t rep;
  uint16_t step;
  uint8_t kind;           /* sim_span_kind */
  uint8_t resource_plus1; /* BLOCKED: 1 + resource index; else 0 */
} sim_span;

/* The rows a span is drawn on, as bits: CPU on both its task's row and its
 * lane's; the lane-only kinds on the lane's; WAIT, READY and BLOCKED on the
 * task's. The trace, the window and the invariant checks all ask this, so
 * they can never disagree. Callers still check the indices against the
 * result's ntasks and nlanes. */
enum { SIM_ROW_TASK = 1, SIM_ROW_LANE = 2 };
static inline int sim_span_rows(const sim_span *s) {
  int lane_only = sim_span_kind_lane_only((sim_span_kind)s->kind);
  return (s->task >= 0 && !lane_only ? SIM_ROW_TASK : 0) |
         (s->lane >= 0 && (lane_only || s->kind == SIM_SPAN_CPU) ? SIM_ROW_LANE : 0);
}

/* A worker lane: the master, a thread, a process, a core. */
typedef struct sim_lane {
  char name[32];
} sim_lane;

/* How a task ended: its worst event. A task whose wait timed out but which
 * went on (on_error: continue) still counts as "timeout". */
#define SIM_OUTCOMES(X)                                                                            \
  X(OK, "ok")                                                                                      \
  X(TIMEOUT, "timeout")     /* a wait ran past its timeout (wait_for) */                           \
  X(FAILED, "failed")       /* a wait ended in an error (fail: p) */                               \
  X(CANCELLED, "cancelled") /* another task's error cancelled it (TaskGroup) */

typedef enum sim_outcome {
#define SIM_OUTCOME_ENUM(id, name) SIM_OUTCOME_##id,
  SIM_OUTCOMES(SIM_OUTCOME_ENUM)
#undef SIM_OUTCOME_ENUM
      SIM_OUTCOME_COUNT
} sim_outcome;

const char *sim_outcome_name(sim_outcome outcome);

typedef struct sim_stats {
  double mean, p50, p95, max, p99; /* seconds */
} sim_stats;

typedef struct sim_run_opts {
  int record_spans;
  uint64_t seed;              /* with has_seed (or when not 0): the seed; else the scenario's */
  int has_seed;               /* seed is given, 0 included */
  const sim_profile *profile; /* measured costs; NULL: none (sim_profile_defaults) */
  /* Called every SIM_PROGRESS_EVERY events with the events handled so far
   * and the simulated time, for a progress line; NULL: none. Returning
   * nonzero stops the run (SIM_EFAIL, "stopped"). */
  int (*progress)(void *ctx, int64_t events, sim_time now);
  void *progress_ctx;
  /* 1: never a strategy's own loop for a plain run (the engine's, which
   * makes the same run slower; tests compare the two). */
  int general_loop;
} sim_run_opts;

#define SIM_PROGRESS_EVERY ((int64_t)1 << 16)

typedef struct sim_result {
  char strategy[128]; /* the strategy's label */
  uint64_t seed;
  int32_t ntasks;
  int cores;              /* lanes that can run cpu at once: utilization's denominator */
  sim_time makespan;      /* when the last task ended */
  sim_time busy;          /* cpu time over all lanes (the master's working time) */
  int64_t events;         /* events handled */
  int64_t switches;       /* times a lane started running a task other than its last */
  double utilization;     /* busy / (makespan * cores), 0 when makespan is 0 */
  sim_stats completion;   /* over tasks: end time */
  sim_stats ready_wait;   /* over tasks: total time spent READY */
  sim_time *task_end;     /* [ntasks] */
  sim_time *task_ready;   /* [ntasks] total READY time */
  uint8_t *task_outcome;  /* [ntasks] sim_outcome */
  sim_time *task_arrival; /* [ntasks] 0 for a closed workload */
  sim_stats response;     /* over tasks: end - arrival */
  double throughput;      /* tasks per second of makespan */
  double in_system_mean;  /* time-average of tasks arrived, not ended */
  int open;               /* some group has arrivals */
  int plain_loop;         /* 1: the strategy's own loop for a plain run made it
                             (sim/src/core/engine_api.h, "the plain loop"); the
                             figures are those of the engine's loop */
  int32_t outcomes[SIM_OUTCOME_COUNT]; /* tasks per outcome */
  /* Memory (the profile's sizes): what the strategy's units of concurrency
   * hold - fixed for the run (interpreters, a pool's threads) plus per task
   * in the system (a coroutine, a thread of its own). Resident bytes, and
   * the virtual bytes thread stacks reserve besides. */
  int64_t mem_fixed, mem_per_task, mem_reserved_fixed, mem_reserved_per_task;
  int64_t memory_peak, memory_mean, memory_reserved_peak; /* bytes */
  int32_t in_system_peak; /* most tasks arrived and not ended at once */
  sim_lane *lanes;
  int nlanes;
  sim_span *spans; /* NULL unless record_spans */
  size_t nspans;
  /* [ngroups] tasks per group in this run (sim_task_counts for its seed):
   * what names its tasks. Every strategy run with one seed has the same. */
  int32_t *group_count;
  int ngroups;
} sim_result;

/* Runs `scn` under `strategy`. Returns 0 and fills *out (free it with
 * sim_result_free), or an error: SIM_EFAIL for a deadlock, whose message names
 * the blocked tasks and the resources they wait for; *out then still holds
 * what happened up to the deadlock (spans included), for a trace. */
int sim_run(const scn_scenario *scn, const sim_strategy *strategy, const sim_run_opts *opts,
            sim_result *out, sim_error *err);

void sim_result_free(sim_result *res);

/* The number of tasks of each group (count[ngroups]) and in all (*ntasks) in
 * a run with `seed`: a group's count, or for a group whose arrivals stop at
 * `until` as many as arrive before it with this seed's draws (at most its
 * given count). sim_run counts for its own seed, so it never depends on the
 * scenario having been resolved for that seed. count may be NULL, to check
 * the seed only. Returns 0 or SIM_EINPUT ("file:line:col: error: ...": none
 * arrives, or too many). */
int sim_task_counts(const scn_scenario *scn, uint64_t seed, int32_t *count, int32_t *ntasks,
                    sim_error *err);

/* Tasks are numbered 0..ntasks-1 in file order, group 0's first, so which
 * group a task is in depends on the counts of the run it belongs to (a group
 * whose arrivals stop at `until` has as many as arrived with that seed): the
 * names below take the run. A result not made by sim_run (group_count NULL)
 * is named by the counts as written in the scenario; so is r == NULL. */

/* Tasks of group g in run r. */
int32_t sim_group_count(const scn_scenario *scn, const sim_result *r, int g);

/* The group of `task` in run r and its 0-based instance in the group; -1
 * (and *instance -1) when no group has it. instance may be NULL. */
int sim_task_group(const scn_scenario *scn, const sim_result *r, int32_t task, int32_t *instance);

/* Writes the task's display name into buf: "board 7" in a group of more
 * than one task, the group's name ("checklist") in a group of one. Returns
 * snprintf's count, or -1 when no group has the task (buf untouched). */
int sim_task_name(const scn_scenario *scn, const sim_result *r, int32_t task, char *buf,
                  size_t size);

/* Speed-up is measured against plain sync: the baseline is a result whose
 * label is exactly "sync" ("sync:switch_cost=1s" is a different experiment
 * and must not become everyone's baseline), and simul never runs a strategy
 * you did not ask for, so there may be none. */
int sim_result_is_baseline(const sim_result *r);

/* makespan(base) / makespan(r); an empty scenario (no time under any
 * strategy) is a tie, 1, rather than a division by zero. */
double sim_speedup(const sim_result *base, const sim_result *r);

/* Speed-up of results[i] over the first baseline among results[0..n-1];
 * 0 when there is none. */
double sim_speedup_vs_sync(const sim_result *results, int n, int i);

#endif

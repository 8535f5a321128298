/* engine.h - internal to core/: the engine's state, which only engine.c
 * and the inline operations of engine_api.h touch.
 *
 * Strategies include engine_api.h, never this file: they reach the engine
 * only through its operations, so a rule the engine keeps (a task's state,
 * its lane, its generation) is kept in one place. The struct is here rather
 * than hidden behind a pointer because the hot accessors (eng_now,
 * eng_task_remaining...) are inline: one load, no call, on every dispatch.
 */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include <stdint.h>

#include "evq.h"
#include "fifo.h"
#include "sim/profile.h"
#include "sim/run.h"
#include "sim/scenario.h"
#include "strategy_impl.h"

/* 24 bytes a task: with 1,000,000 tasks this is the engine's main memory
 * (it was 40). Kept elsewhere: when the current state began in
 * res->task_end (ENG_SINCE: a task's end is when its last state, DONE,
 * began), the task's lane in the cold array task_lane (read when a slice
 * starts and ends, not on every step), its group found from its number
 * (eng_group_index: the groups are few). */
typedef struct eng_task {
  sim_time remaining; /* cpu left in the current cpu step; 0 = not sampled yet.
                         At a wait step: > 0, wait_for was called at remaining - 1;
                         ENG_END_ON_RESUME: the task ends when next advanced */
  int32_t next;       /* intrusive link: the one queue the task is in, -1 = end */
  uint32_t rep;       /* current repetition */
  uint32_t cpu_gen;   /* bumped when a pending event of the task is void (a cpu
                         slice preempted, a wait cancelled): stale events are ignored */
  uint16_t step;      /* current step, not yet done */
  uint8_t state;      /* eng_task_state */
  uint8_t blocked_on; /* BLOCKED: resource index */
} eng_task;

/* When task t's current state began. */
#define ENG_SINCE(e, t)   ((e)->since[t])
#define ENG_END_ON_RESUME ((sim_time)-1) /* eng_task.remaining: ends when next advanced */

typedef struct sim_engine {
  const scn_scenario *scn;
  const sim_strategy *cfg; /* the strategy and its parameters */
  void *st;                /* the strategy's own state, cfg->vt->state_size bytes */
  sim_time now;
  evq events;
  eng_task *tasks;
  int32_t *task_lane; /* [ntasks] the lane a task is bound to or runs on, -1: none yet */
  int32_t ntasks;
  int32_t unfinished;
  int32_t *res_free; /* units free per resource */
  eng_fifo *res_queue;
  sim_result *res; /* metrics and spans being recorded */
  /* res->task_end and res->task_ready, one load nearer: eng_task_set_state
   * reads both four times a move (1.5 M instructions of a 10k-board run). */
  sim_time *since;
  sim_time *ready_total;
  size_t spans_cap;
  int record_spans;
  int failed; /* ENG_FAILED_* bits: the loop stops at the next event */
  uint64_t seed;
  uint64_t *group_hash;         /* [ngroups] rng_hash_name(name): random streams follow names */
  int32_t *group_first;         /* [ngroups] the group's first task */
  const scn_step **group_steps; /* [ngroups] each group's steps: eng_step in one load */
  int ngroups;
  int32_t *count;           /* [ngroups] tasks per group in this run: res->group_count */
  uint64_t *arrival_key;    /* [ngroups] the stream of the group's arrival gaps */
  int cancelling;           /* a TaskGroup cancel is under way */
  int dispatching;          /* inside the strategy's dispatch(): tasks may advance */
  const sim_run_opts *opts; /* the progress callback; may be NULL */
  int stopped;              /* the progress callback stopped the run */
  int plain;                /* a plain run for the strategy's own loop (engine_api.h) */
  /* Fidelity (engine_api.h: eng_set_fidelity and friends). */
  const sim_profile *prof; /* never NULL */
  int cpu_as_written;      /* the profile neither scales cpu nor adds a step cost */
  sim_time wait_late;
  int end_on_resume;
  int wait_for_task;
  const scn_step *woke_step; /* during wake() for an ended wait, else NULL */
  sim_outcome woke_outcome;
} sim_engine;

enum {
  ENG_FAILED_MEMORY = 1, /* out of memory while recording */
  ENG_FAILED_CLOCK = 2   /* an event would land past SIM_TIME_MAX */
};

#endif

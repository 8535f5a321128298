/* scenario.h - the workload model and how it is read from a YAML file.
 *
 * A scenario is task groups (each `count` identical tasks running its steps
 * `repeat` times), resources with a capacity, and the strategies to compare.
 * It is plain data: the loader fills it, --set overrides edit the YAML before
 * it is built, the engine only reads it. One scn_scenario owns every string and
 * array below; scn_free releases them all.
 *
 * Once loaded a scenario is never written again: a run counts its own tasks
 * (a group whose arrivals stop at `until` has a count per seed), so one
 * scenario can serve several runs at once, on several threads. Tasks are
 * named by a run's counts (sim_task_name in run.h).
 */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include <stdint.h>

#include "sim_error.h"
#include "sim_time.h"

/* A position in the scenario file, 1-based; line 0 means "not from the file"
 * (a built-in default or a --set override). */
typedef struct scn_loc {
  int line, col;
} scn_loc;

/* How a duration is drawn. Random ones are drawn per task step from its own
 * stream (rng.h): every strategy sees the same samples (common random
 * numbers), and adding a task changes no one else's draws. Samples are
 * rounded to the microsecond and never negative. */
#define SCN_DIST_KINDS(X)                                                  \
  X(FIXED, "fixed")         /* value */                                    \
  X(EXP, "exp")             /* exponential with mean `value` */            \
  X(UNIFORM, "uniform")     /* uniform on [value, spread] */               \
  X(NORMAL, "normal")       /* mean value, sd spread, truncated at 0 */    \
  X(LOGNORMAL, "lognormal") /* the duration's own mean value and sd spread */ \
  X(CHOICE, "choice")       /* one of choices[], by weight */

typedef enum scn_dist_kind {
#define SCN_DIST_ENUM(id, name) SCN_DIST_##id,
  SCN_DIST_KINDS(SCN_DIST_ENUM)
#undef SCN_DIST_ENUM
      SCN_DIST_KIND_COUNT
} scn_dist_kind;

typedef struct scn_choice {
  sim_time value;
  double weight; /* > 0 */
} scn_choice;

typedef struct scn_dist {
  scn_dist_kind kind;
  sim_time value;  /* FIXED: the duration; EXP, NORMAL, LOGNORMAL: the mean; UNIFORM: low */
  sim_time spread; /* UNIFORM: high; NORMAL, LOGNORMAL: the standard deviation */
  scn_choice *choices; /* CHOICE, owned */
  int nchoices;
} scn_dist;

const char *scn_dist_kind_name(scn_dist_kind kind);

/* The longest duration a draw can give, for the clock's overflow checks:
 * FIXED its value, UNIFORM its high end, CHOICE its largest value; EXP,
 * NORMAL and LOGNORMAL have no bound, so their mean stands in (a tail that
 * still passes the end of the clock stops the run, see sim_run). */
sim_time scn_dist_bound(const scn_dist *d);

/* The distribution's mean in microseconds (the truncated normal's is
 * approximated by its mean parameter): what sizing bounds are built on. */
double scn_dist_mean(const scn_dist *d);


#define SCN_STEP_KINDS(X)                                                      \
  X(CPU, "cpu")         /* work only the worker can do */                     \
  X(WAIT, "wait")       /* the world works; the task suspends (await) */      \
  X(YIELD, "yield")     /* await asyncio.sleep(0) */                          \
  X(ACQUIRE, "acquire") /* take a unit of a resource, queueing FIFO */        \
  X(RELEASE, "release") /* give it back */                                    \
  X(BLOCK, "block")     /* a blocking call (time.sleep): keeps the worker */  \
  X(OFFLOAD, "offload") /* the same call on the to_thread pool */

typedef enum scn_step_kind {
#define SCN_STEP_ENUM(id, name) SCN_STEP_##id,
  SCN_STEP_KINDS(SCN_STEP_ENUM)
#undef SCN_STEP_ENUM
      SCN_STEP_KIND_COUNT
} scn_step_kind;

const char *scn_step_kind_name(scn_step_kind kind);

typedef struct scn_step {
  scn_step_kind kind;
  scn_dist duration; /* cpu, wait, block, offload */
  sim_time timeout;  /* wait, block, offload: asyncio.wait_for's limit; 0 = none */
  double fail;       /* wait, block, offload: probability it ends in an error */
  int resource;      /* acquire, release: index into scn_scenario.resources */
  char *label;       /* optional, NULL when absent */
  scn_loc loc;
} scn_step;

/* When a step ends in an error (a timeout or a failure): `stop` ends the task
 * there (the exception propagates), `continue` goes on with the next step
 * (the exception is caught). */
typedef enum scn_on_error { SCN_ON_ERROR_STOP, SCN_ON_ERROR_CONTINUE } scn_on_error;

/* When a group's tasks arrive. AT_START: all at t=0, in file order (a
 * closed workload, asyncio.gather). The others make an open workload: EVERY
 * a fixed interval (the first at t=0), POISSON at `rate` per second, AT at the
 * listed times; `count` arrivals, or as many as come before `until`. */
typedef enum scn_arrival_kind {
  SCN_ARRIVE_AT_START,
  SCN_ARRIVE_EVERY,
  SCN_ARRIVE_POISSON,
  SCN_ARRIVE_AT
} scn_arrival_kind;

typedef struct scn_arrivals {
  scn_arrival_kind kind;
  sim_time every;  /* EVERY */
  double rate;     /* POISSON: arrivals per second, > 0 */
  sim_time *at;    /* AT: sorted, owned */
  int nat;
  sim_time until;  /* > 0: arrivals stop before this time; count then follows */
  int has_count;   /* count was given, not derived from until */
} scn_arrivals;

typedef struct scn_group {
  char *name;
  /* Identical tasks, >= 1, as written. With arrivals.until it is the cap when
   * given (arrivals.has_count), else 1; a run's own count is its
   * sim_result.group_count[g]. */
  int32_t count;
  int32_t repeat; /* times the step list runs, >= 1 */
  scn_step *steps;
  int nsteps; /* >= 1 */
  scn_on_error on_error;
  scn_arrivals arrivals;
  scn_loc loc;
} scn_group;

typedef struct scn_resource {
  char *name;
  int32_t capacity; /* >= 1 */
  scn_loc loc;
} scn_resource;

/* A strategy as written in the file, normalised to the command-line form
 * "name" or "name:key=value,..."; loc says where, for error messages. `where`
 * is that place ready to pass to sim_strategy_parse: "chess.yaml:3:14", or
 * "--set strategies=[sync,foo]" for one that came from an override. */
typedef struct scn_strategy_ref {
  char *text;
  scn_loc loc;
  char *where;
} scn_strategy_ref;

typedef struct scn_scenario {
  char *file; /* the path, or "scenarios/chess.yaml" for a built-in; prefixes messages */
  char *name;
  char *description; /* NULL when absent */
  char *worker;      /* who does the cpu work ("master", "parent"); NULL: "worker" */
  uint64_t seed;     /* from the file, else 1 */
  scn_group *groups;
  int ngroups;
  scn_resource *resources;
  int nresources;
  scn_strategy_ref *strategies; /* the file's `strategies:`; may be empty */
  int nstrategies;
  int32_t ntasks; /* sum of the groups' counts as written; a run's: sim_result.ntasks */
  /* asyncio.gather's policy for errors: with return_exceptions every task
   * runs to its end; without it and with cancel_on_error (a TaskGroup) the
   * first task that stops on an error cancels all the others. */
  int return_exceptions; /* default 1 */
  int cancel_on_error;   /* default 0 */
  int32_t offload_threads; /* the to_thread pool's size; default 32 */
  /* `profile: FILE` as written (NULL: none), relative to the scenario's
   * folder; the command loads it (sim/profile.h) unless --profile is given. */
  char *profile;
  scn_loc profile_loc;
} scn_scenario;

/* The name of resource r for messages and the window; r == nresources is
 * the to_thread pool that offload steps queue on. */
const char *scn_resource_name(const scn_scenario *scn, int r);

/* Loads and validates a scenario. `text` of `len` bytes is the file's content;
 * `file` names it in messages. `overrides` are "key.path=value" strings from
 * --set, applied to the YAML tree before it is checked, so an override is held
 * to the same rules as the file. Returns 0, or SIM_EINPUT with err->msg shaped
 * "file:line:col: error: ..." (or "--set KEY=VALUE: error: ..."). On failure
 * *out is left zeroed and owns nothing. */
int scn_load_text(const char *file, const char *text, size_t len, const char *const *overrides,
                  int noverrides, scn_scenario *out, sim_error *err);

/* Reads the file at `path` and calls scn_load_text. A missing or unreadable
 * file is SIM_EINPUT: "path: error: cannot open: No such file or directory". */
int scn_load_file(const char *path, const char *const *overrides, int noverrides,
                  scn_scenario *out, sim_error *err);

/* Loads a built-in scenario by name ("chess") or a file by path: a name
 * that matches a built-in wins unless it contains '/' or ends in ".yaml". */
int scn_load(const char *name_or_path, const char *const *overrides, int noverrides,
             scn_scenario *out, sim_error *err);

void scn_free(scn_scenario *scn);

/* The worker's name for a lane of a one-worker strategy: "master". */
const char *scn_worker_name(const scn_scenario *scn);

/* What a scenario adds up to, from the groups as resolved (counts included):
 * bounds for the clock's overflow check and the run's size estimate. Each
 * sum saturates at INT64_MAX, and `saturated` says one did. */
typedef struct scn_totals {
  int64_t tasks;
  int64_t steps;       /* steps run in all: count x repeat x steps, over groups */
  int64_t timed_steps; /* of which wait, block and offload steps */
  sim_time work;       /* every task's timed steps one after another, at their bound */
  sim_time cpu;        /* the cpu steps alone */
  sim_time last_arrival; /* the latest last arrival (poisson: its mean) */
  int saturated;
} scn_totals;

void scn_totals_of(const scn_scenario *scn, scn_totals *out);

/* Built-in scenarios, compiled into the binary from the scenarios folder. */
typedef struct scn_builtin {
  const char *name; /* "chess", the file name without .yaml */
  const char *text;
  size_t len;
} scn_builtin;

size_t scn_builtin_count(void);
const scn_builtin *scn_builtin_at(size_t i);
const scn_builtin *scn_builtin_find(const char *name);

#endif

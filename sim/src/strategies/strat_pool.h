/* strat_pool.h - internal: a pool of worker lanes and the cores they share.
 *
 * threads, processes and queue are the same machine with different knobs: a
 * set of lanes (threads, processes, workers) that each run one task at a time
 * (or, with `loop`, an event loop over the tasks dealt to it), and a number of
 * cores the lanes' cpu runs on (one core, shown as a "GIL" lane, for Python
 * threads). Each strategy file reads its parameters into a pool_cfg and hands
 * its callbacks to this module, so a strategy stays one small file.
 *
 * The rules (docs/strategies.md derives the numbers from them):
 *  - Lanes. Without `loop` the lanes share one queue of tasks in arrival
 *    order (file order at t=0; multiprocessing.Pool, a thread pool, an RQ
 *    queue): a free lane takes the next task, paying `latency` per dequeue,
 *    and runs it to completion, blocked during its waits. With `loop` the
 *    i-th task to arrive goes to lane i mod N and each lane is an asyncio
 *    loop over its share (strat_async.c's rules; a `block` step stalls that
 *    loop, giving its core up). A task is READY from its arrival: it waits
 *    in a queue for its lane.
 *  - Cores. With at least as many cores as lanes every lane runs its cpu at
 *    once. Otherwise a lane that needs cpu takes a free core, or joins the
 *    back of one FIFO queue of lanes. A lane keeps its core while it goes
 *    straight from cpu to cpu (zero-time steps included) and gives it up when
 *    it stops: a wait, a blocked acquire, an empty loop, a lane-level switch
 *    or dequeue; with `yield_releases`, a yield while a lane waits. A core that
 *    is given up goes straight to the head of the queue.
 *  - Preemption (CPython 3's GIL, generalised to C cores): while lanes wait,
 *    the lane that has held its core longest is preempted `slice` after the
 *    later of (a) the moment it became the longest holder and (b) the moment
 *    the lane at the head of the queue began waiting. It goes to the back of
 *    the queue; the head takes its core. With one core this is exactly "a
 *    waiter asks for the GIL after `switch` of waiting; the holder drops it;
 *    the timer restarts at every handoff".
 *  - CPython's GIL (gil and cpython; Python/ceval_gil.c): a lane holds the
 *    GIL to run anything, not only cpu - to start, to go on after a wait, a
 *    zero-time step or its task's last wait, to finish. A waiter sleeps in
 *    timed waits of `slice` from when it began waiting and asks the holder to
 *    drop only when one expires with no handoff since it began: the holder
 *    drops at the earliest waiter expiry at least `slice` after it took the
 *    GIL, so it runs one to two intervals. A dropped or released GIL goes to
 *    the longest waiter (random_handoff off) or to a waiter drawn from the
 *    run's seed (on: whichever the OS wakes).
 *  - Loops and the profile (strat_async.c's rules): a loop lane pays
 *    `latency` (the profile's loop_hop) for each task it takes from its
 *    ready queue, and a loop with nothing ready that sleeps until its next
 *    timer d away wakes ceil(d / timer_resolution) x timer_resolution +
 *    timer_late later; a task that arrives, or gets a unit it waited for,
 *    wakes it at once. The hop is drawn as a switch and, like a dequeue,
 *    holds no core: with fewer cores than processes the hop does not queue
 *    for one (an approximation; the loop's own bytecode is short).
 *  - Switches. A lane moving to a task other than its last pays switch_cost
 *    (eng_switch_to, as in sync/async); so does a core handed from one lane to
 *    a waiting one (an OS context switch), the incoming lane holding the core
 *    meanwhile. Taking an idle core costs nothing.
 *
 * Costs: dispatch, wake and cpu_end are O(1) (intrusive FIFOs and one
 * doubly-linked list of holders). Memory is O(lanes): 16 bytes a lane, plus
 * 40 when cores are shared, plus 12 with `loop` and 32 more for a loop's
 * timer costs. No per-event growth: at most
 * two stale CPU_ENDs per lane are ever pending (see strat_pool.c: slices).
 */
#ifndef SIM_STRAT_POOL_H
#define SIM_STRAT_POOL_H

#include "engine_api.h"

typedef struct pool_cfg {
  int32_t lanes;         /* >= 1; the caller caps it at the number of tasks */
  const char *lane_name; /* "thread" names the lanes "thread 1".."thread N" */
  int32_t cores;         /* cpu at once; >= lanes: no sharing at all */
  int gil;               /* one core, shown as a "GIL" lane with who holds it */
  sim_time slice;        /* the switch interval (> 0) while lanes wait for a core */
  int loop;              /* each lane is an event loop over tasks dealt round-robin */
  int yield_releases;    /* a yield hands the core to the next waiting lane */
  sim_time spawn;        /* every lane's start-up time at t=0 */
  sim_time stagger;      /* and each lane's own start-up, one after another (a
                            profile's thread_start or process_start): lane l
                            starts at spawn + (l + 1) * stagger */
  sim_time latency;      /* the time a lane spends on each dequeue; with loop, on
                            each trip of a task through its ready queue (loop_hop) */
  int cpython;           /* with gil: CPython's take_gil rules (see below) */
  int random_handoff;    /* with cpython: a released GIL goes to a random waiter */
} pool_cfg;

typedef struct pool_lane pool_lane; /* strat_pool.c */

typedef struct pool_arb pool_arb;
typedef struct pool_wakeup pool_wakeup;

/* The pool's state; a strategy sets its vt's state_size to sizeof(pool_state).
 * Private to strat_pool.c. */
typedef struct pool_state {
  pool_cfg cfg;
  int32_t base;           /* engine lane of pool lane 0 */
  int32_t gil_lane;       /* engine lane "GIL", -1 without a GIL */
  pool_lane *lane;        /* [cfg.lanes] */
  eng_fifo *ready;        /* [cfg.lanes] with loop, else NULL */
  pool_arb *arb;          /* [cfg.lanes] when cores are shared, else NULL */
  pool_wakeup *wk;        /* [cfg.lanes] loops with a profile's timer costs, else NULL */
  eng_fifo queue;         /* without loop: tasks arrived, not taken yet */
  eng_fifo idle;          /* without loop: lanes with nothing to run */
  int32_t arrived;        /* with loop: tasks dealt so far */
  eng_fifo todo;          /* lanes to advance in dispatch */
  eng_fifo cq;            /* lanes waiting for a core */
  int32_t h_head, h_tail; /* lanes holding a core, longest first */
  int32_t free_cores;
  sim_time oldest_since; /* when h_head became the longest holder */
  uint32_t timer_gen;    /* the pending preemption timer, if its gen matches */
  int32_t timer_lane;
  sim_time timer_at;
  int32_t gil_task; /* who holds the GIL, -1: nobody; since gil_since */
  sim_time gil_since;
  uint64_t handoffs; /* random_handoff: draws so far */
} pool_state;

/* Sets up the lanes (and the GIL lane), deals or queues the tasks, sets
 * the cores (eng_set_cores). The pool_cfg is copied. */
void pool_arrive(sim_engine *e, int32_t task);
int pool_start(sim_engine *e, const pool_cfg *cfg, sim_error *err);

void pool_wake(sim_engine *e, int32_t task);
void pool_cpu_end(sim_engine *e, int32_t task, int32_t lane);
void pool_event(sim_engine *e, const evq_event *ev);
void pool_dispatch(sim_engine *e);
void pool_finish(sim_engine *e);

/* The vt fields every pool strategy shares: write `POOL_VT_CALLBACKS,` after
 * .start in its sim_strategy_vt. */
#define POOL_VT_CALLBACKS                                                                          \
  .state_size = sizeof(pool_state), .arrive = pool_arrive, .wake = pool_wake,                      \
  .cpu_end = pool_cpu_end, .event = pool_event, .dispatch = pool_dispatch, .finish = pool_finish

#endif

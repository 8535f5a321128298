/* profile.h - measured costs of a real Python runtime, applied to any run.
 *
 * The strategies' own rules are the textbook's zero-overhead model; a profile
 * adds what CPython actually pays: an idle event loop that sleeps in whole
 * milliseconds and wakes late, a few microseconds per trip through a ready
 * queue, a time.sleep that returns late, a cpu step that overruns, threads and
 * processes that take time to start, and the memory each unit of concurrency
 * holds. A profile is a YAML mapping of these keys (README "Profiles"), each 0
 * when absent, except the memory sizes, which default to CPython 3.11's on
 * 64-bit Linux. `simul calibrate` measures one on the user's machine.
 */
#ifndef SIM_PROFILE_H
#define SIM_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "sim_error.h"
#include "sim_time.h"

/* X(field, kind, default, help): kind D is a duration, B a size in bytes,
 * R a ratio written as a decimal number and kept in millionths. */
#define SIM_PROFILE_KEYS(X)                                                                        \
  X(timer_resolution, D, 0, "an idle event loop sleeps a whole number of these (epoll: 1ms)")      \
  X(timer_late, D, 0, "an idle event loop wakes this much after its sleep")                        \
  X(loop_hop, D, 0, "worker time for each trip of a task through an event loop's ready queue")     \
  X(sleep_late, D, 0, "a blocking wait (sync, threads, processes, a block step) ends this late")   \
  X(step_cost, D, 0, "worker time added to every cpu step")                                        \
  X(cpu_scale, R, 1000000,                                                                         \
    "wall time per unit of cpu work: above 1 on a shared or slower machine")                       \
  X(thread_start, D, 0, "time to start each thread (started one after another)")                   \
  X(process_start, D, 0, "time to start each worker process (started one after another)")          \
  X(task_memory, B, 1100, "bytes an asyncio task and its coroutine hold")                          \
  X(thread_stack, B, 8388608, "bytes a thread's stack reserves (virtual, not resident)")           \
  X(thread_memory, B, 16384, "bytes a thread adds to the resident size (stack pages touched)")     \
  X(process_memory, B, 25165824, "resident bytes of one interpreter process")                      \
  X(memory_budget, B, 0, "a run whose peak memory passes this is warned about; 0: no budget")

typedef struct sim_profile {
#define SIM_PROFILE_FIELD(name, kind, def, help) int64_t name;
  SIM_PROFILE_KEYS(SIM_PROFILE_FIELD)
#undef SIM_PROFILE_FIELD
  char file[256]; /* where it was read from; "" for the defaults */
} sim_profile;

/* Every time cost 0, the memory sizes at their documented defaults. */
void sim_profile_defaults(sim_profile *p);

/* Reads a profile. Errors are SIM_EINPUT shaped "file:line:col: error: ..."
 * (an unknown key, a bad duration or size, not a mapping), or "file: error:
 * cannot open: ..." for a missing file. An empty file is the defaults. */
int sim_profile_load_text(const char *file, const char *text, size_t len, sim_profile *out,
                          sim_error *err);
int sim_profile_load_file(const char *path, sim_profile *out, sim_error *err);

/* The number of keys and each one's name, kind ('D' or 'B'), default and help. */
int sim_profile_key_count(void);
const char *sim_profile_key(int i, char *kind, int64_t *def, const char **help);

#endif

/* dist.h - internal: drawing durations from a scn_dist with the counter RNG.
 *
 * A sample is a pure function of (distribution, stream key): see rng.h for how
 * keys give common random numbers. Results are rounded to the nearest
 * microsecond and are never negative. Uses libm's log, exp, sqrt and cos,
 * which glibc computes identically on every x86-64 and arm64 machine.
 */
#ifndef SIM_DIST_H
#define SIM_DIST_H

#include <stdint.h>

#include "sim/scenario.h"

/* Draws one duration from stream `key`. */
sim_time dist_sample(const scn_dist *d, uint64_t key);

/* An exponential gap of mean `mean_us` microseconds from 64 random bits. */
sim_time dist_exp(double mean_us, uint64_t bits);

/* Stream keys. Streams are keyed by the group's name (hashed), the task's
 * instance, the repetition and the step; `purpose` separates the duration of
 * a step from its failure draw, and arrival gaps from both. */
enum { DIST_PURPOSE_DURATION = 1, DIST_PURPOSE_FAILURE = 2, DIST_PURPOSE_ARRIVAL = 3 };
uint64_t dist_step_key(uint64_t seed, uint64_t group_hash, uint32_t instance, uint32_t rep,
                       uint32_t step, uint32_t purpose);
uint64_t dist_arrival_key(uint64_t seed, uint64_t group_hash);

/* The time from arrival i-1 to arrival i of an open group (i = 0: from t=0).
 * `key` is the group's dist_arrival_key. The engine schedules arrivals with
 * it and sim_task_counts (counts.c) counts them with it, so both agree exactly. */
sim_time dist_arrival_gap(const scn_arrivals *a, uint64_t key, uint32_t i);

#endif

/* rng.h - internal: counter-based random numbers for common random numbers.
 *
 * A draw is a pure function of (seed, stream, counter): no generator state is
 * carried from one draw to the next. The engine keys each task step's stream
 * by the group's name, the task's instance, the repetition and the step, so
 *  - every strategy sees the same sampled durations (a fair comparison: the
 *    difference between two strategies is the strategy, not luck);
 *  - adding a task, or a group, does not change anyone else's draws;
 *  - the order events happen in never changes what is drawn.
 * The alternative rejected: one sequential generator per run, whose draws
 * would depend on the order tasks reach their steps, i.e. on the strategy.
 * The mixer is SplitMix64's finaliser (Steele, Lea, Flood 2014), applied to a
 * running combination of the key words; it passes BigCrush as a counter RNG.
 */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdint.h>

static inline uint64_t rng_mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* A 64-bit stream key from up to four words. */
static inline uint64_t rng_key(uint64_t seed, uint64_t a, uint64_t b, uint64_t c) {
  return rng_mix(rng_mix(rng_mix(rng_mix(seed) ^ a) ^ b) ^ c);
}

/* The n-th 64-bit draw of a stream. */
static inline uint64_t rng_draw(uint64_t key, uint64_t n) {
  return rng_mix(key ^ rng_mix(n));
}

/* A uniform double in [0, 1) with 53 random bits. */
static inline double rng_unit(uint64_t bits) {
  return (double)(bits >> 11) * 0x1.0p-53;
}

/* FNV-1a: a stable hash of a group's name, so its streams follow the name,
 * not its position in the file. */
static inline uint64_t rng_hash_name(const char *s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
  return h;
}

#endif

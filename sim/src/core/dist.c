/* dist.c - sampling durations; see dist.h. */
#include "dist.h"

#include <math.h>

#include "rng.h"

static sim_time to_time(double us) {
  if (!(us > 0)) return 0; /* also NaN */
  if (us >= 9.2e18) return INT64_MAX / 4;
  return (sim_time)llround(us);
}

sim_time dist_exp(double mean_us, uint64_t bits) {
  /* Inverse CDF on 1 - u, which is in (0, 1]: log never sees 0. */
  return to_time(-mean_us * log(1.0 - rng_unit(bits)));
}

/* A standard normal from two uniforms (Box-Muller, cosine branch only, so
 * each pair of draws gives one value and no state is carried). */
static double std_normal(uint64_t key, uint64_t n) {
  double u1 = 1.0 - rng_unit(rng_draw(key, 2 * n)); /* (0, 1] */
  double u2 = rng_unit(rng_draw(key, 2 * n + 1));
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

sim_time dist_sample(const scn_dist *d, uint64_t key) {
  switch (d->kind) {
  case SCN_DIST_FIXED:
    return d->value;
  case SCN_DIST_EXP:
    return dist_exp((double)d->value, rng_draw(key, 0));
  case SCN_DIST_UNIFORM: {
    /* Integer arithmetic: every microsecond in [low, high] equally likely. */
    uint64_t span = (uint64_t)(d->spread - d->value) + 1;
    return d->value + (sim_time)(rng_draw(key, 0) % span);
  }
  case SCN_DIST_NORMAL: {
    /* Truncated at 0 by rejection, which keeps the shape above 0 (clamping
     * would pile the negative mass onto 0). Bounded: after 64 rejections
     * (mean far below 0, sd tiny) the sample is 0. */
    for (uint64_t n = 0; n < 64; n++) {
      double x = (double)d->value + (double)d->spread * std_normal(key, n);
      if (x >= 0) return to_time(x);
    }
    return 0;
  }
  case SCN_DIST_LOGNORMAL: {
    /* Parameters of the underlying normal from the duration's mean m, sd s. */
    double m = (double)d->value, s = (double)d->spread;
    double sigma2 = log(1.0 + (s * s) / (m * m));
    double mu = log(m) - sigma2 / 2.0;
    return to_time(exp(mu + sqrt(sigma2) * std_normal(key, 0)));
  }
  case SCN_DIST_CHOICE: {
    double total = 0;
    for (int i = 0; i < d->nchoices; i++) total += d->choices[i].weight;
    double x = rng_unit(rng_draw(key, 0)) * total;
    for (int i = 0; i < d->nchoices; i++) {
      if (x < d->choices[i].weight) return d->choices[i].value;
      x -= d->choices[i].weight;
    }
    return d->choices[d->nchoices - 1].value; /* rounding left x at total */
  }
  case SCN_DIST_KIND_COUNT:
    break;
  }
  return d->value;
}

uint64_t dist_step_key(uint64_t seed, uint64_t group_hash, uint32_t instance, uint32_t rep,
                       uint32_t step, uint32_t purpose) {
  return rng_key(seed, group_hash, ((uint64_t)instance << 32) | rep,
                 ((uint64_t)step << 8) | purpose);
}

sim_time dist_arrival_gap(const scn_arrivals *a, uint64_t key, uint32_t i) {
  switch (a->kind) {
  case SCN_ARRIVE_EVERY:
    return i == 0 ? 0 : a->every;
  case SCN_ARRIVE_POISSON:
    return dist_exp(1e6 / a->rate, rng_draw(key, i));
  case SCN_ARRIVE_AT:
    return i == 0 ? a->at[0] : a->at[i] - a->at[i - 1];
  case SCN_ARRIVE_AT_START:
    break;
  }
  return 0;
}

uint64_t dist_arrival_key(uint64_t seed, uint64_t group_hash) {
  return rng_key(seed, group_hash, 0xa55a5aa5ULL, DIST_PURPOSE_ARRIVAL);
}

/* sim_time.h - simulated time: an int64 count of microseconds.
 *
 * Integer time keeps every run exact and identical on every machine: 30 moves of
 * 5 s add up to exactly 150 s, and no two events swap because of rounding.
 * Durations are written with units in scenario files and on the command line
 * ("250us", "150ms", "5s", "2min", "1h", "1h30min"; a bare number is seconds).
 */
#ifndef SIM_TIME_H
#define SIM_TIME_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t sim_time;

#define SIM_US       ((sim_time)1)
#define SIM_MS       ((sim_time)1000)
#define SIM_S        ((sim_time)1000000)
#define SIM_MIN      (60 * SIM_S)
#define SIM_H        (60 * SIM_MIN)
#define SIM_TIME_MAX INT64_MAX

/* Parses a duration such as "1h30min", "2.5s", "250us" or "90" (seconds).
 * Returns 0 and stores the value, or -1 and points *why at a static reason
 * ("unknown unit 'x'", "negative duration", ...). Never reads past the NUL. */
int sim_time_parse_duration(const char *text, sim_time *out, const char **why);

/* Formats as h:mm:ss, or h:mm:ss.fff when t has a sub-second part (rounded
 * toward zero to the millisecond); "-" prefix for negative times. Returns the
 * length written, as snprintf does. */
int sim_time_format(sim_time t, char *buf, size_t size);

/* Formats a duration compactly for people: "5s", "2min", "1h30min", "250ms". */
int sim_time_format_duration(sim_time t, char *buf, size_t size);

/* Orders sim_time values ascending: a comparator for qsort and bsearch. */
int sim_time_cmp(const void *a, const void *b);

/* Seconds as a double, for JSON, CSV and ratios. */
static inline double sim_time_seconds(sim_time t) {
  return (double)t / (double)SIM_S;
}

#endif

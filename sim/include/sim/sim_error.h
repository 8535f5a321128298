/* sim_error.h - how the engine reports failure.
 *
 * Every fallible public function returns 0 on success or an exit status and
 * fills a caller-owned sim_error: SIM_EINPUT (2) for bad input (a scenario file,
 * a --strategy or --set value), SIM_EFAIL (1) for a run that cannot finish
 * (a deadlock) or a system failure (out of memory, unwritable file). The
 * message is complete and ready to print, shaped "file:line:col: error: ..."
 * whenever a position in a file is known. Programmer errors are asserts.
 */
#ifndef SIM_ERROR_H
#define SIM_ERROR_H

enum { SIM_OK = 0, SIM_EFAIL = 1, SIM_EINPUT = 2 };

typedef struct sim_error {
  int code;
  char msg[1024];
} sim_error;

/* Sets err (if not NULL) and returns code, so callers can `return sim_fail(...)`. */
int sim_fail(sim_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif

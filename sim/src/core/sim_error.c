/* sim_error.c - filling a sim_error; see sim_error.h. */
#include "sim/sim_error.h"

#include <stdarg.h>
#include <stdio.h>

int sim_fail(sim_error *err, int code, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
  }
  return code;
}

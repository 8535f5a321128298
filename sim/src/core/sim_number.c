/* sim_number.c - locale-independent decimal parsing; see sim_number.h.
 *
 * The syntax is checked here; the conversion is strtod's under a "C" locale
 * made current for this thread only (uselocale), since correct rounding is
 * subtle and glibc's strtod already does it exactly. A copy with the
 * locale's own decimal point was rejected: it would still depend on the
 * global locale, which another thread may be changing.
 */
#define _POSIX_C_SOURCE 200809L
#include "sim/sim_number.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>

static int digits(const char **p) {
  int n = 0;
  while (**p >= '0' && **p <= '9') {
    (*p)++;
    n++;
  }
  return n;
}

int sim_number_parse(const char *text, double *out) {
  if (!text) return -1;
  const char *p = text;
  if (*p == '+' || *p == '-') p++;
  int n = digits(&p);
  if (*p == '.') {
    p++;
    n += digits(&p);
  }
  if (n == 0) return -1;
  if (*p == 'e' || *p == 'E') {
    p++;
    if (*p == '+' || *p == '-') p++;
    if (digits(&p) == 0) return -1;
  }
  if (*p != '\0') return -1;

  locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  if (c == (locale_t)0) return -1;
  locale_t before = uselocale(c);
  char *end;
  errno = 0;
  double x = strtod(text, &end);
  int bad = errno == ERANGE || *end != '\0' || !isfinite(x);
  uselocale(before);
  freelocale(c);
  /* ERANGE also flags an underflow to a tiny or zero value ("1e-400"):
   * refused too, as the number written is not the number read. */
  if (bad) return -1;
  *out = x;
  return 0;
}

/* rep_locale.c - see rep_locale.h. */
#define _POSIX_C_SOURCE 200809L
#include "rep_locale.h"

#include <locale.h>

void rep_locale_enter(rep_locale *l) {
  locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  l->c = c;
  l->saved = c ? (void *)uselocale(c) : NULL;
}

void rep_locale_leave(rep_locale *l) {
  if (!l->c) return;
  uselocale((locale_t)l->saved);
  freelocale((locale_t)l->c);
  l->c = NULL;
}

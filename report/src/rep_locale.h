/* rep_locale.h - internal: the reports are written in the "C" locale.
 *
 * printf's %g and %f follow LC_NUMERIC, so a program embedding the library
 * after setlocale(LC_ALL, "de_DE.UTF-8") would write "utilization": 0,0833
 * - invalid JSON, and a CSV that splits differently. Every public writer
 * switches its own thread to "C" for the duration (uselocale), leaving the
 * program's locale as it was; the alternative, formatting every number by
 * hand, would duplicate printf's rounding.
 */
#ifndef REP_LOCALE_H
#define REP_LOCALE_H

/* Opaque, so including this needs no POSIX feature macro before the
 * includer's first system header. */
typedef struct rep_locale {
  void *c, *saved; /* locale_t; c == NULL: could not switch, writing as is */
} rep_locale;

void rep_locale_enter(rep_locale *l);
void rep_locale_leave(rep_locale *l);

#endif

/* sim_number.h - decimal numbers read the same under every locale.
 *
 * strtod follows LC_NUMERIC: a program that embeds the engine after
 * setlocale(LC_ALL, "de_DE.UTF-8") would read "0.05" as 0 with "." left
 * over, and strtod also takes hex floats ("0x1p-1"), "nan" and "inf", none of
 * which a scenario or an option means. This reads plain decimals only.
 */
#ifndef SIM_NUMBER_H
#define SIM_NUMBER_H

/* Parses all of `text` as [+-]digits[.digits][e[+-]digits] (at least one digit
 * before the exponent, no blanks) into a finite double, correctly rounded as
 * strtod rounds in the "C" locale. Returns 0, or -1 (malformed, out of range,
 * or not finite) leaving *out untouched. */
int sim_number_parse(const char *text, double *out);

#endif

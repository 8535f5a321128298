/* test_locale.c - a program that embeds the library after
 * setlocale(LC_ALL, "de_DE.UTF-8") (a locale whose decimal point is a comma)
 * reads scenarios and writes reports exactly as in the "C" locale.
 *
 * The locale is compiled by the test itself with localedef into a temporary
 * directory named by LOCPATH, so it needs no locale installed on the machine,
 * only the locales package's sources (scripts/install-deps.sh --test).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "report/report.h"
#include "sim/sim_number.h"

/* fail: 0.05 and a Poisson rate of 0.5 are the decimals strtod would misread. */
static const char scenario[] = "name: Decimals\n"
                               "tasks:\n"
                               "  - name: req\n"
                               "    arrivals: {poisson: 0.5}\n"
                               "    count: 20\n"
                               "    steps:\n"
                               "      - {cpu: 1s}\n"
                               "      - {wait: 3s, fail: 0.05}\n";

static char locdir[256];

/* Writes every report format and the trace of one run into one string. */
static char *all_outputs(void) {
  scn_scenario scn;
  sim_error err = {0};
  if (scn_load_text("decimals.yaml", scenario, sizeof scenario - 1, NULL, 0, &scn, &err))
    fail_msg("%s", err.msg);
  sim_result res[2];
  const char *names[2] = {"sync", "async"};
  for (int i = 0; i < 2; i++)
    if (harness_run_loaded(&scn, names[i], 1, &res[i], &err)) fail_msg("%s", err.msg);
  FILE *f = tmpfile();
  assert_non_null(f);
  for (int fmt = REP_FORMAT_TABLE; fmt <= REP_FORMAT_JSON; fmt++)
    assert_int_equal(rep_write(f, (rep_format)fmt, &scn, res, 2, NULL), 0);
  assert_int_equal(rep_trace_write(f, &scn, res, 2), 0);
  long n = ftell(f);
  rewind(f);
  char *text = calloc((size_t)n + 1, 1);
  assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  for (int i = 0; i < 2; i++) sim_result_free(&res[i]);
  scn_free(&scn);
  return text;
}

static int make_comma_locale(void **state) {
  (void)state;
  snprintf(locdir, sizeof locdir, "/tmp/simul-locale-XXXXXX");
  if (!mkdtemp(locdir)) return -1;
  char cmd[600];
  snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", locdir);
  if (system(cmd) != 0) return -1;
  return setenv("LOCPATH", locdir, 1);
}

static int remove_locale(void **state) {
  (void)state;
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", locdir);
  return system(cmd) == 0 ? 0 : -1;
}

static void outputs_do_not_follow_the_locale(void **state) {
  (void)state;
  char *in_c = all_outputs();
  assert_non_null(setlocale(LC_ALL, "de_DE.UTF-8"));
  /* The locale really is in force: printf writes a comma... */
  char buf[32];
  snprintf(buf, sizeof buf, "%.2f", 0.5);
  assert_string_equal(buf, "0,50");
  /* ...yet the reports come out byte for byte as in "C". */
  char *in_de = all_outputs();
  setlocale(LC_ALL, "C");
  assert_string_equal(in_de, in_c);
  /* And they hold decimals: JSON's utilization is "0.x", not "0,x". */
  assert_non_null(strstr(in_c, "\"utilization\":0."));
  free(in_c);
  free(in_de);
}

static void numbers_parse_the_same_in_any_locale(void **state) {
  (void)state;
  assert_non_null(setlocale(LC_ALL, "de_DE.UTF-8"));
  double x = 0;
  assert_int_equal(sim_number_parse("0.05", &x), 0);
  assert_true(x == 0.05);
  assert_int_equal(sim_number_parse("2.5e3", &x), 0);
  assert_true(x == 2500);
  /* The locale's own spelling is not a number here, nor hex, nan or inf. */
  assert_int_equal(sim_number_parse("0,05", &x), -1);
  assert_int_equal(sim_number_parse("0x1p-1", &x), -1);
  assert_int_equal(sim_number_parse("nan", &x), -1);
  assert_int_equal(sim_number_parse("inf", &x), -1);
  assert_int_equal(sim_number_parse("1e999", &x), -1);
  setlocale(LC_ALL, "C");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(outputs_do_not_follow_the_locale),
      cmocka_unit_test(numbers_parse_the_same_in_any_locale),
  };
  return cmocka_run_group_tests(tests, make_comma_locale, remove_locale);
}

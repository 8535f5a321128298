/* test_time.c - durations with units: exact parsing, the errors, and the two
 * formats (h:mm:ss[.fff] for clocks, compact "1h30min" for durations). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "sim/sim_time.h"

static sim_time parse_ok(const char *text) {
  sim_time t = -12345;
  const char *why = NULL;
  int rc = sim_time_parse_duration(text, &t, &why);
  if (rc != 0) fail_msg("'%s' did not parse: %s", text, why);
  return t;
}

/* Asserts the text is refused and the reason contains `reason`. */
static void parse_fails(const char *text, const char *reason) {
  sim_time t = -12345;
  const char *why = NULL;
  assert_int_equal(sim_time_parse_duration(text, &t, &why), -1);
  assert_non_null(why);
  if (!strstr(why, reason)) fail_msg("'%s': reason '%s' lacks '%s'", text, why, reason);
  assert_true(t == -12345); /* *out untouched on failure */
}

static void duration_each_unit(void **state) {
  (void)state;
  assert_true(parse_ok("250us") == 250);
  assert_true(parse_ok("150ms") == 150 * SIM_MS);
  assert_true(parse_ok("5s") == 5 * SIM_S);
  assert_true(parse_ok("2min") == 2 * SIM_MIN);
  assert_true(parse_ok("1h") == SIM_H);
  assert_true(parse_ok("3\xc2\xb5s") == 3); /* µs */
  assert_true(parse_ok("0s") == 0);
}

static void duration_bare_number_is_seconds(void **state) {
  (void)state;
  assert_true(parse_ok("90") == 90 * SIM_S);
  assert_true(parse_ok("0") == 0);
  assert_true(parse_ok("1.5") == 1500 * SIM_MS);
}

static void duration_combined_units(void **state) {
  (void)state;
  assert_true(parse_ok("1h30min") == SIM_H + 30 * SIM_MIN);
  assert_true(parse_ok("1h30min15s250ms") == SIM_H + 30 * SIM_MIN + 15 * SIM_S + 250 * SIM_MS);
  assert_true(parse_ok("2min5s") == 125 * SIM_S);
  assert_true(parse_ok("1s500us") == SIM_S + 500);
  assert_true(parse_ok("1h 30min") == SIM_H + 30 * SIM_MIN);
  assert_true(parse_ok("5 s") == 5 * SIM_S);
  assert_true(parse_ok(" 5s ") == 5 * SIM_S);
}

static void duration_decimals_are_exact(void **state) {
  (void)state;
  assert_true(parse_ok("0.1s") == 100000);
  assert_true(parse_ok("2.5s") == 2500000);
  assert_true(parse_ok("1.5min") == 90 * SIM_S);
  assert_true(parse_ok("0.001s") == 1000);
  assert_true(parse_ok("0.000001s") == 1);
  assert_true(parse_ok("1.5ms") == 1500);
  assert_true(parse_ok("0.25h") == 15 * SIM_MIN);
  assert_true(parse_ok("0.0000000025h") == 9); /* ten places, still whole microseconds */
  assert_true(parse_ok("1.50000000000000000000s") == 1500000); /* trailing zeros are free */
  assert_true(parse_ok("1h30.5min") == SIM_H + 30 * SIM_MIN + 30 * SIM_S);
  assert_true(parse_ok("007s") == 7 * SIM_S);
}

static void duration_finer_than_a_microsecond_is_refused(void **state) {
  (void)state;
  parse_fails("1.5us", "finer than a microsecond");
  parse_fails("0.0000001s", "finer than a microsecond");
  parse_fails("0.00000000001h", "finer than a microsecond");
  parse_fails("0.3333333333333333333min", "finer than a microsecond");
}

static void duration_negative_is_refused(void **state) {
  (void)state;
  parse_fails("-5s", "negative");
  parse_fails("-0", "negative");
  parse_fails(" -1h", "negative");
}

static void duration_empty_is_refused(void **state) {
  (void)state;
  parse_fails("", "empty");
  parse_fails("   ", "empty");
  parse_fails(NULL, "empty");
}

static void duration_unknown_unit_is_refused(void **state) {
  (void)state;
  parse_fails("5x", "unknown unit");
  parse_fails("5sec", "unknown unit");
  parse_fails("5S", "unknown unit");
  parse_fails("5m", "write min for minutes");
  parse_fails("1h30m", "write min for minutes");
}

static void duration_trailing_junk_is_refused(void **state) {
  (void)state;
  parse_fails("5s!", "unexpected text");
  parse_fails("5s,", "unexpected text");
  parse_fails("5s 3", "missing unit");
  parse_fails("1h30", "missing unit");
  parse_fails("abc", "expected a number");
  parse_fails("s", "expected a number");
  parse_fails(".5s", "expected a number");
  parse_fails("5.s", "malformed number");
  parse_fails("1e3s", "unknown unit");
  parse_fails("+5s", "expected a number");
}

static void duration_units_in_order_each_once(void **state) {
  (void)state;
  parse_fails("30min1h", "out of order");
  parse_fails("1s1s", "out of order");
  parse_fails("5us5\xc2\xb5s", "out of order");
}

static void duration_overflow_is_refused(void **state) {
  (void)state;
  /* INT64_MAX us is 2562047788h0min54.775807s, some 292471 years. */
  assert_true(parse_ok("9223372036854775807us") == INT64_MAX);
  assert_true(parse_ok("2562047788h54.775807s") == INT64_MAX);
  parse_fails("9223372036854775808us", "too large");
  parse_fails("2562047789h", "too large");
  parse_fails("2562047788h54.775808s", "too large");
  parse_fails("99999999999999999999999999h", "too large");
}

static void time_format_clock(void **state) {
  (void)state;
  char buf[64];
  assert_int_equal(sim_time_format(0, buf, sizeof buf), 7);
  assert_string_equal(buf, "0:00:00");
  sim_time_format(43200 * SIM_S, buf, sizeof buf);
  assert_string_equal(buf, "12:00:00");
  sim_time_format(3655 * SIM_S, buf, sizeof buf);
  assert_string_equal(buf, "1:00:55");
  sim_time_format(219 * SIM_MIN, buf, sizeof buf);
  assert_string_equal(buf, "3:39:00");
  sim_time_format(100 * SIM_H, buf, sizeof buf);
  assert_string_equal(buf, "100:00:00");
}

static void time_format_subsecond_truncates_to_ms(void **state) {
  (void)state;
  char buf[64];
  sim_time_format(2500 * SIM_MS, buf, sizeof buf);
  assert_string_equal(buf, "0:00:02.500");
  sim_time_format(SIM_S + 1999, buf, sizeof buf); /* 1.001999 s: toward zero */
  assert_string_equal(buf, "0:00:01.001");
  sim_time_format(250, buf, sizeof buf);
  assert_string_equal(buf, "0:00:00.000");
  sim_time_format(-(90 * SIM_S + 5 * SIM_MS), buf, sizeof buf);
  assert_string_equal(buf, "-0:01:30.005");
}

static void time_format_reports_length_like_snprintf(void **state) {
  (void)state;
  char small[4];
  assert_int_equal(sim_time_format(12 * SIM_H, small, sizeof small), 8);
  assert_string_equal(small, "12:");
  char buf[64];
  assert_true(sim_time_format(INT64_MIN, buf, sizeof buf) > 0);
  assert_string_equal(buf, "-2562047788:00:54.775");
}

static void duration_format_compact(void **state) {
  (void)state;
  static const struct {
    sim_time t;
    const char *text;
  } cases[] = {
      {0, "0s"},
      {5 * SIM_S, "5s"},
      {2 * SIM_MIN, "2min"},
      {SIM_H + 30 * SIM_MIN, "1h30min"},
      {250 * SIM_MS, "250ms"},
      {1500 * SIM_MS, "1.5s"},
      {250, "250us"},
      {1500, "1.5ms"},
      {90 * SIM_S, "1min30s"},
      {SIM_H + 5 * SIM_S, "1h5s"},
      {2 * SIM_H, "2h"},
      {SIM_MIN + 250 * SIM_MS, "1min0.25s"},
      {SIM_S + 1, "1.000001s"},
      {-5 * SIM_S, "-5s"},
  };
  char buf[64];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int n = sim_time_format_duration(cases[i].t, buf, sizeof buf);
    assert_string_equal(buf, cases[i].text);
    assert_int_equal(n, (int)strlen(cases[i].text));
  }
}

/* What the table prints, a file can say: format then parse is the identity. */
static void duration_format_parses_back(void **state) {
  (void)state;
  const sim_time samples[] = {0,
                              1,
                              999,
                              1000,
                              1001,
                              SIM_S - 1,
                              SIM_S,
                              SIM_S + 1,
                              59 * SIM_S,
                              SIM_MIN,
                              SIM_H - 1,
                              SIM_H,
                              36 * SIM_H + 7,
                              INT64_MAX,
                              123456789,
                              987654321012,
                              43200 * SIM_S};
  char buf[64];
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    sim_time_format_duration(samples[i], buf, sizeof buf);
    sim_time back = -1;
    const char *why;
    if (sim_time_parse_duration(buf, &back, &why)) fail_msg("'%s' does not parse: %s", buf, why);
    assert_true(back == samples[i]);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(duration_each_unit),
      cmocka_unit_test(duration_bare_number_is_seconds),
      cmocka_unit_test(duration_combined_units),
      cmocka_unit_test(duration_decimals_are_exact),
      cmocka_unit_test(duration_finer_than_a_microsecond_is_refused),
      cmocka_unit_test(duration_negative_is_refused),
      cmocka_unit_test(duration_empty_is_refused),
      cmocka_unit_test(duration_unknown_unit_is_refused),
      cmocka_unit_test(duration_trailing_junk_is_refused),
      cmocka_unit_test(duration_units_in_order_each_once),
      cmocka_unit_test(duration_overflow_is_refused),
      cmocka_unit_test(time_format_clock),
      cmocka_unit_test(time_format_subsecond_truncates_to_ms),
      cmocka_unit_test(time_format_reports_length_like_snprintf),
      cmocka_unit_test(duration_format_compact),
      cmocka_unit_test(duration_format_parses_back),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

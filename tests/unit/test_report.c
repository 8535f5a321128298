/* test_report.c - batch mode's output, byte for byte, from hand-made results.
 *
 * The results here are written by hand, not simulated, so these tests pin
 * the formats alone: the table's layout, CSV quoting, the JSON field names
 * and the trace's events. The engine's numbers are pinned by the CLI tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "report/report.h"

/* --- a tiny scenario and two results -------------------------------------- */

static scn_step board_steps[] = {
    {.kind = SCN_STEP_CPU,
     .duration = {.kind = SCN_DIST_FIXED, .value = 1 * SIM_S},
     .label = "move"},
    {.kind = SCN_STEP_WAIT, .duration = {.kind = SCN_DIST_FIXED, .value = 2 * SIM_S}},
};
static scn_step box_steps[] = {
    {.kind = SCN_STEP_ACQUIRE, .resource = 0},
    {.kind = SCN_STEP_CPU, .duration = {.kind = SCN_DIST_FIXED, .value = 500 * SIM_MS}},
    {.kind = SCN_STEP_RELEASE, .resource = 0},
};
static scn_group groups[] = {
    {.name = "board", .count = 2, .repeat = 1, .steps = board_steps, .nsteps = 2},
    {.name = "box", .count = 1, .repeat = 2, .steps = box_steps, .nsteps = 3},
};
static scn_resource resources[] = {{.name = "desk", .capacity = 1}};

static const scn_scenario tiny = {
    .file = "tiny.yaml",
    .name = "Tiny",
    .seed = 7,
    .groups = groups,
    .ngroups = 2,
    .resources = resources,
    .nresources = 1,
    .ntasks = 3,
};

static sim_time sync_end[] = {3 * SIM_S, 6 * SIM_S, 9 * SIM_S};
static sim_time threads_end[] = {3 * SIM_S, 3 * SIM_S, 2500 * SIM_MS};
static sim_lane one_lane[] = {{"worker"}};
static sim_lane two_lanes[] = {{"core 1"}, {"core 2"}};

static sim_result make_sync(void) {
  sim_result r = {
      .strategy = "sync",
      .seed = 7,
      .ntasks = 3,
      .cores = 1,
      .makespan = 9 * SIM_S,
      .busy = 4 * SIM_S,
      .events = 10,
      .switches = 2,
      .utilization = 4.0 / 9.0,
      .completion = {6, 6, 9, 9, 9},
      .ready_wait = {1, 3, 3, 3, 3},
      .outcomes = {3, 0, 0, 0},
      .response = {6, 6, 9, 9, 9},
      .throughput = 3.0 / 9.0,
      .in_system_mean = 2,
      .task_end = sync_end,
      .lanes = one_lane,
      .nlanes = 1,
  };
  return r;
}

static sim_result make_threads(void) {
  sim_result r = {
      .strategy = "threads:gil=off,cores=4",
      .seed = 7,
      .ntasks = 3,
      .cores = 2,
      .makespan = 3 * SIM_S,
      .busy = 4 * SIM_S,
      .events = 12,
      .switches = 3,
      .utilization = 4.0 / 6.0,
      .completion = {2.8333333333333335, 3, 3, 3, 3},
      .ready_wait = {0.25, 0.5, 0.5, 0.5, 0.5},
      .outcomes = {3, 0, 0, 0},
      .response = {2.8333333333333335, 3, 3, 3, 3},
      .throughput = 1,
      .in_system_mean = 2.8333333333333335,
      .task_end = threads_end,
      .lanes = two_lanes,
      .nlanes = 2,
  };
  return r;
}

/* Writes with `write` into a temporary file and returns its bytes (malloc'd). */
static char *capture_report_opts(rep_format format, const sim_result *r, int n,
                                 const rep_opts *opts) {
  FILE *f = tmpfile();
  assert_non_null(f);
  assert_int_equal(rep_write(f, format, &tiny, r, n, opts), 0);
  long len = ftell(f);
  assert_true(len >= 0);
  rewind(f);
  char *buf = malloc((size_t)len + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
  buf[len] = '\0';
  fclose(f);
  return buf;
}

static char *capture_report(rep_format format, const sim_result *r, int n, int task_ends) {
  rep_opts opts = {.task_ends = task_ends};
  return capture_report_opts(format, r, n, &opts);
}

static char *capture_trace(const sim_result *r, int n) {
  FILE *f = tmpfile();
  assert_non_null(f);
  assert_int_equal(rep_trace_write(f, &tiny, r, n), 0);
  long len = ftell(f);
  rewind(f);
  char *buf = malloc((size_t)len + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
  buf[len] = '\0';
  fclose(f);
  return buf;
}

/* --- the small pieces ----------------------------------------------------- */

static void format_parse_knows_three_names(void **state) {
  (void)state;
  rep_format f = REP_FORMAT_TABLE;
  assert_int_equal(rep_format_parse("json", &f), 0);
  assert_int_equal(f, REP_FORMAT_JSON);
  assert_int_equal(rep_format_parse("csv", &f), 0);
  assert_int_equal(f, REP_FORMAT_CSV);
  assert_int_equal(rep_format_parse("table", &f), 0);
  assert_int_equal(f, REP_FORMAT_TABLE);
  assert_int_equal(rep_format_parse("xml", &f), -1);
  assert_int_equal(rep_format_parse("JSON", &f), -1);
  assert_int_equal(rep_format_parse("", &f), -1);
}

static void speedup_is_over_plain_sync_only(void **state) {
  (void)state;
  sim_result r[2] = {make_threads(), make_sync()};
  assert_true(sim_speedup_vs_sync(r, 2, 0) == 3.0);
  assert_true(sim_speedup_vs_sync(r, 2, 1) == 1.0);
  /* "sync:switch_cost=1s" is another experiment, not the baseline. */
  snprintf(r[1].strategy, sizeof r[1].strategy, "sync:switch_cost=1s");
  assert_true(sim_speedup_vs_sync(r, 2, 0) == 0.0);
}

/* --- table ------------------------------------------------------------------ */

static void table_aligns_columns_to_widest_cell(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  char *out = capture_report(REP_FORMAT_TABLE, r, 2, 0);
  const char *expected =
      "Tiny \xe2\x80\x94 2 boards, box x 2 rounds (3 tasks)\n"
      "strategy                  makespan      busy   utilization   speed-up   p95 end   switches\n"
      "sync                       0:00:09   0:00:04         44.4%      1.00x   0:00:09          2\n"
      "threads:gil=off,cores=4    0:00:03   0:00:04         66.7%      3.00x   0:00:03          "
      "3\n";
  assert_string_equal(out, expected);
  free(out);
}

static void table_names_the_single_lane_and_dashes_without_sync(void **state) {
  (void)state;
  sim_result r[1] = {make_sync()};
  snprintf(r[0].strategy, sizeof r[0].strategy, "async");
  r[0].busy = 4 * SIM_S + 250 * SIM_MS;
  char *out = capture_report(REP_FORMAT_TABLE, r, 1, 0);
  const char *expected =
      "Tiny \xe2\x80\x94 2 boards, box x 2 rounds (3 tasks)\n"
      "strategy   makespan   worker busy   utilization   speed-up   p95 end   switches\n"
      "async       0:00:09   0:00:04.250         44.4%          -   0:00:09          2\n";
  assert_string_equal(out, expected);
  free(out);
}

static void table_tasks_section_lists_each_end_at_one_precision(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  char *out = capture_report(REP_FORMAT_TABLE, r, 2, 1);
  const char *tail = "\n"
                     "task end times\n"
                     "task         sync   threads:gil=off,cores=4\n"
                     "board 1   0:00:03               0:00:03.000\n"
                     "board 2   0:00:06               0:00:03.000\n"
                     "box       0:00:09               0:00:02.500\n";
  const char *at = strstr(out, "\ntask end times\n");
  assert_non_null(at);
  assert_string_equal(at, tail);
  free(out);
}

/* --- CSV --------------------------------------------------------------------- */

static void csv_quotes_a_label_with_commas(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  char *out = capture_report(REP_FORMAT_CSV, r, 2, 0);
  const char *expected =
      "strategy,makespan_s,busy_s,utilization,tasks,events,switches,completion_mean_s,"
      "completion_p50_s,completion_p95_s,completion_max_s,ready_wait_mean_s,ready_wait_max_s,"
      "speedup_vs_sync,cores,response_mean_s,response_p50_s,response_p95_s,response_p99_s,"
      "response_max_s,throughput_per_s,in_system_mean,ok,timeout,failed,cancelled\r\n"
      "sync,9,4,0.4444444444444444,3,10,2,6,6,9,9,1,3,1,1,6,6,9,9,9,0.3333333333333333,2,3,0,0,"
      "0\r\n"
      "\"threads:gil=off,cores=4\",3,4,0.6666666666666666,3,12,3,2.8333333333333335,3,3,3,0.25,0."
      "5,3,2,2.8333333333333335,3,3,3,3,1,2.8333333333333335,3,0,0,0\r\n";
  assert_string_equal(out, expected);
  free(out);
}

static void csv_leaves_speedup_empty_without_sync(void **state) {
  (void)state;
  sim_result r[1] = {make_threads()};
  r[0].makespan = 2500 * SIM_MS + 1;
  char *out = capture_report(REP_FORMAT_CSV, r, 1, 1);
  const char *row = strchr(out, '\n') + 1;
  assert_string_equal(row, "\"threads:gil=off,cores=4\",2.500001,4,0.6666666666666666,3,12,3,"
                           "2.8333333333333335,3,3,3,0.25,0.5,,2,2.8333333333333335,3,3,3,3,1,"
                           "2.8333333333333335,3,0,0,0,3,3,2.5\r\n");
  assert_non_null(
      strstr(out, ",cancelled,task_end_s:board 1,task_end_s:board 2,task_end_s:box\r\n"));
  free(out);
}

/* A task that timed out: the table grows an outcomes column, only then. */
static void table_shows_outcomes_when_a_task_did_not_end_ok(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  char *plain = capture_report(REP_FORMAT_TABLE, r, 2, 0);
  assert_null(strstr(plain, "outcomes"));
  free(plain);
  r[1].outcomes[SIM_OUTCOME_OK] = 1;
  r[1].outcomes[SIM_OUTCOME_TIMEOUT] = 1;
  r[1].outcomes[SIM_OUTCOME_CANCELLED] = 1;
  char *out = capture_report(REP_FORMAT_TABLE, r, 2, 0);
  /* Right-aligned to the widest cell, 28 wide, after the 3-space gap. */
  assert_non_null(strstr(out, "   switches                       outcomes\n"));
  assert_non_null(strstr(out, "  1 ok, 1 timeout, 1 cancelled\n"));
  assert_non_null(strstr(out, "                  3 ok\n"));
  free(out);
}

/* Tasks that arrive over time: response times and throughput replace the
 * completion percentile, in units that fit them. */
static void table_shows_response_columns_for_open_workloads(void **state) {
  (void)state;
  sim_result r[1] = {make_sync()};
  r[0].open = 1;
  r[0].response = (sim_stats){0.05, 0.04, 0.1234, 2.5, 75};
  r[0].throughput = 16.125;
  char *out = capture_report(REP_FORMAT_TABLE, r, 1, 0);
  const char *expected =
      "Tiny \xe2\x80\x94 2 boards, box x 2 rounds (3 tasks)\n"
      "strategy   makespan   worker busy   utilization   speed-up   resp mean   "
      "resp p95   resp p99   throughput   switches\n"
      "sync        0:00:09       0:00:04         44.4%      1.00x      50.0ms    "
      "123.4ms    0:01:15       16.1/s          2\n";
  assert_string_equal(out, expected);
  free(out);
}

/* --runs: means with +- intervals in the table, "runs" and "ci95" in JSON. */
static void runs_show_intervals(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  rep_summary sum[2] = {{.runs = 10, .speedup = 1, .ci = {.makespan_s = 0.25}},
                        {.runs = 10, .speedup = 2.9, .ci = {.makespan_s = 0.5, .speedup = 0.125}}};
  rep_opts opts = {.summary = sum};
  char *table = capture_report_opts(REP_FORMAT_TABLE, r, 2, &opts);
  assert_non_null(
      strstr(table, "means over 10 seeds (7..16), \xc2\xb1 a 95% confidence interval\n"));
  assert_non_null(strstr(table, "0:00:03 \xc2\xb1"
                                "500.0ms"));
  assert_non_null(strstr(table, "2.90x \xc2\xb1"
                                "0.12"));
  free(table);
  char *json = capture_report_opts(REP_FORMAT_JSON, r, 2, &opts);
  cJSON *doc = cJSON_Parse(json);
  assert_non_null(doc);
  assert_int_equal(cJSON_GetObjectItem(doc, "runs")->valueint, 10);
  cJSON *res = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "results"), 1);
  assert_true(cJSON_GetObjectItem(res, "speedup_vs_sync")->valuedouble == 2.9);
  cJSON *ci = cJSON_GetObjectItem(res, "ci95");
  assert_true(cJSON_GetObjectItem(ci, "makespan_s")->valuedouble == 0.5);
  assert_true(cJSON_GetObjectItem(ci, "speedup_vs_sync")->valuedouble == 0.125);
  cJSON_Delete(doc);
  free(json);
}

/* --- JSON -------------------------------------------------------------------- */

static void json_has_the_spec_fields(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  char *out = capture_report(REP_FORMAT_JSON, r, 2, 0);
  const char *expected =
      "{\"scenario\":\"Tiny\",\"seed\":7,\"results\":["
      "{\"strategy\":\"sync\",\"makespan_s\":9,\"busy_s\":4,\"utilization\":0.4444444444444444,"
      "\"tasks\":3,\"events\":10,\"switches\":2,"
      "\"completion_s\":{\"mean\":6,\"p50\":6,\"p95\":9,\"max\":9},"
      "\"ready_wait_s\":{\"mean\":1,\"max\":3},\"speedup_vs_sync\":1,\"cores\":1,"
      "\"lanes\":[\"worker\"],"
      "\"outcomes\":{\"ok\":3,\"timeout\":0,\"failed\":0,\"cancelled\":0},"
      "\"response_s\":{\"mean\":6,\"p50\":6,\"p95\":9,\"p99\":9,\"max\":9},"
      "\"throughput_per_s\":0.3333333333333333,\"in_system_mean\":2},"
      "{\"strategy\":\"threads:gil=off,cores=4\",\"makespan_s\":3,\"busy_s\":4,"
      "\"utilization\":0.6666666666666666,\"tasks\":3,\"events\":12,\"switches\":3,"
      "\"completion_s\":{\"mean\":2.8333333333333335,\"p50\":3,\"p95\":3,\"max\":3},"
      "\"ready_wait_s\":{\"mean\":0.25,\"max\":0.5},\"speedup_vs_sync\":3,\"cores\":2,"
      "\"lanes\":[\"core 1\",\"core 2\"],"
      "\"outcomes\":{\"ok\":3,\"timeout\":0,\"failed\":0,\"cancelled\":0},"
      "\"response_s\":{\"mean\":2.8333333333333335,\"p50\":3,\"p95\":3,\"p99\":3,\"max\":3},"
      "\"throughput_per_s\":1,\"in_system_mean\":2.8333333333333335}]}\n";
  assert_string_equal(out, expected);
  free(out);
}

static void json_speedup_is_null_without_sync(void **state) {
  (void)state;
  sim_result r[1] = {make_threads()};
  char *out = capture_report(REP_FORMAT_JSON, r, 1, 1);
  cJSON *doc = cJSON_Parse(out);
  assert_non_null(doc);
  cJSON *res = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "results"), 0);
  assert_true(cJSON_IsNull(cJSON_GetObjectItem(res, "speedup_vs_sync")));
  cJSON *ends = cJSON_GetObjectItem(res, "task_end_s");
  assert_int_equal(cJSON_GetArraySize(ends), 3);
  assert_true(cJSON_GetObjectItem(ends, "box")->valuedouble == 2.5);
  assert_true(cJSON_GetObjectItem(ends, "board 2")->valuedouble == 3.0);
  cJSON_Delete(doc);
  free(out);
}

/* --- trace ------------------------------------------------------------------- */

static sim_span trace_spans[] = {
    {.start = 0, .end = 1 * SIM_S, .task = 0, .lane = 0, .kind = SIM_SPAN_CPU},
    {.start = 0, .end = 1 * SIM_S, .task = 1, .lane = -1, .kind = SIM_SPAN_READY},
    {.start = 0,
     .end = 2 * SIM_S,
     .task = 2,
     .lane = -1,
     .kind = SIM_SPAN_BLOCKED,
     .resource_plus1 = 1},
    {.start = 1 * SIM_S, .end = 1500 * SIM_MS, .task = 1, .lane = 0, .kind = SIM_SPAN_SWITCH},
    {.start = 1 * SIM_S,
     .end = 3 * SIM_S,
     .task = 0,
     .lane = -1,
     .step = 1,
     .rep = 0,
     .kind = SIM_SPAN_WAIT},
    {.start = 2 * SIM_S,
     .end = 2500 * SIM_MS,
     .task = 2,
     .lane = 0,
     .step = 1,
     .rep = 1,
     .kind = SIM_SPAN_CPU},
};

/* The events of the trace matching ph, tid (or any when -1) and cat (or any). */
static int count_events(cJSON *events, const char *ph, int pid, int tid, const char *cat) {
  int n = 0;
  cJSON *ev;
  cJSON_ArrayForEach(ev, events) {
    if (strcmp(cJSON_GetObjectItem(ev, "ph")->valuestring, ph) != 0) continue;
    if (cJSON_GetObjectItem(ev, "pid")->valueint != pid) continue;
    cJSON *t = cJSON_GetObjectItem(ev, "tid");
    if (tid >= 0 && (!t || t->valueint != tid)) continue;
    cJSON *c = cJSON_GetObjectItem(ev, "cat");
    if (cat && (!c || strcmp(c->valuestring, cat) != 0)) continue;
    n++;
  }
  return n;
}

static cJSON *find_event(cJSON *events, const char *ph, int tid, const char *cat) {
  cJSON *ev;
  cJSON_ArrayForEach(ev, events) {
    cJSON *t = cJSON_GetObjectItem(ev, "tid"), *c = cJSON_GetObjectItem(ev, "cat");
    if (strcmp(cJSON_GetObjectItem(ev, "ph")->valuestring, ph) == 0 && t && t->valueint == tid &&
        (!cat || (c && strcmp(c->valuestring, cat) == 0)))
      return ev;
  }
  return NULL;
}

static void trace_parses_and_puts_spans_on_their_rows(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  r[0].spans = trace_spans;
  r[0].nspans = sizeof trace_spans / sizeof trace_spans[0];
  char *out = capture_trace(r, 2);
  cJSON *doc = cJSON_Parse(out);
  assert_non_null(doc);
  cJSON *events = cJSON_GetObjectItem(doc, "traceEvents");
  assert_true(cJSON_IsArray(events));

  /* Rows: tasks are tids 1..3, the lane is tid 4. */
  assert_int_equal(count_events(events, "X", 1, 1, "cpu"), 1);
  assert_int_equal(count_events(events, "X", 1, 1, "wait"), 1);
  assert_int_equal(count_events(events, "X", 1, 2, "ready"), 1);
  assert_int_equal(count_events(events, "X", 1, 2, "switch"), 0); /* lane only */
  assert_int_equal(count_events(events, "X", 1, 3, "blocked"), 1);
  assert_int_equal(count_events(events, "X", 1, 3, "cpu"), 1);
  assert_int_equal(count_events(events, "X", 1, 4, "cpu"), 2); /* each cpu span twice */
  assert_int_equal(count_events(events, "X", 1, 4, "switch"), 1);
  assert_int_equal(count_events(events, "X", 1, -1, NULL), 8);
  assert_int_equal(count_events(events, "X", 2, -1, NULL), 0);

  cJSON *wait = find_event(events, "X", 1, "wait");
  assert_non_null(wait);
  assert_string_equal(cJSON_GetObjectItem(wait, "name")->valuestring, "wait");
  assert_int_equal(cJSON_GetObjectItem(wait, "ts")->valuedouble, 1000000);
  assert_int_equal(cJSON_GetObjectItem(wait, "dur")->valuedouble, 2000000);
  assert_int_equal(cJSON_GetObjectItem(wait, "pid")->valueint, 1);

  cJSON *cpu = find_event(events, "X", 1, "cpu");
  assert_string_equal(cJSON_GetObjectItem(cpu, "name")->valuestring, "move");
  cJSON *args = cJSON_GetObjectItem(cpu, "args");
  assert_string_equal(cJSON_GetObjectItem(args, "task")->valuestring, "board 1");
  assert_int_equal(cJSON_GetObjectItem(args, "step")->valueint, 1);
  assert_int_equal(cJSON_GetObjectItem(args, "repetition")->valueint, 1);
  assert_string_equal(cJSON_GetObjectItem(args, "lane")->valuestring, "worker");

  cJSON *box_cpu = find_event(events, "X", 3, "cpu");
  assert_string_equal(cJSON_GetObjectItem(box_cpu, "name")->valuestring, "cpu");
  assert_int_equal(cJSON_GetObjectItem(box_cpu, "dur")->valueint, 500000);
  args = cJSON_GetObjectItem(box_cpu, "args");
  assert_int_equal(cJSON_GetObjectItem(args, "step")->valueint, 2);
  assert_int_equal(cJSON_GetObjectItem(args, "repetition")->valueint, 2);

  cJSON *blocked = find_event(events, "X", 3, "blocked");
  assert_string_equal(cJSON_GetObjectItem(blocked, "name")->valuestring, "blocked on desk");
  args = cJSON_GetObjectItem(blocked, "args");
  assert_string_equal(cJSON_GetObjectItem(args, "resource")->valuestring, "desk");

  cJSON *sw = find_event(events, "X", 4, "switch");
  assert_string_equal(cJSON_GetObjectItem(sw, "name")->valuestring, "switch");
  assert_int_equal(cJSON_GetObjectItem(sw, "dur")->valueint, 500000);
  args = cJSON_GetObjectItem(sw, "args");
  assert_string_equal(cJSON_GetObjectItem(args, "task")->valuestring, "board 2");

  cJSON_Delete(doc);
  free(out);
}

/* rep_trace_write_capped at `cap` bytes: returns what it returned, the bytes
 * it left on the stream in *out (malloc'd) and their count in *len. */
static int capture_capped(const sim_result *r, int n, int64_t cap, rep_trace_stats *st, char **out,
                          long *len) {
  FILE *f = tmpfile();
  assert_non_null(f);
  int rc = rep_trace_write_capped(f, &tiny, r, n, NULL, cap, st);
  *len = ftell(f);
  assert_true(*len >= 0);
  rewind(f);
  *out = malloc((size_t)*len + 1);
  assert_non_null(*out);
  assert_int_equal(fread(*out, 1, (size_t)*len, f), (size_t)*len);
  (*out)[*len] = '\0';
  fclose(f);
  return rc;
}

/* The cap is checked before each write: the stream never holds more than
 * it, what it holds is the start of the whole trace, and the stats count
 * exactly those bytes. The whole trace (written uncapped) is the yardstick:
 * at its own size it passes, one byte less stops at the final "}}\n" with
 * every span out, and at 16 bytes only `{"traceEvents":[` (16 bytes) fits
 * before the first event's newline. */
static void trace_cap_stops_before_the_write_that_passes_it(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  r[0].spans = trace_spans;
  r[0].nspans = sizeof trace_spans / sizeof trace_spans[0];
  char *whole = capture_trace(r, 2);
  long size = (long)strlen(whole), len;
  rep_trace_stats st;
  char *out;

  assert_int_equal(capture_capped(r, 2, size, &st, &out, &len), 0);
  assert_int_equal(len, size);
  assert_string_equal(out, whole);
  assert_int_equal(st.bytes, size);
  assert_int_equal(st.spans, r[0].nspans);
  assert_int_equal(st.spans_total, r[0].nspans);
  free(out);

  assert_int_equal(capture_capped(r, 2, size - 1, &st, &out, &len), REP_TRACE_TOO_BIG);
  assert_int_equal(len, size - 3); /* all but "}}\n" */
  assert_int_equal(st.bytes, len);
  assert_memory_equal(out, whole, (size_t)len);
  assert_int_equal(st.spans, r[0].nspans);
  free(out);

  assert_int_equal(capture_capped(r, 2, 16, &st, &out, &len), REP_TRACE_TOO_BIG);
  assert_string_equal(out, "{\"traceEvents\":[");
  assert_int_equal(st.bytes, 16);
  assert_int_equal(st.spans, 0);
  free(out);

  /* Half way: a prefix, cut at a whole write, with some spans but not all. */
  assert_int_equal(capture_capped(r, 2, size / 2, &st, &out, &len), REP_TRACE_TOO_BIG);
  assert_true(len <= size / 2 && len > 16);
  assert_int_equal(st.bytes, len);
  assert_memory_equal(out, whole, (size_t)len);
  assert_true(st.spans > 0 && st.spans < r[0].nspans);
  free(out);
  free(whole);
}

static void trace_names_processes_and_threads(void **state) {
  (void)state;
  sim_result r[2] = {make_sync(), make_threads()};
  char *out = capture_trace(r, 2);
  cJSON *doc = cJSON_Parse(out);
  assert_non_null(doc);
  cJSON *events = cJSON_GetObjectItem(doc, "traceEvents");
  /* Per strategy: process name + sort, and a name + sort per task and lane. */
  assert_int_equal(count_events(events, "M", 1, -1, NULL), 2 + 2 * (3 + 1));
  assert_int_equal(count_events(events, "M", 2, -1, NULL), 2 + 2 * (3 + 2));
  int seen_process = 0, seen_lane = 0, seen_task = 0;
  cJSON *ev;
  cJSON_ArrayForEach(ev, events) {
    const char *name = cJSON_GetObjectItem(ev, "name")->valuestring;
    cJSON *args = cJSON_GetObjectItem(ev, "args");
    int pid = cJSON_GetObjectItem(ev, "pid")->valueint;
    cJSON *tid = cJSON_GetObjectItem(ev, "tid");
    if (strcmp(name, "process_name") == 0 && pid == 2) {
      assert_string_equal(cJSON_GetObjectItem(args, "name")->valuestring,
                          "threads:gil=off,cores=4");
      seen_process = 1;
    }
    if (strcmp(name, "thread_name") == 0 && pid == 2 && tid->valueint == 5) {
      assert_string_equal(cJSON_GetObjectItem(args, "name")->valuestring, "core 2");
      seen_lane = 1;
    }
    if (strcmp(name, "thread_name") == 0 && pid == 2 && tid->valueint == 3) {
      assert_string_equal(cJSON_GetObjectItem(args, "name")->valuestring, "box");
      seen_task = 1;
    }
    /* Lanes sort above the tasks. */
    if (strcmp(name, "thread_sort_index") == 0 && pid == 2)
      assert_int_equal(cJSON_GetObjectItem(args, "sort_index")->valueint,
                       tid->valueint <= 3 ? 2 + tid->valueint - 1 : tid->valueint - 4);
  }
  assert_true(seen_process && seen_lane && seen_task);
  assert_string_equal(
      cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "otherData"), "scenario")->valuestring, "Tiny");
  cJSON_Delete(doc);
  free(out);
}

static void trace_timestamps_are_exact_integers(void **state) {
  (void)state;
  /* 12 h in microseconds is past 2^31: still printed as a plain integer. */
  sim_span spans[] = {{.start = 43199 * SIM_S + 1,
                       .end = 43200 * SIM_S,
                       .task = 0,
                       .lane = 0,
                       .kind = SIM_SPAN_CPU}};
  sim_result r[1] = {make_sync()};
  r[0].spans = spans;
  r[0].nspans = 1;
  char *out = capture_trace(r, 1);
  assert_non_null(strstr(out, "\"ts\":43199000001,\"dur\":999999,"));
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(format_parse_knows_three_names),
      cmocka_unit_test(speedup_is_over_plain_sync_only),
      cmocka_unit_test(table_aligns_columns_to_widest_cell),
      cmocka_unit_test(table_names_the_single_lane_and_dashes_without_sync),
      cmocka_unit_test(table_tasks_section_lists_each_end_at_one_precision),
      cmocka_unit_test(csv_quotes_a_label_with_commas),
      cmocka_unit_test(csv_leaves_speedup_empty_without_sync),
      cmocka_unit_test(json_has_the_spec_fields),
      cmocka_unit_test(json_speedup_is_null_without_sync),
      cmocka_unit_test(table_shows_outcomes_when_a_task_did_not_end_ok),
      cmocka_unit_test(table_shows_response_columns_for_open_workloads),
      cmocka_unit_test(runs_show_intervals),
      cmocka_unit_test(trace_parses_and_puts_spans_on_their_rows),
      cmocka_unit_test(trace_cap_stops_before_the_write_that_passes_it),
      cmocka_unit_test(trace_names_processes_and_threads),
      cmocka_unit_test(trace_timestamps_are_exact_integers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

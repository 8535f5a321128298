/* fuzz_scenario.c - libFuzzer target for the loader, --set and short runs.
 *
 * An input is "OVERRIDES\0SCENARIO": up to 4 --set overrides, one per line,
 * before the first NUL byte, then the YAML text (an input without a NUL is
 * all YAML). Whatever loads is checked against each strategy's clock bound
 * and, when small enough to finish in milliseconds, run under five
 * strategies; any crash, sanitizer report, leak or hang is a finding, and so
 * is a plain run whose plain loop and general loop differ. Bad input must
 * only ever come back as SIM_EINPUT with a message.
 *
 *   cmake -S . -B build-fuzz -DSIMUL_FUZZ=ON -DCMAKE_C_COMPILER=clang
 *   cmake --build build-fuzz --target fuzz_scenario -j2
 *   mkdir -p /tmp/corpus && build-fuzz/tests/fuzz/fuzz_scenario -jobs=1 \
 *       -max_total_time=600 -max_len=8192 -timeout=10 /tmp/corpus tests/fuzz/corpus
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/run.h"
#include "sim/scenario.h"
#include "sim/strategy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SETS 4

/* The plain loop (sim/src/core/engine_api.h) must make the general loop's
 * run: a plain run under sync or async (no spans) is run again with
 * general_loop and any figure that differs is a finding. */
static int same_run(const sim_result *a, const sim_result *b) {
  if (a->ntasks != b->ntasks || a->makespan != b->makespan || a->busy != b->busy ||
      a->events != b->events || a->switches != b->switches ||
      memcmp(a->outcomes, b->outcomes, sizeof a->outcomes) != 0 ||
      memcmp(&a->completion, &b->completion, sizeof a->completion) != 0 ||
      memcmp(&a->ready_wait, &b->ready_wait, sizeof a->ready_wait) != 0 ||
      memcmp(&a->in_system_mean, &b->in_system_mean, sizeof a->in_system_mean) != 0 ||
      a->memory_peak != b->memory_peak)
    return 0;
  size_t n = (size_t)a->ntasks;
  return !a->task_end || (memcmp(a->task_end, b->task_end, n * sizeof *a->task_end) == 0 &&
                          memcmp(a->task_ready, b->task_ready, n * sizeof *a->task_ready) == 0);
}

static void plain_against_general(const scn_scenario *scn, const sim_strategy *s) {
  sim_result plain, general;
  sim_error err = {0};
  sim_run_opts opts = {0};
  int rc = sim_run(scn, s, &opts, &plain, &err);
  if (plain.plain_loop) {
    opts.general_loop = 1;
    int rc2 = sim_run(scn, s, &opts, &general, &err);
    if (rc != rc2 || general.plain_loop || !same_run(&plain, &general)) abort();
    sim_result_free(&general);
  }
  sim_result_free(&plain);
}

static void run_small(const scn_scenario *scn) {
  scn_totals t;
  scn_totals_of(scn, &t);
  /* The engine's speed is the benchmark's business: keep each input fast. */
  if (t.saturated || t.tasks > 500 || t.steps > 5000 || t.cpu > 10 * SIM_S) return;
  static const char *const strategies[] = {"sync", "async", "threads", "processes:cores=2",
                                           "queue:workers=2"};
  for (size_t i = 0; i < sizeof strategies / sizeof strategies[0]; i++) {
    sim_strategy *s;
    sim_error err = {0};
    if (sim_strategy_parse(strategies[i], "fuzz", &s, &err) != 0) abort(); /* ours: valid */
    if (sim_strategy_fits(s, scn, &err) == 0) {
      sim_result r;
      sim_run_opts opts = {.record_spans = (int)(i & 1)};
      int rc = sim_run(scn, s, &opts, &r, &err);
      if (rc != 0 && (err.msg[0] == '\0' || (rc != SIM_EFAIL && rc != SIM_EINPUT))) abort();
      sim_result_free(&r);
      if (i < 2) plain_against_general(scn, s); /* sync, async: the two with a plain loop */
    }
    sim_strategy_free(s);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  size_t len = size;
  char *sets_buf = NULL;
  const char *sets[MAX_SETS];
  int nsets = 0;
  const uint8_t *nul = memchr(data, 0, size);
  if (nul) {
    size_t head = (size_t)(nul - data);
    sets_buf = malloc(head + 1);
    if (!sets_buf) return 0;
    memcpy(sets_buf, data, head);
    sets_buf[head] = '\0';
    for (char *line = sets_buf; line && nsets < MAX_SETS;) {
      char *next = strchr(line, '\n');
      if (next) *next++ = '\0';
      if (strchr(line, '=')) sets[nsets++] = line;
      line = next;
    }
    text = (const char *)nul + 1;
    len = size - head - 1;
  }
  scn_scenario scn;
  sim_error err = {0};
  int rc = scn_load_text("fuzz.yaml", text, len, sets, nsets, &scn, &err);
  if (rc == 0) {
    run_small(&scn);
    scn_free(&scn);
  } else if (err.msg[0] == '\0' || (rc != SIM_EINPUT && rc != SIM_EFAIL)) {
    abort(); /* every refusal says why */
  }
  free(sets_buf);
  return 0;
}

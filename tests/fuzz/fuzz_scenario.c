/* fuzz_scenario.c - libFuzzer target for the loader, --set and short runs.
 *
 * An input is "OVERRIDES\0SCENARIO": up to 4 --set overrides, one per line,
 * before the first NUL byte, then the YAML text (an input without a NUL is
 * all YAML). Whatever loads is checked against each strategy's clock bound
 * and, when small enough to finish in milliseconds, run under five
 * strategies; any crash, sanitizer report, leak or hang is a finding. Bad
 * input must only ever come back as SIM_EINPUT with a message.
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

/* harness.h - loading and running scenarios in tests, with the invariants of
 * invariants.h checked on every run that records spans.
 *
 *     run r;
 *     run_text(&r, "chess", NULL, "async");        // a built-in, or YAML text
 *     assert_int_equal(r.res.makespan, 3655 * SIM_S);
 *     run_free(&r);
 *
 * A load error fails the test at once; a run error (a deadlock) is kept in
 * r.rc and r.err for the test to check. Included after <cmocka.h>; every
 * function is static inline so a suite may use any subset.
 */
#ifndef SIMUL_TESTS_HARNESS_H
#define SIMUL_TESTS_HARNESS_H

#include <string.h>

#include "invariants.h"
#include "sim/run.h"

typedef struct run {
  scn_scenario scn;
  sim_result res;
  int rc;
  sim_error err;
} run;

/* Runs a loaded scenario under `strategy`; with spans, a successful run must
 * pass every invariant. Returns sim_run's code (err filled on failure). */
static inline int harness_run_loaded(const scn_scenario *scn, const char *strategy, int spans,
                                     sim_result *res, sim_error *err) {
  sim_strategy *s;
  if (sim_strategy_parse(strategy, "test", &s, err) != 0) fail_msg("%s", err->msg);
  sim_run_opts opts = {.record_spans = spans};
  int rc = sim_run(scn, s, &opts, res, err);
  sim_strategy_free(s);
  char why[256];
  if (rc == 0 && spans && sinv_check(scn, res, why, sizeof why) != 0)
    fail_msg("%s under %s: %s", scn->file, strategy, why);
  return rc;
}

/* Loads YAML text (or the built-in `name` when yaml is NULL) with `nsets`
 * --set overrides, then runs it with spans. */
static inline void run_sets(run *r, const char *name, const char *yaml, const char *const *sets,
                            int nsets, const char *strategy) {
  memset(r, 0, sizeof *r);
  int rc = yaml ? scn_load_text("test.yaml", yaml, strlen(yaml), sets, nsets, &r->scn, &r->err)
                : scn_load(name, sets, nsets, &r->scn, &r->err);
  if (rc != 0) fail_msg("%s", r->err.msg);
  r->rc = harness_run_loaded(&r->scn, strategy, 1, &r->res, &r->err);
}

static inline void run_set(run *r, const char *name, const char *yaml, const char *set,
                           const char *strategy) {
  const char *const sets[] = {set};
  run_sets(r, name, yaml, sets, set ? 1 : 0, strategy);
}

static inline void run_text(run *r, const char *name, const char *yaml, const char *strategy) {
  run_sets(r, name, yaml, NULL, 0, strategy);
}

static inline void run_free(run *r) {
  sim_result_free(&r->res);
  scn_free(&r->scn);
}

#endif

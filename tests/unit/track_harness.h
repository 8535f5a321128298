/* track_harness.h - the window's runs in tests, made the way `simul view`
 * and `simul render` make them (app/cli_window.c): every strategy run once
 * with spans by sim_run, then handed to trk_set_init. Each run must also
 * pass the invariants (invariants.h). Included after <cmocka.h>.
 */
#ifndef SIMUL_TESTS_TRACK_HARNESS_H
#define SIMUL_TESTS_TRACK_HARNESS_H

#include <string.h>

#include "invariants.h"
#include "render/track.h"
#include "sim/run.h"

/* Runs `scn` under each strategy of `list` ("sync,async") into `set`. */
static inline void harness_track_set(trk_set *set, const scn_scenario *scn, const char *list) {
  sim_error err;
  sim_strategy *st[TRK_MAX_TRACKS];
  sim_result res[TRK_MAX_TRACKS];
  int n = 0;
  if (sim_strategy_parse_list(list, "test", st, TRK_MAX_TRACKS, &n, &err) != 0)
    fail_msg("%s", err.msg);
  memset(res, 0, sizeof res);
  sim_run_opts opts = {.record_spans = 1};
  for (int i = 0; i < n; i++) {
    if (sim_run(scn, st[i], &opts, &res[i], &err) != 0) fail_msg("%s", err.msg);
    char why[256];
    if (sinv_check(scn, &res[i], why, sizeof why) != 0) fail_msg("%s: %s", list, why);
    sim_strategy_free(st[i]);
  }
  if (trk_set_init(set, scn, res, n, &err) != 0) fail_msg("%s", err.msg);
}

#endif

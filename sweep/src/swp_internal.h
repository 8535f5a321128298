/* swp_internal.h - what the sweep's own files share and nothing else sees. */
#ifndef SWEEP_SWP_INTERNAL_H
#define SWEEP_SWP_INTERNAL_H

#include "sweep/sweep.h"

/* The scenario of the point idx (idx[a] < 0: axis a at the file's value),
 * with the base --set values and the point's applied; a loader message about
 * a swept value says --vary, not --set. */
int swp_load_point(const swp_sweep *sw, const int *idx, scn_scenario *scn, sim_error *err);

/* The value of parameter `key` in a label "queue:workers=2,latency=2ms"
 * (the text after '=', up to the next ',' or the end), or NULL. */
const char *swp_label_param(const char *label, const char *key);

#endif

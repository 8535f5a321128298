/* exp_whatif.c - "what if this step were 50% faster": scales durations in a
 * loaded scenario so the caller can rerun it.
 *
 * Coz measures a virtual speed-up with noise; here every duration is drawn
 * from its own stream (common random numbers), so scaling a distribution's
 * parameters scales each sample by the same factor (exp, uniform, normal and
 * lognormal are all scale families) and every other draw stays the same: the
 * change in makespan is exact.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/explain.h"
#include "sim/sim_number.h"

int exp_what_if_parse(const char *text, exp_what_if *out, sim_error *err) {
  memset(out, 0, sizeof *out);
  const char *eq = strrchr(text, '=');
  if (!eq || eq == text)
    return sim_fail(err, SIM_EINPUT,
                    "error: --what-if '%s' is not LABEL=PERCENT (e.g. 'master moves=-50%%')", text);
  size_t len = (size_t)(eq - text);
  if (len >= sizeof out->target)
    return sim_fail(err, SIM_EINPUT, "error: --what-if: the label is longer than %d characters",
                    (int)sizeof out->target - 1);
  memcpy(out->target, text, len);
  out->target[len] = '\0';
  const char *v = eq + 1;
  /* The number before the '%', read as the scenario's numbers are (no locale). */
  char num[64];
  size_t vlen = strlen(v);
  double p = 0;
  int bad = vlen < 2 || vlen - 1 >= sizeof num || v[vlen - 1] != '%';
  if (!bad) {
    memcpy(num, v, vlen - 1);
    num[vlen - 1] = '\0';
    bad = sim_number_parse(num, &p) != 0;
  }
  if (bad || p < -100 || p > 1e6)
    return sim_fail(err, SIM_EINPUT,
                    "error: --what-if %s: '%s' is not a percentage from -100%% to +1000000%% "
                    "(e.g. -50%%)",
                    out->target, v);
  out->percent = p;
  return 0;
}

/* Scales one duration; a result past the largest time is an error, not a wrap. */
static int scale_time(sim_time *t, double f) {
  double v = round((double)*t * f);
  if (v > 9.0e18) return -1;
  *t = (sim_time)v;
  return 0;
}

static int scale_dist(scn_dist *d, double f) {
  int rc = scale_time(&d->value, f);
  if (d->kind == SCN_DIST_UNIFORM || d->kind == SCN_DIST_NORMAL || d->kind == SCN_DIST_LOGNORMAL)
    rc |= scale_time(&d->spread, f);
  for (int i = 0; i < d->nchoices; i++) rc |= scale_time(&d->choices[i].value, f);
  return rc;
}

static int timed(scn_step_kind k) {
  return k == SCN_STEP_CPU || k == SCN_STEP_WAIT || k == SCN_STEP_BLOCK || k == SCN_STEP_OFFLOAD;
}

static void list_targets(const scn_scenario *scn, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (int g = 0; g < scn->ngroups && len < size; g++) {
    len += (size_t)snprintf(buf + len, size - len, "%s'%s'", len ? ", " : "", scn->groups[g].name);
    for (int k = 0; k < scn->groups[g].nsteps && len < size; k++)
      if (scn->groups[g].steps[k].label)
        len += (size_t)snprintf(buf + len, size - len, ", '%s'", scn->groups[g].steps[k].label);
  }
}

int exp_what_if_apply(scn_scenario *scn, const exp_what_if *wi, int *matched, int *by_group,
                      sim_error *err) {
  double f = 1 + wi->percent / 100;
  *matched = 0;
  *by_group = 0;
  for (int pass = 0; pass < 2 && *matched == 0; pass++) {
    for (int g = 0; g < scn->ngroups; g++) {
      scn_group *grp = &scn->groups[g];
      if (pass == 1 && strcmp(grp->name, wi->target) != 0) continue;
      for (int k = 0; k < grp->nsteps; k++) {
        scn_step *s = &grp->steps[k];
        int hit = pass == 0 ? s->label && strcmp(s->label, wi->target) == 0 && timed(s->kind)
                            : s->kind == SCN_STEP_CPU;
        if (!hit) continue;
        if (scale_dist(&s->duration, f) != 0)
          return sim_fail(err, SIM_EINPUT, "%s: error: --what-if %s=%g%%: a duration overflows",
                          scn->file, wi->target, wi->percent);
        (*matched)++;
      }
    }
    if (*matched) *by_group = pass == 1;
  }
  if (*matched) return 0;
  for (int g = 0; g < scn->ngroups; g++)
    if (strcmp(scn->groups[g].name, wi->target) == 0)
      return sim_fail(err, SIM_EINPUT,
                      "%s: error: --what-if: task group '%s' has no cpu step to scale (name a "
                      "step's label instead)",
                      scn->file, wi->target);
  char names[512];
  list_targets(scn, names, sizeof names);
  return sim_fail(err, SIM_EINPUT,
                  "%s: error: --what-if: no step label or task group '%s' with a duration (there "
                  "are: %s)",
                  scn->file, wi->target, names);
}

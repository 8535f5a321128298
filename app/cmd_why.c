/* cmd_why.c - see cmd_why.h. */
#include "cmd_why.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

void cmd_why_init(cmd_why *w) {
  memset(w, 0, sizeof *w);
  exp_thresholds_default(&w->th);
}

/* sim/explain.h's messages start "error: "; cli_usage_error adds its own. */
static const char *why_message(const sim_error *err) {
  return strncmp(err->msg, "error: ", 7) == 0 ? err->msg + 7 : err->msg;
}

int cmd_why_what_if_option(cmd_why *w, const cli_args *a, const char *arg) {
  sim_error err = {0};
  if (exp_what_if_parse(arg, &w->what_if, &err) != 0)
    return cli_usage_error(a, 0, "%s", why_message(&err));
  w->what_if_given = 1;
  return 0;
}

int cmd_why_threshold_option(cmd_why *w, const cli_args *a, const char *arg) {
  sim_error err = {0};
  if (exp_thresholds_set(&w->th, arg, &err) != 0)
    return cli_usage_error(a, 0, "--threshold %s", why_message(&err));
  return 0;
}

int cmd_why_prepare(cmd_why *w, const cli_args *a) {
  if (!w->what_if_given) return APP_OK;
  int rc = cli_job_load(&w->wjob, a);
  if (rc != 0) return rc;
  int matched;
  sim_error err = {0};
  if (exp_what_if_apply(&w->wjob.scn, &w->what_if, &matched, &w->wby_group, &err) != 0) {
    fprintf(stderr, "%s\n", err.msg);
    return APP_USAGE;
  }
  return APP_OK;
}

int cmd_why_after(cmd_why *w, const cli_args *a, const cli_job *job) {
  int rc = APP_OK;
  if (w->explain) {
    w->ex = calloc((size_t)(job->nresults ? job->nresults : 1), sizeof *w->ex);
    if (!w->ex) return APP_FAIL;
    w->nex = job->nresults;
    for (int i = 0; i < job->nresults; i++) {
      sim_error err = {0};
      if (job->status[i] != 0) continue;
      if (exp_explain_run(&job->scn, &job->results[i], &w->th, &w->ex[i], &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        rc = APP_FAIL;
      }
    }
  }
  if (w->what_if_given) {
    /* A rerun that deadlocks prints why and shows as "-"; the exit status says it. */
    int wrc = cli_job_run(&w->wjob, a, 0);
    if (wrc != 0 && rc == APP_OK) rc = wrc == APP_USAGE ? APP_USAGE : APP_FAIL;
  }
  return rc;
}

void cmd_why_report_opts(const cmd_why *w, const cli_job *job, rep_opts *ro, exp_explain *ex,
                         rep_what_if *wr, sim_time *makespan, int *ok) {
  int n = 0;
  for (int i = 0; i < job->nresults; i++) {
    if (job->status[i] != 0) continue;
    if (w->ex) ex[n] = w->ex[i];
    if (w->what_if_given) {
      ok[n] = i < w->wjob.nresults && w->wjob.status[i] == 0;
      makespan[n] = ok[n] ? w->wjob.results[i].makespan : 0;
    }
    n++;
  }
  if (w->ex) ro->explain = ex;
  if (w->what_if_given) {
    *wr = (rep_what_if){.target = w->what_if.target,
                        .percent = w->what_if.percent,
                        .by_group = w->wby_group,
                        .makespan = makespan,
                        .ok = ok};
    ro->what_if = wr;
  }
}

void cmd_why_free(cmd_why *w) {
  for (int i = 0; w->ex && i < w->nex; i++) exp_explain_free(&w->ex[i]);
  free(w->ex);
  cli_job_free(&w->wjob);
  memset(w, 0, sizeof *w);
}

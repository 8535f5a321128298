/* cli_window.c - the shared body of `view` and `render`; see cli_window.h. */
#define _POSIX_C_SOURCE 200809L /* fmemopen: the report's title line into a buffer */
#include "cli_window.h"

#include <stdio.h>
#include <string.h>

#include "cli_progress.h"
#include "report/report.h"

int cli_window_job(const cli_args *a, const char *surface, const cli_limits *limits,
                   int (*preflight)(const cli_args *a), cli_show_fn show, void *ctx) {
  cli_job job;
  int rc = cli_job_load(&job, a);
  if (rc == 0 && job.nstrategies > TRK_MAX_TRACKS)
    rc = cli_usage_error(a, 0, "%s shows at most %d strategies, not %d", surface, TRK_MAX_TRACKS,
                         job.nstrategies);
  if (rc == 0) rc = cli_limits_check(limits, &job, a->cmd, CLI_RECORD_SPANS, 1);
  if (rc == 0 && preflight) rc = preflight(a);
  /* Long runs show progress before the window opens, and one past
   * --max-events is stopped, as under `simul run`. */
  cli_progress progress = {.cmd = a->cmd, .max_events = limits->max_events, .enabled = 1};
  job.progress = &progress;
  if (rc == 0) rc = cli_job_run(&job, a, 1);
  if (rc == 0) {
    trk_set set;
    sim_error err = {0};
    /* The set takes the results over (they are zeroed in the job). */
    rc = trk_set_init(&set, &job.scn, job.results, job.nresults, &err);
    char title[512] = "";
    FILE *tf = fmemopen(title, sizeof title - 1, "w");
    if (tf) {
      rep_write_title(tf, &job.scn, rc == 0 && set.ntracks > 0 ? &set.tracks[0].res : NULL);
      fclose(tf);
      title[strcspn(title, "\n")] = 0;
    }
    if (rc == 0) {
      set.title = title[0] ? title : NULL;
      set.hide_description = a->nsets > 0; /* its prose may name the old counts */
      rc = show(&set, ctx, &err);
      trk_set_free(&set);
    }
    if (rc != 0) fprintf(stderr, "%s: %s\n", a->cmd, err.msg);
  }
  cli_job_free(&job);
  return rc;
}

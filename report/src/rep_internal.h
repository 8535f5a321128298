/* rep_internal.h - the report's own helpers, shared by report.c (one run)
 * and sweep_report.c / sweep_part.c (a sweep), so a sweep's cells, CSV rows
 * and JSON results are the run report's, byte for byte. Not public. */
#ifndef REPORT_REP_INTERNAL_H
#define REPORT_REP_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "report/report.h"

/* A grid of owned strings; column 0 is left-aligned, the rest right-aligned
 * (numbers and times line up on their last digit). */
typedef struct rep_grid {
  int ncols;
  int count, cap; /* cells added and room for; rows = count / ncols */
  char **cells;
  int failed;
} rep_grid;

void rep_grid_add(rep_grid *g, const char *text);
void rep_grid_free(rep_grid *g);
/* One precision per column of h:mm:ss times (row 0 is the header). */
void rep_grid_even_times(rep_grid *g, int col);
int rep_grid_write(FILE *f, const rep_grid *g);

sim_time rep_seconds_to_time(double s);
/* The shortest text that reads back as the same double. */
void rep_format_double(double d, char *buf, size_t size);
/* Exact seconds from microseconds: 3655, 0.25. */
void rep_format_seconds(sim_time t, char *buf, size_t size);
/* "50.0ms", "2.97s", "1:02:03". */
void rep_short_seconds(double s, char *buf, size_t size);
/* Appends " ±H" when sum has several runs (decimals < 0: H as a time). */
void rep_ci(char *buf, size_t size, const sim_summary *sum, int decimals, double half);
void rep_plural(const char *noun, char *buf, size_t size);

void rep_csv_field(FILE *f, const char *text, int first);
/* The run CSV's header and one result's row, without the line end; `first`
 * 0 when columns come before them. */
void rep_csv_header(FILE *f, const scn_scenario *scn, const sim_report_opts *opts, int first);
void rep_csv_row(FILE *f, const scn_scenario *scn, const sim_result *results, int n, int i,
                 const sim_report_opts *opts, int first);

int rep_json_emit(FILE *f, cJSON *item);
void rep_json_number(cJSON *obj, const char *key, double d);
void rep_json_int(cJSON *obj, const char *key, int64_t v);
/* One object of `simul run`'s "results". */
cJSON *rep_json_result(const scn_scenario *scn, const sim_result *results, int n, int i,
                       const sim_report_opts *opts);

#endif

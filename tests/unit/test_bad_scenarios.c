/* test_bad_scenarios.c - every file in tests/bad/ must be refused with the
 * message its first line promises.
 *
 * Each file opens with "# expect: LINE:COL: TEXT". The test loads it and
 * checks the error is SIM_EINPUT, the message starts "<path>:LINE:COL: error: "
 * and contains TEXT, and the scenario was left empty. One cmocka test per
 * file, named after it, so `ctest -R test_bad_scenarios --verbose` shows
 * which behaviour broke. Adding a case is adding a file.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario.h"

#define MAX_CASES 512

typedef struct bad_case {
  char path[1024];
  char name[256];
} bad_case;

static char bad_dir[900];

/* Reads "# expect: L:C: text" from the first line into *line, *col, text. */
static int read_expectation(const char *path, int *line, int *col, char *text, size_t size) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char first[1024];
  int ok = fgets(first, sizeof first, f) != NULL;
  fclose(f);
  if (!ok) return -1;
  first[strcspn(first, "\r\n")] = '\0';
  int used = 0;
  if (sscanf(first, "# expect: %d:%d: %n", line, col, &used) != 2 || used == 0) return -1;
  snprintf(text, size, "%s", first + used);
  return text[0] ? 0 : -1;
}

static void bad_file_is_refused_as_promised(void **state) {
  const bad_case *bc = *state;
  int line, col;
  char text[1024];
  if (read_expectation(bc->path, &line, &col, text, sizeof text))
    fail_msg("%s: first line must be '# expect: LINE:COL: TEXT'", bc->path);

  scn_scenario scn;
  memset(&scn, 0xab, sizeof scn);
  sim_error err = {0};
  int rc = scn_load_file(bc->path, NULL, 0, &scn, &err);
  assert_int_equal(rc, SIM_EINPUT);
  assert_int_equal(err.code, SIM_EINPUT);

  char prefix[1200];
  snprintf(prefix, sizeof prefix, "%s:%d:%d: error: ", bc->path, line, col);
  if (strncmp(err.msg, prefix, strlen(prefix)) != 0)
    fail_msg("message does not start with '%s':\n  %s", prefix, err.msg);
  if (!strstr(err.msg + strlen(prefix), text)) fail_msg("message lacks '%s':\n  %s", text, err.msg);

  /* A failed load leaves nothing to free. */
  assert_null(scn.groups);
  assert_null(scn.name);
  assert_null(scn.file);
  assert_int_equal(scn.ngroups, 0);
  scn_free(&scn);
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const bad_case *)a)->name, ((const bad_case *)b)->name);
}

static void bad_dir_holds_enough_cases(void **state) {
  int n = *(int *)*state;
  if (n < 20) fail_msg("tests/bad/ has %d files; the suite promises at least 20", n);
}

int main(void) {
  const char *src = getenv("SIMUL_SOURCE_DIR");
  snprintf(bad_dir, sizeof bad_dir, "%s/tests/bad", src ? src : ".");
  DIR *dir = opendir(bad_dir);
  if (!dir) {
    fprintf(stderr, "cannot open %s (set SIMUL_SOURCE_DIR)\n", bad_dir);
    return 1;
  }
  static bad_case cases[MAX_CASES];
  int n = 0;
  struct dirent *de;
  while ((de = readdir(dir)) != NULL && n < MAX_CASES) {
    size_t len = strlen(de->d_name);
    if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0) continue;
    /* A path that does not fit would name the wrong file: skip it loudly. */
    if (snprintf(cases[n].path, sizeof cases[n].path, "%s/%s", bad_dir, de->d_name) >=
        (int)sizeof cases[n].path) {
      fprintf(stderr, "path too long: %s/%s\n", bad_dir, de->d_name);
      return 1;
    }
    snprintf(cases[n].name, sizeof cases[n].name, "%.*s", (int)(len - 5), de->d_name);
    n++;
  }
  closedir(dir);
  qsort(cases, (size_t)n, sizeof cases[0], by_name);

  static struct CMUnitTest tests[MAX_CASES + 1];
  tests[0] =
      (struct CMUnitTest){"bad_dir_holds_enough_cases", bad_dir_holds_enough_cases, NULL, NULL, &n};
  for (int i = 0; i < n; i++)
    tests[i + 1] =
        (struct CMUnitTest){cases[i].name, bad_file_is_refused_as_promised, NULL, NULL, &cases[i]};
  return _cmocka_run_group_tests("test_bad_scenarios", tests, (size_t)n + 1, NULL, NULL);
}

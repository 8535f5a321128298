/* scn_unique.c - finding a repeated name among many: mapping keys (YAML says
 * they are unique and libyaml leaves the check to us) and task group names.
 *
 * Sorting makes it O(n log n) for the occasional huge mapping, where
 * comparing every pair would be quadratic.
 */
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"
#include "sim/sim_alloc.h"

typedef struct name_ref {
  const char *name;
  int index;
} name_ref;

static int name_ref_cmp(const void *a, const void *b) {
  const name_ref *x = a, *y = b;
  int d = strcmp(x->name, y->name);
  return d ? d : (x->index > y->index) - (x->index < y->index);
}

int scn_first_repeat(const char *(*name_of)(const void *ctx, int i), const void *ctx, int n,
                     int *first) {
  if (n < 2) return -1;
  name_ref *refs = sim_malloc((size_t)n * sizeof *refs);
  if (!refs) return -2;
  for (int i = 0; i < n; i++) {
    refs[i].name = name_of(ctx, i);
    refs[i].index = i;
  }
  qsort(refs, (size_t)n, sizeof *refs, name_ref_cmp);
  int dup = -1;
  for (int i = 1; i < n; i++) {
    /* Only the second of each run can be the earliest repeat of its name. */
    if (!strcmp(refs[i].name, refs[i - 1].name) &&
        (i < 2 || strcmp(refs[i - 1].name, refs[i - 2].name)) && (dup < 0 || refs[i].index < dup)) {
      dup = refs[i].index;
      *first = refs[i - 1].index;
    }
  }
  sim_free(refs);
  return dup;
}

/* scn_internal.h - internal: the scenario loader's own YAML tree.
 *
 * Loading runs in three passes over one tree:
 *   scn_yaml.c   reads the text with libyaml's document API and copies it into
 *                scn_node (positions kept, aliases expanded, duplicate keys and
 *                runaway alias expansion refused);
 *   scn_set.c    applies the --set overrides by editing that tree;
 *   scn_build.c  checks the tree against the format and builds scn_scenario.
 * We copy instead of editing libyaml's yaml_document_t in place because
 * replacing a node there means freeing its strings with libyaml's allocator
 * and mending its shared alias references; our tree is plain data in an
 * arena, so an override just repoints a child and the arena frees it all.
 *
 * Memory: every node, string and array of one load lives in the scn_ctx
 * arena and dies with scn_ctx_release. The scenario built from it copies what
 * it keeps with malloc, so it outlives the tree.
 */
#ifndef SIM_SCN_INTERNAL_H
#define SIM_SCN_INTERNAL_H

#include <stddef.h>

#include "sim/scenario.h"
#include "sim/sim_error.h"

/* Limits the engine's data layout imposes (eng_task.step is 16 bits,
 * blocked_on 8 bits) and that keep a hostile file from eating the machine. */
#define SCN_MAX_STEPS        65535
#define SCN_MAX_RESOURCES    250
#define SCN_MAX_DEPTH        64                 /* the format nests 5 deep */
#define SCN_MAX_NODES        ((size_t)1 << 20)  /* after alias expansion: ~100 MB of tree at most */
#define SCN_MAX_SCALAR_BYTES ((size_t)64 << 20) /* after alias expansion */

typedef enum scn_node_kind { SCN_NODE_SCALAR, SCN_NODE_SEQ, SCN_NODE_MAP } scn_node_kind;

typedef struct scn_node scn_node;
typedef struct scn_pair {
  scn_node *key; /* always a scalar */
  scn_node *value;
} scn_pair;

struct scn_node {
  scn_node_kind kind;
  scn_loc loc;     /* 1-based; {0, 0} when the node came from --set */
  const char *set; /* the whole "KEY=VALUE" override that wrote it; NULL: from the file */
  /* SCN_NODE_SCALAR: NUL-terminated (a NUL inside is refused when read). */
  const char *text;
  int plain;        /* written without quotes, so "", "~" and "null" mean nothing */
  scn_node **items; /* SCN_NODE_SEQ */
  int nitems;
  scn_pair *pairs; /* SCN_NODE_MAP, in file order, keys unique */
  int npairs;
};

typedef struct scn_chunk scn_chunk;

/* One load: where messages go, the file name they start with, the arena. */
typedef struct scn_ctx {
  const char *file;
  sim_error *err;
  scn_chunk *arena;
  size_t nodes, bytes; /* copied so far, against SCN_MAX_NODES / _SCALAR_BYTES */
} scn_ctx;

/* --- arena and messages (scn_yaml.c) -------------------------------------- */

void scn_ctx_init(scn_ctx *c, const char *file, sim_error *err);
void scn_ctx_release(scn_ctx *c);
/* Zeroed memory from the arena, or NULL when out of memory. */
void *scn_alloc(scn_ctx *c, size_t size);
char *scn_strndup(scn_ctx *c, const char *s, size_t len);

/* "file: error: out of memory" as SIM_EFAIL; returns SIM_EFAIL. */
/* Among n names (name_of(ctx, i) is the i-th), the earliest index that
 * repeats a name seen before it, with that earlier one in *first; -1 when
 * all differ, -2 when out of memory. scn_unique.c. */
int scn_first_repeat(const char *(*name_of)(const void *ctx, int i), const void *ctx, int n,
                     int *first);

int scn_oom(scn_ctx *c);

/* Fails with SIM_EINPUT at node n: "file:line:col: error: ..." for a node from
 * the file, "--set KEY=VALUE: error: ..." for one from an override. */
int scn_fail_at(scn_ctx *c, const scn_node *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Writes text into buf as 'text' for a message: control bytes escaped as
 * \xNN, cut to about 60 bytes (on a UTF-8 boundary) with "..." appended.
 * Returns buf. 96 bytes are enough for any text. */
#define SCN_QUOTE_SIZE 96
const char *scn_quote(const char *text, char *buf);

/* "line 12" for a node from the file, "--set" for one from an override. */
const char *scn_where(const scn_node *n, char *buf, size_t size);

/* The kinds of node, as messages say them: "a list", "a mapping", "nothing"
 * (a null scalar), or the scalar quoted. buf is SCN_QUOTE_SIZE bytes. */
const char *scn_describe(const scn_node *n, char *buf);

int scn_is_null(const scn_node *n);

/* The value under `key` in a mapping, or NULL. */
scn_node *scn_map_get(const scn_node *map, const char *key);
/* The key node itself, to point a message at the key rather than its value. */
scn_node *scn_map_key(const scn_node *map, const char *key);

/* Parses YAML text into a tree. With set == NULL the text is a scenario file
 * and positions are the file's; otherwise it is the value of the override
 * `set` and its nodes are marked as coming from it. An empty document gives
 * *root = NULL. Returns 0, SIM_EINPUT or SIM_EFAIL. */
int scn_yaml_parse(scn_ctx *c, const char *text, size_t len, const char *set, scn_node **root);

/* --- the format (scn_build.c) ---------------------------------------------- */

/* The keys each mapping of the format allows, NULL-terminated. --set may add a
 * missing key only when it is one of these (see scn_set.c). */
extern const char *const scn_top_keys[];
extern const char *const scn_group_keys[];
extern const char *const scn_step_keys[];

/* Checks the tree and fills *out (which the caller has zeroed). On failure
 * *out may hold partial allocations: the caller scn_frees it. */
int scn_build(scn_ctx *c, const scn_node *root, scn_scenario *out);

/* --- values (scn_value.c) ----------------------------------------------------- */

/* Each reads one value for `key`, or fails at the node with a message that
 * says what was expected. */
int scn_get_duration(scn_ctx *c, const scn_node *v, const char *key, sim_time *out);
/* A fixed duration or a distribution ({exp: 1s}, {uniform: [1s, 2s]}, ...);
 * *out owns its choices array. */
int scn_get_dist(scn_ctx *c, const scn_node *v, const char *key, scn_dist *out);
/* A decimal number in [min, max] (open at either end when min_open/max_open). */
int scn_get_number(scn_ctx *c, const scn_node *v, const char *what, double min, int min_open,
                   double max, int max_open, double *out);
/* A size in bytes: a whole number, or a number with a unit (B, kB, KiB, MB,
 * MiB, GB, GiB) that comes to whole bytes, at most 2^50. */
int scn_get_bytes(scn_ctx *c, const scn_node *v, const char *key, int64_t *out);
int scn_get_bool(scn_ctx *c, const scn_node *v, const char *what, int *out);
/* A group's `arrivals:` mapping ({every: D}, {poisson: RATE}, {at: [T, ...]}). */
int scn_get_arrivals(scn_ctx *c, const scn_node *v, scn_arrivals *out);

/* --- files (scn_load.c) ------------------------------------------------------ */

/* Reads a whole file into a malloc'ed, NUL-terminated buffer. Returns 0, or
 * the errno of the failure (EFBIG when too large for a scenario) with *stage
 * saying which call failed ("cannot open", "cannot read"). */
int scn_read_file(const char *path, char **text, size_t *len, const char **stage);

/* --- overrides (scn_set.c) --------------------------------------------------- */

/* Applies one "key.path=value" override to the tree rooted at *root (a mapping). */
int scn_set_apply(scn_ctx *c, scn_node *root, const char *override);

#endif

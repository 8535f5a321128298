/* scn_profile.c - reading a profile (sim/profile.h) with the scenario
 * loader's YAML tree and value readers, so a profile's errors look like a
 * scenario's: "profile.yaml:3:19: error: bad duration ...".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_internal.h"
#include "sim/profile.h"
#include "sim/sim_alloc.h"

typedef struct profile_key {
  const char *name;
  char kind; /* 'D' duration, 'B' bytes, 'R' ratio in millionths */
  int64_t def;
  const char *help;
  size_t offset;
} profile_key;

static const profile_key keys[] = {
#define SIM_PROFILE_ROW(name, kind, def, help)                                                     \
  {#name, #kind[0], def, help, offsetof(sim_profile, name)},
    SIM_PROFILE_KEYS(SIM_PROFILE_ROW)
#undef SIM_PROFILE_ROW
};
#define NKEYS ((int)(sizeof keys / sizeof keys[0]))

int sim_profile_key_count(void) {
  return NKEYS;
}

const char *sim_profile_key(int i, char *kind, int64_t *def, const char **help) {
  if (i < 0 || i >= NKEYS) return NULL;
  if (kind) *kind = keys[i].kind;
  if (def) *def = keys[i].def;
  if (help) *help = keys[i].help;
  return keys[i].name;
}

void sim_profile_defaults(sim_profile *p) {
  memset(p, 0, sizeof *p);
  for (int i = 0; i < NKEYS; i++) *(int64_t *)((char *)p + keys[i].offset) = keys[i].def;
}

static int profile_build(scn_ctx *c, const scn_node *root, sim_profile *out) {
  char d[SCN_QUOTE_SIZE];
  if (!root || scn_is_null(root)) return 0;
  if (root->kind != SCN_NODE_MAP)
    return scn_fail_at(c, root, "a profile is a mapping of costs such as 'loop_hop: 5us', got %s",
                       scn_describe(root, d));
  for (int i = 0; i < root->npairs; i++) {
    const scn_pair *pr = &root->pairs[i];
    const profile_key *k = NULL;
    for (int j = 0; j < NKEYS && !k; j++)
      if (strcmp(pr->key->text, keys[j].name) == 0) k = &keys[j];
    if (!k) {
      char list[512];
      size_t n = 0;
      for (int j = 0; j < NKEYS && n < sizeof list; j++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", j ? ", " : "", keys[j].name);
      return scn_fail_at(c, pr->key, "unknown profile key %s (expected one of: %s)",
                         scn_quote(pr->key->text, d), list);
    }
    int64_t *field = (int64_t *)((char *)out + k->offset);
    int rc;
    if (k->kind == 'R') {
      char what[64];
      double x;
      snprintf(what, sizeof what, "'%s'", k->name);
      rc = scn_get_number(c, pr->value, what, 0, 1, 1000, 0, &x);
      if (!rc) *field = (int64_t)(x * 1e6 + 0.5);
    } else {
      rc = k->kind == 'D' ? scn_get_duration(c, pr->value, k->name, field)
                          : scn_get_bytes(c, pr->value, k->name, field);
    }
    if (rc) return rc;
  }
  return 0;
}

int sim_profile_load_text(const char *file, const char *text, size_t len, sim_profile *out,
                          sim_error *err) {
  sim_profile_defaults(out);
  scn_ctx c;
  scn_ctx_init(&c, file, err);
  scn_node *root = NULL;
  int rc = scn_yaml_parse(&c, text, len, NULL, &root);
  if (!rc) rc = profile_build(&c, root, out);
  scn_ctx_release(&c);
  if (rc)
    sim_profile_defaults(out);
  else
    snprintf(out->file, sizeof out->file, "%s", file);
  return rc;
}

int sim_profile_load_file(const char *path, sim_profile *out, sim_error *err) {
  sim_profile_defaults(out);
  char *text;
  size_t len;
  const char *stage;
  int e = scn_read_file(path, &text, &len, &stage);
  if (e == ENOMEM) return sim_fail(err, SIM_EFAIL, "%s: error: out of memory", path);
  if (e == EFBIG) return sim_fail(err, SIM_EINPUT, "%s: error: too large for a profile", path);
  if (e) return sim_fail(err, SIM_EINPUT, "%s: error: %s: %s", path, stage, strerror(e));
  int rc = sim_profile_load_text(path, text, len, out, err);
  sim_free(text);
  return rc;
}

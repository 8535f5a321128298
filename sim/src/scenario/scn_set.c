/* scn_set.c - --set overrides: "key.path=value" applied to the YAML tree
 * before it is checked, so an overridden value meets exactly the rules a
 * value in the file meets, and its errors name the override.
 *
 * The path walks the tree: on a mapping a segment is a key; on a list it is an
 * element's `name:` or a 0-based index (a name wins if both fit). Names and
 * keys may contain dots: at each level the longest key or name that the rest
 * of the path starts with is taken, so "tasks.load v2.count" finds a group
 * named "load v2". A path that leads nowhere is an error; the one exception is
 * the last segment naming a key the format allows at that place (say `seed`,
 * or a group's `repeat`), which is added. New resources or unknown keys are
 * not added: a typo would otherwise pass unnoticed.
 *
 * The value is taken literally (`name=Chess: the rematch` sets that text),
 * unless it starts with [ { ' or ", when it is read as YAML: lists and
 * mappings (`strategies=[sync,async]`) and quoted text.
 */
#include <stdio.h>
#include <string.h>

#include "scn_internal.h"

/* Where in the format the walk is, to know which keys may be added. */
typedef enum place { AT_TOP, AT_TASKS, AT_GROUP, AT_STEPS, AT_STEP, AT_OTHER } place;

static const char *const *addable_keys(place at) {
  switch (at) {
  case AT_TOP:
    return scn_top_keys;
  case AT_GROUP:
    return scn_group_keys;
  case AT_STEP:
    return scn_step_keys;
  default:
    return NULL;
  }
}

static place after_key(place at, const char *key) {
  if (at == AT_TOP && !strcmp(key, "tasks")) return AT_TASKS;
  if (at == AT_GROUP && !strcmp(key, "steps")) return AT_STEPS;
  return AT_OTHER;
}

static place after_item(place at) {
  if (at == AT_TASKS) return AT_GROUP;
  if (at == AT_STEPS) return AT_STEP;
  return AT_OTHER;
}

/* Length of `name` if `path` starts with it followed by '.' or the end, else 0. */
static size_t prefix_match(const char *path, const char *name) {
  size_t n = strlen(name);
  if (n == 0 || strncmp(path, name, n) != 0) return 0;
  return path[n] == '.' || path[n] == '\0' ? n : 0;
}

/* "at the top level" or "in 'tasks.board'": where a failed segment was sought. */
static const char *place_text(const char *key, const char *seg, char *buf, size_t size) {
  if (seg == key)
    snprintf(buf, size, "at the top level");
  else
    snprintf(buf, size, "in '%.*s'", (int)(seg - key - 1), key);
  return buf;
}

/* One override being applied: what messages name, and where the walk is. */
typedef struct set_walk {
  scn_ctx *c;
  scn_node self; /* stands for the override itself in messages */
  const char *override, *key;
  const char *seg; /* the segment sought, up to the next '.' */
  size_t seglen;
  char where[300];
} set_walk;

static const char *walk_place(set_walk *w) {
  return place_text(w->key, w->seg, w->where, sizeof w->where);
}

/* On a mapping: the longest key the path starts with, or a key the format
 * allows at `at`, added. Sets *slot, *len (the key's length) and *next. */
static int walk_map(set_walk *w, scn_node *cur, place at, scn_node ***slot, size_t *len,
                    place *next) {
  int best = -1;
  for (int i = 0; i < cur->npairs; i++) {
    size_t n = prefix_match(w->seg, cur->pairs[i].key->text);
    if (n > *len) {
      *len = n;
      best = i;
    }
  }
  if (best >= 0) {
    *slot = &cur->pairs[best].value;
    *next = after_key(at, cur->pairs[best].key->text);
    return 0;
  }
  const char *const *keys = addable_keys(at);
  int i;
  for (i = 0; keys && keys[i] && strcmp(keys[i], w->seg) != 0; i++) {
  }
  if (!keys || !keys[i])
    return scn_fail_at(w->c, &w->self, "no '%.*s' %s", (int)w->seglen, w->seg, walk_place(w));
  /* A key the format allows here but the file leaves out: add it. */
  scn_pair *pairs = scn_alloc(w->c, ((size_t)cur->npairs + 1) * sizeof *pairs);
  scn_node *k = scn_alloc(w->c, sizeof *k);
  if (!pairs || !k) return scn_oom(w->c);
  if (cur->npairs) memcpy(pairs, cur->pairs, (size_t)cur->npairs * sizeof *pairs);
  k->kind = SCN_NODE_SCALAR;
  k->set = w->override;
  k->text = w->seg;
  k->plain = 1;
  pairs[cur->npairs].key = k;
  cur->pairs = pairs;
  *slot = &pairs[cur->npairs++].value;
  *len = w->seglen;
  return 0;
}

/* On a list: the element whose name is the longest the path starts with,
 * else the element at a 0-based index. Sets *slot and *len. */
static int walk_list(set_walk *w, scn_node *cur, scn_node ***slot, size_t *len) {
  int best = -1;
  for (int i = 0; i < cur->nitems; i++) {
    const scn_node *name = scn_map_get(cur->items[i], "name");
    if (!name || name->kind != SCN_NODE_SCALAR) continue;
    size_t n = prefix_match(w->seg, name->text);
    if (n > *len) {
      *len = n;
      best = i;
    }
  }
  if (best < 0 && strspn(w->seg, "0123456789") == w->seglen && w->seglen <= 9) {
    int index = 0;
    for (size_t i = 0; i < w->seglen; i++) index = index * 10 + (w->seg[i] - '0');
    if (index < cur->nitems) {
      best = index;
      *len = w->seglen;
    }
  }
  if (best < 0) {
    if (cur->nitems == 0)
      return scn_fail_at(w->c, &w->self, "no '%.*s' %s: the list is empty", (int)w->seglen, w->seg,
                         walk_place(w));
    return scn_fail_at(w->c, &w->self, "no '%.*s' %s (expected a name or an index from 0 to %d)",
                       (int)w->seglen, w->seg, walk_place(w), cur->nitems - 1);
  }
  *slot = &cur->items[best];
  return 0;
}

/* The override's value as a node: YAML when it opens a list, a mapping or a
 * quote, else the literal text. */
static int set_value_node(set_walk *w, const char *value, scn_node **out) {
  scn_node *node = NULL;
  if (strchr("[{'\"", value[0]) && value[0] != '\0') {
    int rc = scn_yaml_parse(w->c, value, strlen(value), w->override, &node);
    if (rc) return rc;
  }
  if (!node) {
    if (!(node = scn_alloc(w->c, sizeof *node))) return scn_oom(w->c);
    node->kind = SCN_NODE_SCALAR;
    node->set = w->override;
    node->text = value;
    node->plain = 1;
  }
  *out = node;
  return 0;
}

int scn_set_apply(scn_ctx *c, scn_node *root, const char *override) {
  set_walk w = {.c = c, .override = override};
  w.self.set = override;
  const char *eq = strchr(override, '=');
  if (!eq) return scn_fail_at(c, &w.self, "expected KEY=VALUE, such as tasks.board.count=48");
  char *key = scn_strndup(c, override, (size_t)(eq - override));
  if (!key) return scn_oom(c);
  w.key = key;

  scn_node *cur = root, **slot = NULL;
  place at = AT_TOP;
  w.seg = key;
  for (;;) {
    w.seglen = strcspn(w.seg, ".");
    if (w.seglen == 0) return scn_fail_at(c, &w.self, "empty name in the key path '%s'", key);
    size_t len = 0;
    place next = AT_OTHER;
    int rc;
    if (cur->kind == SCN_NODE_MAP) {
      rc = walk_map(&w, cur, at, &slot, &len, &next);
    } else if (cur->kind == SCN_NODE_SEQ) {
      rc = walk_list(&w, cur, &slot, &len);
      next = after_item(at);
    } else {
      rc = scn_fail_at(c, &w.self, "no '%.*s' %s: it is a single value, not a mapping or a list",
                       (int)w.seglen, w.seg, walk_place(&w));
    }
    if (rc) return rc;
    if (w.seg[len] == '\0') break;
    w.seg += len + 1;
    cur = *slot;
    at = next;
  }
  return set_value_node(&w, eq + 1, slot);
}

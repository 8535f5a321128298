/* scn_yaml.c - reading YAML into the loader's tree, and the loader's arena
 * and message helpers. See scn_internal.h.
 *
 * libyaml's document API (yaml_parser_load) gives every node a start mark,
 * which is what lets each message point at a line and column. Its marks are
 * 0-based; ours are 1-based, as editors and compilers count.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "scn_internal.h"
#include "sim/sim_alloc.h"

/* --- arena ----------------------------------------------------------------- */

/* Chunks of 64 KiB, bigger for a bigger request. Nothing is freed on its own:
 * a load is short-lived and its tree dies all at once. */
struct scn_chunk {
  scn_chunk *next;
  size_t used, cap; /* in units of max_align_t */
  max_align_t data[];
};

#define SCN_CHUNK_UNITS ((size_t)(64 * 1024) / sizeof(max_align_t))

void scn_ctx_init(scn_ctx *c, const char *file, sim_error *err) {
  memset(c, 0, sizeof *c);
  c->file = file;
  c->err = err;
}

void scn_ctx_release(scn_ctx *c) {
  while (c->arena) {
    scn_chunk *next = c->arena->next;
    sim_free(c->arena);
    c->arena = next;
  }
}

void *scn_alloc(scn_ctx *c, size_t size) {
  size_t units = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t);
  if (units == 0) units = 1;
  scn_chunk *head = c->arena;
  if (!head || head->cap - head->used < units) {
    size_t cap = units > SCN_CHUNK_UNITS ? units : SCN_CHUNK_UNITS;
    if (cap > (SIZE_MAX - sizeof(scn_chunk)) / sizeof(max_align_t)) return NULL;
    scn_chunk *chunk = sim_calloc(1, sizeof(scn_chunk) + cap * sizeof(max_align_t));
    if (!chunk) return NULL;
    chunk->cap = cap;
    if (head && cap > SCN_CHUNK_UNITS) {
      /* A one-off big block: keep the current chunk in front, its room is
       * still good for the small requests that follow. */
      chunk->next = head->next;
      head->next = chunk;
      chunk->used = units;
      return chunk->data;
    }
    chunk->next = head;
    c->arena = head = chunk;
  }
  void *p = head->data + head->used;
  head->used += units;
  return p; /* calloc'ed and never reused: already zero */
}

char *scn_strndup(scn_ctx *c, const char *s, size_t len) {
  if (len == SIZE_MAX) return NULL;
  char *d = scn_alloc(c, len + 1);
  if (d && len) memcpy(d, s, len);
  return d;
}

/* --- messages ---------------------------------------------------------------- */

int scn_oom(scn_ctx *c) {
  return sim_fail(c->err, SIM_EFAIL, "%s: error: out of memory", c->file);
}

/* The override as messages name it: whole up to 120 bytes, else its start
 * and "...", so a long value cannot push the message itself out of the
 * 1 KiB error buffer. Cut on a UTF-8 boundary. */
static const char *set_label(const char *set, char *buf, size_t size) {
  size_t n = strlen(set);
  if (n <= 120 || size < 128) return set;
  n = 100;
  while (n > 0 && ((unsigned char)set[n] & 0xc0) == 0x80) n--;
  snprintf(buf, size, "%.*s...", (int)n, set);
  return buf;
}

int scn_fail_at(scn_ctx *c, const scn_node *n, const char *fmt, ...) {
  char msg[900];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  char label[128];
  if (n && n->set)
    return sim_fail(c->err, SIM_EINPUT, "--set %s: error: %s",
                    set_label(n->set, label, sizeof label), msg);
  int line = n ? n->loc.line : 1, col = n ? n->loc.col : 1;
  return sim_fail(c->err, SIM_EINPUT, "%s:%d:%d: error: %s", c->file, line, col, msg);
}

const char *scn_quote(const char *text, char *buf) {
  static const char hex[] = "0123456789abcdef";
  size_t n = 0;
  buf[n++] = '\'';
  for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
    /* Cut only before a character's first byte, so UTF-8 stays whole; the
     * second bound stops a run of stray continuation bytes. */
    if ((n >= 60 && (*s & 0xc0) != 0x80) || n >= 66) {
      memcpy(buf + n, "...", 3);
      n += 3;
      break;
    }
    /* C0, DEL, and the bytes of C1 controls (0xc2 0x80-0x9f) and of
     * U+2028/U+2029 (0xe2 0x80 0xa8/0xa9), so a message stays on one line. */
    int c1 = s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f;
    int sep = s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9);
    if (c1 || sep) {
      int k = c1 ? 2 : 3;
      for (int i = 0; i < k; i++, s++) {
        buf[n++] = '\\';
        buf[n++] = 'x';
        buf[n++] = hex[*s >> 4];
        buf[n++] = hex[*s & 15];
      }
      s--;
      continue;
    }
    if (*s < 0x20 || *s == 0x7f) {
      buf[n++] = '\\';
      buf[n++] = 'x';
      buf[n++] = hex[*s >> 4];
      buf[n++] = hex[*s & 15];
    } else {
      buf[n++] = (char)*s;
    }
  }
  buf[n++] = '\'';
  buf[n] = '\0';
  return buf;
}

const char *scn_where(const scn_node *n, char *buf, size_t size) {
  if (n->set)
    snprintf(buf, size, "--set");
  else
    snprintf(buf, size, "line %d", n->loc.line);
  return buf;
}

int scn_is_null(const scn_node *n) {
  if (n->kind != SCN_NODE_SCALAR || !n->plain) return 0;
  const char *t = n->text;
  return !*t || !strcmp(t, "~") || !strcmp(t, "null") || !strcmp(t, "Null") || !strcmp(t, "NULL");
}

const char *scn_describe(const scn_node *n, char *buf) {
  switch (n->kind) {
  case SCN_NODE_SEQ:
    return "a list";
  case SCN_NODE_MAP:
    return "a mapping";
  case SCN_NODE_SCALAR:
    break;
  }
  if (scn_is_null(n)) return "nothing";
  return scn_quote(n->text, buf);
}

scn_node *scn_map_get(const scn_node *map, const char *key) {
  if (map->kind != SCN_NODE_MAP) return NULL;
  for (int i = 0; i < map->npairs; i++)
    if (!strcmp(map->pairs[i].key->text, key)) return map->pairs[i].value;
  return NULL;
}

scn_node *scn_map_key(const scn_node *map, const char *key) {
  if (map->kind != SCN_NODE_MAP) return NULL;
  for (int i = 0; i < map->npairs; i++)
    if (!strcmp(map->pairs[i].key->text, key)) return map->pairs[i].key;
  return NULL;
}

/* --- YAML to tree -------------------------------------------------------------- */

/* The tree is built from libyaml's events, not its document API: the document
 * API loads the whole file before we see any of it, so the depth limit came
 * too late (libyaml's scanner is quadratic in flow nesting: 2 MB of '[' took
 * 25 minutes) and a flat 20 MB list cost 1.6 GB of libyaml nodes before our
 * node limit could refuse it. With events, nesting stops at SCN_MAX_DEPTH
 * while the scanner is still within a few KB of it, and the only memory is
 * our own tree, bounded by SCN_MAX_NODES and SCN_MAX_SCALAR_BYTES. */

/* An anchor: the finished node it names and the size of a copy, so an alias
 * is refused before it is copied when the copy would pass a limit. A node
 * still open (an alias inside its own anchor) has node == NULL. */
typedef struct anchor {
  char *name; /* malloc'ed */
  scn_node *node;
  size_t nodes, bytes;
  int height; /* levels below and including the node */
} anchor;

/* One open collection: its children so far, in a growable malloc'ed array
 * that is copied into the arena, at its exact size, when it closes. */
typedef struct frame {
  scn_node *node;
  void *kids; /* scn_node*[] for a list, scn_pair[] for a mapping */
  size_t n, cap;
  scn_node *key; /* mapping: the key waiting for its value */
  int anchor;    /* index in the anchor table, or -1 */
  size_t nodes0, bytes0;
  int height;
} frame;

typedef struct builder {
  scn_ctx *c;
  const char *set;
  frame *stack;
  int depth, cap;
  anchor *anchors;
  int nanchors, anchors_cap;
  scn_node *root;
} builder;

static void set_loc(const builder *v, scn_node *n, yaml_mark_t mark) {
  if (v->set) {
    n->set = v->set;
  } else {
    n->loc.line = (int)mark.line + 1;
    n->loc.col = (int)mark.column + 1;
  }
}

static const char *pair_key(const void *map, int i) {
  return ((const scn_node *)map)->pairs[i].key->text;
}

/* Refuses a mapping that names a key twice; the duplicate reported is the
 * earliest in the file that repeats a key seen before it. */
static int check_duplicate_keys(scn_ctx *c, const scn_node *map) {
  int first = -1, dup = scn_first_repeat(pair_key, map, map->npairs, &first);
  if (dup == -2) return scn_oom(c);
  if (dup < 0) return 0;
  char q[SCN_QUOTE_SIZE], w[32];
  return scn_fail_at(c, map->pairs[dup].key, "duplicate key %s (first at %s)",
                     scn_quote(map->pairs[dup].key->text, q),
                     scn_where(map->pairs[first].key, w, sizeof w));
}

static int count_node(builder *v, const scn_node *n) {
  if (++v->c->nodes > SCN_MAX_NODES)
    return scn_fail_at(v->c, n, "too large: more than %zu nodes once aliases are expanded",
                       SCN_MAX_NODES);
  return 0;
}

static int count_bytes(builder *v, const scn_node *n, size_t len) {
  v->c->bytes += len;
  if (v->c->bytes > SCN_MAX_SCALAR_BYTES)
    return scn_fail_at(v->c, n, "too large: more than %zu bytes of text once aliases are expanded",
                       SCN_MAX_SCALAR_BYTES);
  return 0;
}

static int grow(void **array, size_t *cap, size_t n, size_t size) {
  if (n < *cap) return 0;
  size_t want = *cap ? *cap * 2 : 8;
  if (want > SIZE_MAX / size) return -1;
  void *p = sim_realloc(*array, want * size);
  if (!p) return -1;
  *array = p;
  *cap = want;
  return 0;
}

/* Hands a finished node to the open collection, or makes it the root. */
static int attach(builder *v, scn_node *n, int height) {
  scn_ctx *c = v->c;
  if (v->depth == 0) {
    v->root = n;
    return 0;
  }
  frame *f = &v->stack[v->depth - 1];
  if (f->height < height + 1) f->height = height + 1;
  if (f->node->kind == SCN_NODE_SEQ) {
    if (grow(&f->kids, &f->cap, f->n, sizeof(scn_node *))) return scn_oom(c);
    ((scn_node **)f->kids)[f->n++] = n;
    return 0;
  }
  if (!f->key) {
    if (n->kind != SCN_NODE_SCALAR)
      return scn_fail_at(c, n, "a key must be a plain name, not %s",
                         n->kind == SCN_NODE_SEQ ? "a list" : "a mapping");
    f->key = n;
    return 0;
  }
  if (grow(&f->kids, &f->cap, f->n, sizeof(scn_pair))) return scn_oom(c);
  scn_pair *pair = &((scn_pair *)f->kids)[f->n++];
  pair->key = f->key;
  pair->value = n;
  f->key = NULL;
  return 0;
}

static int anchor_add(builder *v, const yaml_char_t *name) {
  if (!name) return -1;
  if (v->nanchors == v->anchors_cap) {
    size_t cap = (size_t)v->anchors_cap;
    if (grow((void **)&v->anchors, &cap, (size_t)v->nanchors, sizeof *v->anchors)) return -2;
    v->anchors_cap = (int)cap;
  }
  anchor *a = &v->anchors[v->nanchors];
  memset(a, 0, sizeof *a);
  size_t len = strlen((const char *)name);
  if (!(a->name = sim_malloc(len + 1))) return -2;
  memcpy(a->name, name, len + 1);
  return v->nanchors++;
}

/* The latest definition of an anchor wins, as YAML says. */
static const anchor *anchor_find(const builder *v, const yaml_char_t *name) {
  for (int i = v->nanchors - 1; i >= 0; i--)
    if (!strcmp(v->anchors[i].name, (const char *)name)) return &v->anchors[i];
  return NULL;
}

/* A deep copy of an anchored node for an alias; limits were checked before. */
static scn_node *copy_node(scn_ctx *c, const scn_node *src) {
  scn_node *n = scn_alloc(c, sizeof *n);
  if (!n) return NULL;
  *n = *src;
  if (src->kind == SCN_NODE_SEQ && src->nitems) {
    if (!(n->items = scn_alloc(c, (size_t)src->nitems * sizeof *n->items))) return NULL;
    for (int i = 0; i < src->nitems; i++)
      if (!(n->items[i] = copy_node(c, src->items[i]))) return NULL;
  } else if (src->kind == SCN_NODE_MAP && src->npairs) {
    if (!(n->pairs = scn_alloc(c, (size_t)src->npairs * sizeof *n->pairs))) return NULL;
    for (int i = 0; i < src->npairs; i++)
      if (!(n->pairs[i].key = copy_node(c, src->pairs[i].key)) ||
          !(n->pairs[i].value = copy_node(c, src->pairs[i].value)))
        return NULL;
  }
  return n;
}

static int on_alias(builder *v, const yaml_event_t *ev) {
  scn_ctx *c = v->c;
  scn_node at = {0};
  set_loc(v, &at, ev->start_mark);
  const anchor *a = anchor_find(v, ev->data.alias.anchor);
  /* libyaml allows only letters, digits, '-' and '_' in anchor names. */
  if (!a)
    return scn_fail_at(c, &at, "found undefined alias *%s (no anchor &%s before it)",
                       (const char *)ev->data.alias.anchor, (const char *)ev->data.alias.anchor);
  if (!a->node)
    return scn_fail_at(c, &at, "alias *%s is inside the node it names (an alias inside itself)",
                       a->name);
  if (v->depth + a->height > SCN_MAX_DEPTH)
    return scn_fail_at(c, &at, "nested more than %d levels deep once alias *%s is expanded",
                       SCN_MAX_DEPTH, a->name);
  if (a->nodes > SCN_MAX_NODES - c->nodes)
    return scn_fail_at(c, &at, "too large: more than %zu nodes once aliases are expanded",
                       SCN_MAX_NODES);
  c->nodes += a->nodes;
  if (count_bytes(v, &at, a->bytes)) return SIM_EINPUT;
  scn_node *n = copy_node(c, a->node);
  if (!n) return scn_oom(c);
  /* A message about the copy itself (a duplicate key, a wrong value) points
   * at the alias, where it was used, not at the anchor. */
  n->loc = at.loc;
  n->set = at.set;
  return attach(v, n, a->height);
}

static int on_scalar(builder *v, const yaml_event_t *ev) {
  scn_ctx *c = v->c;
  scn_node *n = scn_alloc(c, sizeof *n);
  if (!n) return scn_oom(c);
  set_loc(v, n, ev->start_mark);
  if (count_node(v, n)) return SIM_EINPUT;
  const char *value = (const char *)ev->data.scalar.value;
  size_t len = ev->data.scalar.length;
  n->kind = SCN_NODE_SCALAR;
  n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
  if (memchr(value, '\0', len)) return scn_fail_at(c, n, "text must not contain a NUL character");
  if (count_bytes(v, n, len)) return SIM_EINPUT;
  if (!(n->text = scn_strndup(c, value, len))) return scn_oom(c);
  int a = anchor_add(v, ev->data.scalar.anchor);
  if (a == -2) return scn_oom(c);
  if (a >= 0) {
    v->anchors[a].node = n;
    v->anchors[a].nodes = 1;
    v->anchors[a].bytes = len;
    v->anchors[a].height = 1;
  }
  return attach(v, n, 1);
}

static int on_start(builder *v, const yaml_event_t *ev, scn_node_kind kind,
                    const yaml_char_t *anchor_name) {
  scn_ctx *c = v->c;
  scn_node *n = scn_alloc(c, sizeof *n);
  if (!n) return scn_oom(c);
  set_loc(v, n, ev->start_mark);
  n->kind = kind;
  if (v->depth >= SCN_MAX_DEPTH)
    return scn_fail_at(c, n, "nested more than %d levels deep (a scenario nests 5)", SCN_MAX_DEPTH);
  if (count_node(v, n)) return SIM_EINPUT;
  if (v->depth > 0) {
    const frame *up = &v->stack[v->depth - 1];
    if (up->node->kind == SCN_NODE_MAP && !up->key)
      return scn_fail_at(c, n, "a key must be a plain name, not %s",
                         kind == SCN_NODE_SEQ ? "a list" : "a mapping");
  }
  if (v->depth == v->cap) {
    size_t cap = (size_t)v->cap;
    if (grow((void **)&v->stack, &cap, (size_t)v->depth, sizeof *v->stack)) return scn_oom(c);
    v->cap = (int)cap;
  }
  int a = anchor_add(v, anchor_name);
  if (a == -2) return scn_oom(c);
  frame *f = &v->stack[v->depth++];
  memset(f, 0, sizeof *f);
  f->node = n;
  f->anchor = a;
  f->nodes0 = c->nodes - 1;
  f->bytes0 = c->bytes;
  f->height = 1;
  return 0;
}

static int on_end(builder *v) {
  scn_ctx *c = v->c;
  frame f = v->stack[--v->depth];
  scn_node *n = f.node;
  int rc = 0;
  if (f.n > (size_t)INT32_MAX) {
    rc = scn_fail_at(c, n, "too large: more than %zu items", SCN_MAX_NODES);
  } else if (n->kind == SCN_NODE_SEQ) {
    n->nitems = (int)f.n;
    if (f.n && !(n->items = scn_alloc(c, f.n * sizeof *n->items))) rc = scn_oom(c);
    if (!rc && f.n) memcpy(n->items, f.kids, f.n * sizeof *n->items);
  } else {
    n->npairs = (int)f.n;
    if (f.n && !(n->pairs = scn_alloc(c, f.n * sizeof *n->pairs))) rc = scn_oom(c);
    if (!rc && f.n) memcpy(n->pairs, f.kids, f.n * sizeof *n->pairs);
    if (!rc) rc = check_duplicate_keys(c, n);
  }
  sim_free(f.kids);
  if (rc) return rc;
  if (f.anchor >= 0) {
    anchor *a = &v->anchors[f.anchor];
    a->node = n;
    a->nodes = c->nodes - f.nodes0;
    a->bytes = c->bytes - f.bytes0;
    a->height = f.height;
  }
  return attach(v, n, f.height);
}

static void builder_free(builder *v) {
  for (int i = 0; i < v->depth; i++) sim_free(v->stack[i].kids);
  sim_free(v->stack);
  for (int i = 0; i < v->nanchors; i++) sim_free(v->anchors[i].name);
  sim_free(v->anchors);
}

/* Line and column (1-based) of a byte offset, for reader errors (bad UTF-8,
 * control characters), which libyaml reports by offset only. */
static void offset_to_loc(const char *text, size_t len, size_t offset, scn_loc *loc) {
  loc->line = 1;
  loc->col = 1;
  for (size_t i = 0; i < offset && i < len; i++) {
    if (text[i] == '\n') {
      loc->line++;
      loc->col = 1;
    } else if (((unsigned char)text[i] & 0xc0) != 0x80) {
      loc->col++;
    }
  }
}

/* The byte at a 1-based line and column (columns count characters). */
static int char_at(const char *text, size_t len, scn_loc loc) {
  size_t i = 0;
  for (int line = 1; line < loc.line && i < len; i++)
    if (text[i] == '\n') line++;
  for (int col = 1; i < len; i++) {
    if (((unsigned char)text[i] & 0xc0) == 0x80) continue;
    if (col++ == loc.col) return (unsigned char)text[i];
  }
  return -1;
}

static int syntax_error(scn_ctx *c, const yaml_parser_t *p, const char *text, size_t len,
                        const char *set) {
  if (p->error == YAML_MEMORY_ERROR) return scn_oom(c);
  char msg[600];
  scn_loc loc;
  const char *problem = p->problem ? p->problem : "cannot parse the YAML";
  if (p->error == YAML_READER_ERROR) {
    size_t at = p->problem_offset;
    int value = p->problem_value;
    /* libyaml names the byte that broke a sequence, which is the character
     * after the bad one when the sequence was cut short ("Caf\xe9 au"):
     * point at the sequence's first byte instead, and name that. */
    int octet = strstr(problem, "octet") != NULL || strstr(problem, "length") != NULL;
    if (octet && strstr(problem, "trailing")) {
      for (int back = 0; back < 4 && at > 0 && at <= len; back++) {
        unsigned char b = (unsigned char)text[at - 1];
        at--;
        if (b >= 0xc0) break;
      }
      value = at < len ? (unsigned char)text[at] : value;
      problem = "invalid UTF-8 sequence";
    }
    offset_to_loc(text, len, at, &loc);
    if (value >= 0 && octet)
      snprintf(msg, sizeof msg, "%s (byte 0x%02x): the file must be UTF-8 text", problem,
               (unsigned)value & 0xffu);
    else if (value >= 0)
      /* A code point, not a byte: a surrogate (U+D800) or a control character. */
      snprintf(msg, sizeof msg, "%s (U+%04X): the file must be UTF-8 text", problem,
               (unsigned)value);
    else
      snprintf(msg, sizeof msg, "%s", problem);
  } else {
    loc.line = (int)p->problem_mark.line + 1;
    loc.col = (int)p->problem_mark.column + 1;
    if (p->context)
      snprintf(msg, sizeof msg, "%s (%s at line %d, column %d)", problem, p->context,
               (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
    else
      snprintf(msg, sizeof msg, "%s", problem);
    /* The commonest YAML mistake gets its cause spelled out. */
    if (char_at(text, len, loc) == '\t') {
      size_t n = strlen(msg);
      snprintf(msg + n, sizeof msg - n, "; YAML indents with spaces, not tabs");
    }
  }
  if (set) {
    char label[128];
    const char *whole = set;
    set = set_label(whole, label, sizeof label);
    /* libyaml puts "ran out of input" one line past the end; say so plainly. */
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) chars += ((unsigned char)text[i] & 0xc0) != 0x80;
    if (p->error != YAML_READER_ERROR && p->problem_mark.index >= chars)
      return sim_fail(c->err, SIM_EINPUT, "--set %s: error: at the end of the value: %s", set, msg);
    return sim_fail(c->err, SIM_EINPUT, "--set %s: error: in the value, column %d: %s", set,
                    loc.col, msg);
  }
  return sim_fail(c->err, SIM_EINPUT, "%s:%d:%d: error: %s", c->file, loc.line, loc.col, msg);
}

/* A UTF-16 or UTF-32 file: libyaml would decode it, but the format is UTF-8
 * and every column we report counts UTF-8 characters. */
static int not_utf8(scn_ctx *c, const char *text, size_t len, const char *set) {
  const unsigned char *u = (const unsigned char *)text;
  const char *what = NULL;
  if (len >= 4 && ((u[0] == 0xff && u[1] == 0xfe && !u[2] && !u[3]) ||
                   (!u[0] && !u[1] && u[2] == 0xfe && u[3] == 0xff)))
    what = "UTF-32";
  else if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
    what = "UTF-16";
  if (!what) return 0;
  if (set)
    return sim_fail(c->err, SIM_EINPUT, "--set %s: error: the value is %s, not UTF-8", set, what);
  return sim_fail(c->err, SIM_EINPUT,
                  "%s:1:1: error: the file is %s (it starts with a %s byte order mark); a "
                  "scenario must be UTF-8 text",
                  c->file, what, what);
}

int scn_yaml_parse(scn_ctx *c, const char *text, size_t len, const char *set, scn_node **root) {
  *root = NULL;
  int rc = not_utf8(c, text, len, set);
  if (rc) return rc;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return scn_oom(c);
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  builder v = {c, set, NULL, 0, 0, NULL, 0, 0, NULL};
  int documents = 0, done = 0;
  while (!rc && !done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      rc = syntax_error(c, &parser, text, len, set);
      break;
    }
    switch (ev.type) {
    case YAML_STREAM_END_EVENT:
      done = 1;
      break;
    case YAML_DOCUMENT_START_EVENT:
      documents++;
      break;
    case YAML_SCALAR_EVENT:
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
    case YAML_ALIAS_EVENT:
      if (documents > 1 && v.depth == 0) {
        /* A second document would be silently ignored; say so instead. */
        scn_node at = {0};
        set_loc(&v, &at, ev.start_mark);
        rc = scn_fail_at(c, &at, "a second YAML document; a scenario is one document");
      } else if (ev.type == YAML_SCALAR_EVENT) {
        rc = on_scalar(&v, &ev);
      } else if (ev.type == YAML_ALIAS_EVENT) {
        rc = on_alias(&v, &ev);
      } else {
        rc = on_start(&v, &ev, ev.type == YAML_SEQUENCE_START_EVENT ? SCN_NODE_SEQ : SCN_NODE_MAP,
                      ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
                                                           : ev.data.mapping_start.anchor);
      }
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      rc = on_end(&v);
      break;
    default:
      break;
    }
    yaml_event_delete(&ev);
  }
  builder_free(&v);
  yaml_parser_delete(&parser);
  if (!rc) *root = v.root;
  return rc;
}

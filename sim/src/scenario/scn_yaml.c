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
    free(c->arena);
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
    scn_chunk *chunk = calloc(1, sizeof(scn_chunk) + cap * sizeof(max_align_t));
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

int scn_fail_at(scn_ctx *c, const scn_node *n, const char *fmt, ...) {
  char msg[900];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (n && n->set) return sim_fail(c->err, SIM_EINPUT, "--set %s: error: %s", n->set, msg);
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

typedef struct conv {
  scn_ctx *c;
  yaml_document_t *doc;
  const char *set;
} conv;

static void set_loc(const conv *v, scn_node *n, yaml_mark_t mark) {
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

static int convert(conv *v, yaml_node_t *yn, int depth, scn_node **out) {
  scn_ctx *c = v->c;
  scn_node *n = scn_alloc(c, sizeof *n);
  if (!n) return scn_oom(c);
  set_loc(v, n, yn->start_mark);
  *out = n;
  /* An alias may name its own ancestor ("&a [*a]"): the depth bound stops that
   * loop, the node and byte bounds stop the "billion laughs" expansion. */
  if (depth > SCN_MAX_DEPTH)
    return scn_fail_at(c, n, "nested more than %d levels deep (an alias inside itself?)",
                       SCN_MAX_DEPTH);
  if (++c->nodes > SCN_MAX_NODES)
    return scn_fail_at(c, n, "too large: more than %zu nodes once aliases are expanded",
                       SCN_MAX_NODES);

  switch (yn->type) {
  case YAML_SCALAR_NODE: {
    const char *value = (const char *)yn->data.scalar.value;
    size_t len = yn->data.scalar.length;
    n->kind = SCN_NODE_SCALAR;
    n->plain = yn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (memchr(value, '\0', len)) return scn_fail_at(c, n, "text must not contain a NUL character");
    c->bytes += len;
    if (c->bytes > SCN_MAX_SCALAR_BYTES)
      return scn_fail_at(c, n, "too large: more than %zu bytes of text once aliases are expanded",
                         SCN_MAX_SCALAR_BYTES);
    if (!(n->text = scn_strndup(c, value, len))) return scn_oom(c);
    return 0;
  }
  case YAML_SEQUENCE_NODE: {
    n->kind = SCN_NODE_SEQ;
    yaml_node_item_t *start = yn->data.sequence.items.start, *top = yn->data.sequence.items.top;
    size_t count = (size_t)(top - start);
    if (count > SCN_MAX_NODES)
      return scn_fail_at(c, n, "too large: more than %zu items", SCN_MAX_NODES);
    if (count && !(n->items = scn_alloc(c, count * sizeof *n->items))) return scn_oom(c);
    for (size_t i = 0; i < count; i++) {
      int rc = convert(v, yaml_document_get_node(v->doc, start[i]), depth + 1, &n->items[i]);
      if (rc) return rc;
      n->nitems++;
    }
    return 0;
  }
  case YAML_MAPPING_NODE: {
    n->kind = SCN_NODE_MAP;
    yaml_node_pair_t *start = yn->data.mapping.pairs.start, *top = yn->data.mapping.pairs.top;
    size_t count = (size_t)(top - start);
    if (count > SCN_MAX_NODES)
      return scn_fail_at(c, n, "too large: more than %zu keys", SCN_MAX_NODES);
    if (count && !(n->pairs = scn_alloc(c, count * sizeof *n->pairs))) return scn_oom(c);
    for (size_t i = 0; i < count; i++) {
      yaml_node_t *yk = yaml_document_get_node(v->doc, start[i].key);
      yaml_node_t *yv = yaml_document_get_node(v->doc, start[i].value);
      int rc = convert(v, yk, depth + 1, &n->pairs[i].key);
      if (rc) return rc;
      if (n->pairs[i].key->kind != SCN_NODE_SCALAR)
        return scn_fail_at(c, n->pairs[i].key, "a key must be a plain name, not %s",
                           n->pairs[i].key->kind == SCN_NODE_SEQ ? "a list" : "a mapping");
      if ((rc = convert(v, yv, depth + 1, &n->pairs[i].value))) return rc;
      n->npairs++;
    }
    return check_duplicate_keys(c, n);
  }
  case YAML_NO_NODE:
    break;
  }
  /* Not produced by yaml_parser_load; read as an empty value to stay total. */
  n->kind = SCN_NODE_SCALAR;
  n->plain = 1;
  n->text = "";
  return 0;
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
    offset_to_loc(text, len, p->problem_offset, &loc);
    if (p->problem_value >= 0)
      snprintf(msg, sizeof msg, "%s (byte 0x%02x): the file must be UTF-8 text", problem,
               (unsigned)p->problem_value & 0xffu);
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

int scn_yaml_parse(scn_ctx *c, const char *text, size_t len, const char *set, scn_node **root) {
  *root = NULL;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return scn_oom(c);
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);

  yaml_document_t doc;
  int rc = 0;
  if (!yaml_parser_load(&parser, &doc)) {
    /* yaml_parser_load has already freed the document on failure. */
    rc = syntax_error(c, &parser, text, len, set);
    yaml_parser_delete(&parser);
    return rc;
  }
  yaml_node_t *top = yaml_document_get_root_node(&doc);
  if (top) {
    conv v = {c, &doc, set};
    rc = convert(&v, top, 1, root);
    if (!rc) {
      /* A second document would be silently ignored; say so instead. */
      yaml_document_t next;
      if (!yaml_parser_load(&parser, &next)) {
        rc = syntax_error(c, &parser, text, len, set);
      } else {
        yaml_node_t *extra = yaml_document_get_root_node(&next);
        if (extra) {
          scn_node at = {0};
          conv w = {c, &next, set};
          set_loc(&w, &at, extra->start_mark);
          rc = scn_fail_at(c, &at, "a second YAML document; a scenario is one document");
        }
        yaml_document_delete(&next);
      }
    }
  }
  yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
  if (rc) *root = NULL;
  return rc;
}

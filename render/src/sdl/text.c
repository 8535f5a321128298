/* text.c - the string-to-texture cache and font lookup; see text.h.
 *
 * A chained hash table over a fixed array of entries; the least recently used
 * entry is found by a linear scan, paid only on a miss with the cache full
 * (a few times a second at most), which is simpler than a linked LRU list and
 * costs nothing on the hit path.
 */
#include "text.h"

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TXT_BUCKETS   2048 /* a power of two, twice the capacity */
#define TXT_MAX_FONTS 24

typedef struct txt_entry {
  char *s;
  int px, bold;
  uint32_t hash;
  SDL_Texture *tex;
  int w, h;
  unsigned long used; /* the cache's clock at the last use */
  int next;           /* chain, -1 = end */
} txt_entry;

struct txt_cache {
  SDL_Renderer *r;
  char regular[1024], bold[1024];
  struct {
    int px, bold;
    TTF_Font *font;
  } fonts[TXT_MAX_FONTS];
  int nfonts;
  txt_entry entries[TXT_CAPACITY];
  int count;
  int buckets[TXT_BUCKETS];
  unsigned long clock;
  txt_stats stats;
  struct {
    uint32_t hash;
    size_t n;
    int valid;
  } fits[16];
};

static int find_one(const char *family, int bold, char *out, size_t size) {
  FcPattern *pat = FcNameParse((const FcChar8 *)family);
  if (!pat) return -1;
  if (bold) FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_BOLD);
  FcConfigSubstitute(NULL, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcPattern *match = FcFontMatch(NULL, pat, &res);
  int rc = -1;
  FcChar8 *file = NULL;
  if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file) {
    size_t n = strlen((const char *)file);
    if (n < size) {
      memcpy(out, file, n + 1);
      rc = 0;
    }
  }
  if (match) FcPatternDestroy(match);
  FcPatternDestroy(pat);
  return rc;
}

int txt_find_fonts(char *regular, char *bold, size_t size) {
  const char *env = getenv("SIMUL_FONT");
  if (env && *env) {
    if (strlen(env) >= size) return -1;
    strcpy(regular, env);
    strcpy(bold, env);
    return 0;
  }
  if (!FcInit()) return -1;
  int rc = find_one("DejaVu Sans", 0, regular, size);
  if (rc == 0 && find_one("DejaVu Sans", 1, bold, size) != 0) strcpy(bold, regular);
  /* Release fontconfig's caches now: nothing else in simul uses it. */
  FcFini();
  return rc;
}

txt_cache *txt_create(SDL_Renderer *r, const char *regular, const char *bold) {
  /* TTF_Init counts its callers (SDL_ttf >= 2.0.18): each cache pairs it with TTF_Quit. */
  if (TTF_Init() != 0) return NULL;
  txt_cache *c = calloc(1, sizeof *c);
  if (!c) {
    TTF_Quit();
    SDL_SetError("out of memory");
    return NULL;
  }
  c->r = r;
  snprintf(c->regular, sizeof c->regular, "%s", regular);
  snprintf(c->bold, sizeof c->bold, "%s", bold && *bold ? bold : regular);
  memset(c->buckets, -1, sizeof c->buckets);
  /* Open one size now so a missing or broken font fails here, not mid-frame. */
  TTF_Font *probe = TTF_OpenFont(c->regular, 12);
  if (!probe) {
    free(c);
    TTF_Quit();
    return NULL;
  }
  c->fonts[0].px = 12;
  c->fonts[0].bold = 0;
  c->fonts[0].font = probe;
  c->nfonts = 1;
  return c;
}

void txt_destroy(txt_cache *c) {
  if (!c) return;
  for (int i = 0; i < c->count; i++) {
    SDL_DestroyTexture(c->entries[i].tex);
    free(c->entries[i].s);
  }
  for (int i = 0; i < c->nfonts; i++) TTF_CloseFont(c->fonts[i].font);
  free(c);
  TTF_Quit();
}

static TTF_Font *font_for(txt_cache *c, int px, int bold) {
  for (int i = 0; i < c->nfonts; i++)
    if (c->fonts[i].px == px && c->fonts[i].bold == bold) return c->fonts[i].font;
  if (c->nfonts == TXT_MAX_FONTS) { /* sizes change with the window: recycle the oldest */
    TTF_CloseFont(c->fonts[1].font);
    memmove(&c->fonts[1], &c->fonts[2], (TXT_MAX_FONTS - 2) * sizeof c->fonts[0]);
    c->nfonts--;
  }
  TTF_Font *f = TTF_OpenFont(bold ? c->bold : c->regular, px);
  if (!f) return NULL;
  if (bold && strcmp(c->bold, c->regular) == 0) TTF_SetFontStyle(f, TTF_STYLE_BOLD);
  TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
  c->fonts[c->nfonts].px = px;
  c->fonts[c->nfonts].bold = bold;
  c->fonts[c->nfonts].font = f;
  c->nfonts++;
  return f;
}

static uint32_t hash_of(const char *s, int px, int bold) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (; *s; s++) h = (h ^ (uint8_t)*s) * 16777619u;
  h = (h ^ (uint32_t)px) * 16777619u;
  return (h ^ (uint32_t)bold) * 16777619u;
}

static void unlink_entry(txt_cache *c, int i) {
  int *p = &c->buckets[c->entries[i].hash & (TXT_BUCKETS - 1)];
  while (*p != i) p = &c->entries[*p].next;
  *p = c->entries[i].next;
}

/* Moves entry `from` into slot `to` (to keep the array dense), fixing its chain link. */
static void move_entry(txt_cache *c, int from, int to) {
  int *p = &c->buckets[c->entries[from].hash & (TXT_BUCKETS - 1)];
  while (*p != from) p = &c->entries[*p].next;
  *p = to;
  c->entries[to] = c->entries[from];
}

static txt_entry *lookup(txt_cache *c, const char *s, int px, int bold) {
  uint32_t h = hash_of(s, px, bold);
  c->clock++;
  for (int i = c->buckets[h & (TXT_BUCKETS - 1)]; i >= 0; i = c->entries[i].next) {
    txt_entry *e = &c->entries[i];
    if (e->hash == h && e->px == px && e->bold == bold && strcmp(e->s, s) == 0) {
      e->used = c->clock;
      c->stats.hits++;
      return e;
    }
  }
  TTF_Font *f = font_for(c, px, bold);
  if (!f) return NULL;
  SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, (SDL_Color){255, 255, 255, 255});
  if (!surf) return NULL;
  SDL_Texture *tex = SDL_CreateTextureFromSurface(c->r, surf);
  int w = surf->w, hh = surf->h;
  SDL_FreeSurface(surf);
  if (!tex) return NULL;
  SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
  char *copy = malloc(strlen(s) + 1);
  if (!copy) {
    SDL_DestroyTexture(tex);
    return NULL;
  }
  strcpy(copy, s);
  if (c->count == TXT_CAPACITY) {
    int lru = 0;
    for (int i = 1; i < c->count; i++)
      if (c->entries[i].used < c->entries[lru].used) lru = i;
    unlink_entry(c, lru);
    SDL_DestroyTexture(c->entries[lru].tex);
    free(c->entries[lru].s);
    if (lru != c->count - 1) move_entry(c, c->count - 1, lru);
    c->count--;
    c->stats.evictions++;
  }
  int i = c->count++;
  txt_entry *e = &c->entries[i];
  *e = (txt_entry){copy, px, bold, h, tex, w, hh, c->clock, -1};
  e->next = c->buckets[h & (TXT_BUCKETS - 1)];
  c->buckets[h & (TXT_BUCKETS - 1)] = i;
  c->stats.misses++;
  c->stats.count = c->count;
  return e;
}

int txt_size(txt_cache *c, const char *s, int px, int bold, int *w, int *h) {
  if (!s || !*s || px < 1) {
    if (w) *w = 0;
    if (h) *h = px;
    return 0;
  }
  txt_entry *e = lookup(c, s, px, bold);
  if (w) *w = e ? e->w : 0;
  if (h) *h = e ? e->h : px;
  return e ? 0 : -1;
}

int txt_draw(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y,
             int align) {
  if (!s || !*s || px < 1) return 0;
  txt_entry *e = lookup(c, s, px, bold);
  if (!e) return 0;
  SDL_Rect dst = {x, y, e->w, e->h};
  if (align == TXT_CENTER) dst.x -= e->w / 2;
  if (align == TXT_RIGHT) dst.x -= e->w;
  SDL_SetTextureColorMod(e->tex, color.r, color.g, color.b);
  SDL_RenderCopy(c->r, e->tex, NULL, &dst);
  return e->w;
}

int txt_draw_mid(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y, int h,
                 int align) {
  int th = 0;
  if (txt_size(c, s, px, bold, NULL, &th) != 0) return 0;
  return txt_draw(c, s, px, bold, color, x, y + (h - th) / 2, align);
}

txt_stats txt_get_stats(const txt_cache *c) {
  return c->stats;
}

/* Longest prefix of s (at a character boundary) that fits maxw with "...". */
static size_t fit_prefix(TTF_Font *f, const char *s, int maxw) {
  char buf[512];
  size_t n = strlen(s);
  if (n > sizeof buf - 4) n = sizeof buf - 4;
  size_t lo = 0, hi = n; /* answer in [lo, hi]: binary search on bytes, then snap */
  while (lo < hi) {
    size_t mid = (lo + hi + 1) / 2, cut = mid;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    memcpy(buf, s, cut);
    memcpy(buf + cut, "\xe2\x80\xa6", 4); /* U+2026 HORIZONTAL ELLIPSIS */
    int tw = 0;
    if (TTF_SizeUTF8(f, buf, &tw, NULL) == 0 && tw <= maxw)
      lo = mid;
    else
      hi = mid - 1;
  }
  while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80) lo--;
  return lo;
}

int txt_draw_fit(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y,
                 int maxw) {
  int w = 0;
  if (maxw <= 0 || txt_size(c, s, px, bold, &w, NULL) != 0) return 0;
  if (w <= maxw) return txt_draw(c, s, px, bold, color, x, y, TXT_LEFT);
  /* The cut is remembered: the same title at the same width is measured once. */
  uint32_t h = hash_of(s, px, bold) ^ (uint32_t)maxw * 2654435761u;
  size_t slot = h % (sizeof c->fits / sizeof c->fits[0]), n;
  if (c->fits[slot].hash == h && c->fits[slot].valid) {
    n = c->fits[slot].n;
  } else {
    TTF_Font *f = font_for(c, px, bold);
    if (!f) return 0;
    n = fit_prefix(f, s, maxw);
    c->fits[slot].hash = h, c->fits[slot].n = n, c->fits[slot].valid = 1;
  }
  char buf[512];
  if (n > sizeof buf - 4) n = sizeof buf - 4;
  memcpy(buf, s, n);
  memcpy(buf + n, "\xe2\x80\xa6", 4);
  return txt_draw(c, buf, px, bold, color, x, y, TXT_LEFT);
}

int txt_glyphs_width(txt_cache *c, const char *s, int px, int bold) {
  int w = 0;
  for (; *s; s++) {
    char one[2] = {*s, 0};
    int gw = 0;
    txt_size(c, one, px, bold, &gw, NULL);
    w += gw;
  }
  return w;
}

int txt_draw_glyphs(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y,
                    int align) {
  int w = txt_glyphs_width(c, s, px, bold);
  if (align == TXT_CENTER) x -= w / 2;
  if (align == TXT_RIGHT) x -= w;
  for (; *s; s++) {
    char one[2] = {*s, 0};
    x += txt_draw(c, one, px, bold, color, x, y, TXT_LEFT);
  }
  return w;
}

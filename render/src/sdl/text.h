/* text.h - internal: text drawn with SDL2_ttf, each string rendered once.
 *
 * A string at a pixel size and weight is rasterised to a white texture the
 * first time it is drawn and reused afterwards; colour comes from the
 * texture's colour modulation, so one texture serves every colour. Rendering
 * text per frame is what makes SDL apps stutter, and strings such as a
 * running clock change only a few times a second. The cache holds at most
 * TXT_CAPACITY strings and evicts the least recently used.
 *
 * The font is found through fontconfig ("DejaVu Sans"; Debian's
 * fonts-dejavu-core), or the file named by $SIMUL_FONT.
 */
#ifndef RENDER_TEXT_H
#define RENDER_TEXT_H

#include <SDL.h>
#include <stddef.h>

#include "render/palette.h"

#define TXT_CAPACITY 1024

typedef struct txt_cache txt_cache;

/* Finds the regular and bold font files. Returns 0, or -1 when there is no
 * usable font (the caller prints "cannot find a font: install fonts-dejavu-core"). */
int txt_find_fonts(char *regular, char *bold, size_t size);

/* A cache drawing on `r`; NULL (with SDL_GetError set) when the font cannot be
 * opened. The cache keeps the paths; fonts open lazily per pixel size. */
txt_cache *txt_create(SDL_Renderer *r, const char *regular, const char *bold);
void txt_destroy(txt_cache *c);

enum { TXT_LEFT = 0, TXT_CENTER = 1, TXT_RIGHT = 2 };

/* Draws `s` with its top-left (or top-centre, top-right) at (x, y); returns
 * its width in pixels (0 when it cannot be drawn). */
int txt_draw(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y, int align);

/* Width and height of `s`, without drawing (the texture is made and cached). */
int txt_size(txt_cache *c, const char *s, int px, int bold, int *w, int *h);

/* Draws `s` centred vertically in a band [y, y+h). */
int txt_draw_mid(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y, int h,
                 int align);

/* Draws `s`, cut short with an ellipsis when wider than maxw; returns the width drawn.
 * The cut is found by measuring (TTF_SizeUTF8), which renders nothing. */
int txt_draw_fit(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y,
                 int maxw);

/* Draws `s` (ASCII: digits, ':', '.', '/', ...) character by character from
 * one-character textures, for strings that change every frame (a running
 * clock): their glyphs are made once, the strings never. Returns the width. */
int txt_draw_glyphs(txt_cache *c, const char *s, int px, int bold, rnd_rgb color, int x, int y,
                    int align);
int txt_glyphs_width(txt_cache *c, const char *s, int px, int bold);

typedef struct txt_stats {
  unsigned long hits, misses, evictions;
  int count;
} txt_stats;

txt_stats txt_get_stats(const txt_cache *c);

#endif

/* prim.h - internal: what every part of the frame draws with (prim.c).
 *
 * Rectangles of one colour are queued and sent to SDL in one
 * SDL_RenderFillRects call per colour, since with thousands of tasks the cost
 * is the number of calls, not the pixels. The queues live in rnd_ctx and are
 * reused, so a frame allocates nothing once it has warmed up.
 */
#ifndef RENDER_PRIM_H
#define RENDER_PRIM_H

#include <SDL.h>

#include "render/layout.h"
#include "render/palette.h"
#include "render/track.h"
#include "render/view.h"
#include "text.h"

/* Colour queues: one per task state, then these. */
enum {
  RND_Q_SWITCH = TRK_STATE_COUNT,
  RND_Q_IDLE,
  RND_Q_BOARD_LIGHT,
  RND_Q_BOARD_DARK,
  RND_Q_COUNT
};

/* A queue's colour. */
rnd_rgb rnd_queue_color(int q);

typedef struct rnd_queue {
  SDL_Rect *rects;
  int n, cap;
} rnd_queue;

typedef struct rnd_ctx {
  SDL_Renderer *r;
  txt_cache *txt;
  rnd_queue q[RND_Q_COUNT];
  /* Each overview strip's per-column shares: they depend on the run and the
   * strip's width only, so they are computed once, not per frame (walking
   * every lane's spans each frame cost more than the rest of a frame). */
  struct rnd_ov_cache {
    double *fill;
    size_t cap;
    const sim_span *spans; /* the key: the run's spans, their count, the width, the range */
    size_t nspans;
    int w;
    sim_time end;
  } ov[TRK_MAX_TRACKS];
} rnd_ctx;

void rnd_ctx_free(rnd_ctx *c);

/* Primitives. */
void rnd_set_color(SDL_Renderer *r, rnd_rgb c, uint8_t a);
void rnd_fill(SDL_Renderer *r, lay_rect rect, rnd_rgb c);
void rnd_fill_alpha(SDL_Renderer *r, lay_rect rect, rnd_rgb c, uint8_t a);
void rnd_outline(SDL_Renderer *r, lay_rect rect, rnd_rgb c, int thickness);
void rnd_disc(SDL_Renderer *r, float cx, float cy, float radius, rnd_rgb c, uint8_t a);
void rnd_triangle(SDL_Renderer *r, float x0, float y0, float x1, float y1, float x2, float y2,
                  rnd_rgb c);
void rnd_queue_add(rnd_ctx *c, int q, int x, int y, int w, int h);
void rnd_queue_flush(rnd_ctx *c);

/* The time a clock shows: while playing fast, whole seconds (milliseconds
 * flickering past are noise); paused or slow, the exact time. */
static inline sim_time rnd_clock_time(const view_state *v, sim_time t) {
  return v->playing && v->speed >= 5 ? t - t % SIM_S : t;
}

/* Draws glyph-composed text (see txt_draw_glyphs) centred vertically in [y, y+h). */
int rnd_glyphs_mid(rnd_ctx *c, const char *s, int px, int bold, rnd_rgb color, int x, int y, int h,
                   int align);

/* Black or white, whichever reads better on `bg`. */
rnd_rgb rnd_text_on(rnd_rgb bg);

/* The display name of a task or lane, and the label of a span's step. */
void rnd_row_name(const trk_set *set, const trk_track *t, int32_t row, char *buf, size_t size);
const char *rnd_step_label(const scn_scenario *scn, const sim_result *r, int32_t task,
                           unsigned step);

/* A clock time as the window shows it: h:mm:ss, ".fff" when it has
 * milliseconds, ".ffffff" when `step` (the spacing of the times shown
 * together, e.g. axis ticks; 0 when alone) is under a millisecond, and days
 * past 24 h ("2d 3:00:00"). */
void rnd_format_clock(sim_time t, sim_time step, char *buf, size_t size);

/* A duration for people: "820 µs", "52.3 ms", "1.167 s", "0:12:05". */
void rnd_format_seconds(double s, char *buf, size_t size);

/* "150x", "2.5x", "0.12x". */
void rnd_speed_label(double speed, char *buf, size_t size);

#endif

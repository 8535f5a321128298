/* canvas.c - drawing without a display: `simul render`, the pixel tests and
 * the benchmark. SDL's software renderer draws into a plain surface, so no
 * video driver is initialised at all and it works on a server or in CI.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "render/render.h"

struct rnd_canvas {
  SDL_Surface *surf;
  rnd_ctx ctx;
  lay_layout lay;
  double scale;
};

double rnd_auto_scale(int width, int height) {
  double s = fmin(width / 1280.0, height / 720.0);
  if (s < 1) {
    /* Below the window's minimum (800x520) everything shrinks with the
     * image rather than overlapping, down to 0.6 (9-pixel text). */
    double c = fmin(1.0, fmin(width / 800.0, height / 520.0));
    return fmax(0.6, floor(c * 20) / 20);
  }
  return floor(s * 4 + 0.5) / 4; /* quarter steps keep pixel sizes stable */
}

rnd_canvas *rnd_canvas_open(int width, int height, double scale, sim_error *err) {
  char regular[1024], bold[1024];
  if (width < 64 || height < 64 || width > 16384 || height > 16384) {
    sim_fail(err, SIM_EINPUT, "--size: error: %dx%d is out of range (64 to 16384)", width, height);
    return NULL;
  }
  if (txt_find_fonts(regular, bold, sizeof regular) != 0) {
    sim_fail(err, RND_ENOFONT, "error: " RND_NOFONT_MSG);
    return NULL;
  }
  rnd_canvas *cv = calloc(1, sizeof *cv);
  if (!cv) {
    sim_fail(err, SIM_EFAIL, "error: out of memory");
    return NULL;
  }
  cv->scale = scale > 0 ? scale : rnd_auto_scale(width, height);
  cv->surf = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGB888);
  if (cv->surf) cv->ctx.r = SDL_CreateSoftwareRenderer(cv->surf);
  if (!cv->surf || !cv->ctx.r) {
    sim_fail(err, SIM_EFAIL, "error: cannot create an offscreen image: %s", SDL_GetError());
    rnd_canvas_close(cv);
    return NULL;
  }
  cv->ctx.txt = txt_create(cv->ctx.r, regular, bold);
  if (!cv->ctx.txt) {
    sim_fail(err, RND_ENOFONT, "%s: error: %s; " RND_NOFONT_MSG, regular, SDL_GetError());
    rnd_canvas_close(cv);
    return NULL;
  }
  return cv;
}

void rnd_canvas_draw(rnd_canvas *cv, const view_state *v, const trk_set *set) {
  lay_compute(&cv->lay, cv->surf->w, cv->surf->h, cv->scale, v, set);
  rnd_draw_frame(&cv->ctx, &cv->lay, v, set);
  SDL_RenderFlush(cv->ctx.r);
}

const lay_layout *rnd_canvas_layout(const rnd_canvas *cv) {
  return &cv->lay;
}

rnd_rgb rnd_canvas_pixel(const rnd_canvas *cv, int x, int y) {
  if (x < 0 || y < 0 || x >= cv->surf->w || y >= cv->surf->h) return (rnd_rgb){0, 0, 0};
  const uint8_t *row = (const uint8_t *)cv->surf->pixels + (size_t)y * (size_t)cv->surf->pitch;
  uint32_t p;
  memcpy(&p, row + 4 * (size_t)x, 4);
  return (rnd_rgb){(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p};
}

int rnd_canvas_save(rnd_canvas *cv, const char *path, sim_error *err) {
  if (IMG_SavePNG(cv->surf, path) != 0)
    return sim_fail(err, SIM_EFAIL, "%s: error: cannot write the image: %s", path, SDL_GetError());
  return 0;
}

void rnd_canvas_text_stats(const rnd_canvas *cv, unsigned long *misses, unsigned long *hits) {
  txt_stats s = txt_get_stats(cv->ctx.txt);
  if (misses) *misses = s.misses;
  if (hits) *hits = s.hits;
}

void rnd_canvas_close(rnd_canvas *cv) {
  if (!cv) return;
  txt_destroy(cv->ctx.txt);
  rnd_ctx_free(&cv->ctx);
  if (cv->ctx.r) SDL_DestroyRenderer(cv->ctx.r);
  if (cv->surf) SDL_FreeSurface(cv->surf);
  free(cv);
}

void rnd_image_view(view_state *v, const trk_set *set, const rnd_image_opts *opts) {
  view_init(v, set);
  v->playing = 0;
  int any = 0;
  for (int k = 0; k < set->ntracks; k++) any |= opts->shown[k];
  if (any)
    for (int k = 0; k < set->ntracks; k++) v->shown[k] = opts->shown[k] != 0;
  sim_time at = opts->at;
  if (at < 0) {
    sim_time shortest = set->end;
    for (int k = 0; k < set->ntracks; k++)
      if (set->tracks[k].res.makespan < shortest) shortest = set->tracks[k].res.makespan;
    at = shortest / 2 / SIM_S * SIM_S; /* a whole second: a tidy clock in the picture */
  }
  view_seek(v, at);
  view_reveal_now(v);
  if (v->follow_rows) v->row_scroll = view_follow_row(v, set);
  if (opts->select > 0 && set->ntracks > 0 && opts->select <= set->tracks[0].ntasks) {
    v->selected_task = opts->select - 1;
    v->selected_track = 0;
  }
  v->panel = opts->panel;
  if (opts->window == 2) view_fit(v);
  if (opts->window == 1 && opts->win_end > opts->win_start) {
    v->vstart = (double)opts->win_start;
    v->vlen = (double)(opts->win_end - opts->win_start);
    if (v->vlen < VIEW_MIN_SPAN) v->vlen = VIEW_MIN_SPAN;
    v->follow = 0;
  }
}

int rnd_render_png(const trk_set *set, const rnd_image_opts *opts, const char *path,
                   sim_error *err) {
  int w = opts->width > 0 ? opts->width : 1280, h = opts->height > 0 ? opts->height : 720;
  rnd_canvas *cv = rnd_canvas_open(w, h, opts->scale, err);
  if (!cv) return err ? err->code : SIM_EFAIL;
  view_state v;
  rnd_image_view(&v, set, opts);
  v.help = opts->keys;
  {
    /* Rows that follow the playhead stop at the last screenful, as the
     * window's do (app_layout). */
    lay_layout lay;
    lay_compute(&lay, w, h, cv->scale, &v, set);
    int32_t max_scroll = 0;
    for (int i = 0; i < lay.npanels; i++)
      if (lay.panels[i].max_scroll > max_scroll) max_scroll = lay.panels[i].max_scroll;
    if (v.row_scroll > max_scroll) v.row_scroll = max_scroll;
  }
  if (opts->pointer) {
    /* As if the pointer rested there: the hovered span outlined, its tooltip. */
    lay_layout lay;
    lay_compute(&lay, w, h, cv->scale, &v, set);
    v.mouse_in = 1;
    v.mouse_x = opts->pointer_x;
    v.mouse_y = opts->pointer_y;
    v.hover = lay_hit_test(&lay, &v, set, v.mouse_x, v.mouse_y);
  }
  rnd_canvas_draw(cv, &v, set);
  int rc = rnd_canvas_save(cv, path, err);
  rnd_canvas_close(cv);
  return rc;
}

uint8_t *rnd_png_read(const char *path, int *width, int *height) {
  SDL_Surface *s = IMG_Load(path);
  if (!s) return NULL;
  SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
  SDL_FreeSurface(s);
  if (!rgb) return NULL;
  uint8_t *out = malloc((size_t)rgb->w * (size_t)rgb->h * 3);
  if (out) {
    for (int y = 0; y < rgb->h; y++)
      memcpy(out + (size_t)y * (size_t)rgb->w * 3,
             (const uint8_t *)rgb->pixels + (size_t)y * (size_t)rgb->pitch, (size_t)rgb->w * 3);
    *width = rgb->w;
    *height = rgb->h;
  }
  SDL_FreeSurface(rgb);
  return out;
}

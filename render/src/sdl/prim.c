/* prim.c - the drawing primitives every part of the frame uses: fills,
 * outlines, discs, the per-colour rectangle queues, and the names drawn next
 * to rows. The parts (draw_*.c) call down into this file; nothing here calls
 * back up.
 */
#include "prim.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rnd_set_color(SDL_Renderer *r, rnd_rgb c, uint8_t a) {
  SDL_SetRenderDrawColor(r, c.r, c.g, c.b, a);
}

void rnd_fill(SDL_Renderer *r, lay_rect rect, rnd_rgb c) {
  if (rect.w <= 0 || rect.h <= 0) return;
  SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
  rnd_set_color(r, c, 255);
  SDL_Rect sr = {rect.x, rect.y, rect.w, rect.h};
  SDL_RenderFillRect(r, &sr);
}

void rnd_fill_alpha(SDL_Renderer *r, lay_rect rect, rnd_rgb c, uint8_t a) {
  if (rect.w <= 0 || rect.h <= 0) return;
  SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
  rnd_set_color(r, c, a);
  SDL_Rect sr = {rect.x, rect.y, rect.w, rect.h};
  SDL_RenderFillRect(r, &sr);
  SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
}

void rnd_outline(SDL_Renderer *r, lay_rect rect, rnd_rgb c, int t) {
  if (t < 1) t = 1;
  rnd_fill(r, (lay_rect){rect.x, rect.y, rect.w, t}, c);
  rnd_fill(r, (lay_rect){rect.x, rect.y + rect.h - t, rect.w, t}, c);
  rnd_fill(r, (lay_rect){rect.x, rect.y, t, rect.h}, c);
  rnd_fill(r, (lay_rect){rect.x + rect.w - t, rect.y, t, rect.h}, c);
}

void rnd_disc(SDL_Renderer *r, float cx, float cy, float radius, rnd_rgb c, uint8_t a) {
  enum { N = 28 };
  SDL_Vertex vert[N + 1];
  int idx[N * 3];
  SDL_Color col = {c.r, c.g, c.b, a};
  vert[0] = (SDL_Vertex){{cx, cy}, col, {0, 0}};
  for (int i = 0; i < N; i++) {
    double ang = 6.283185307179586 * i / N;
    vert[i + 1] =
        (SDL_Vertex){{cx + radius * (float)cos(ang), cy + radius * (float)sin(ang)}, col, {0, 0}};
    idx[3 * i] = 0;
    idx[3 * i + 1] = 1 + i;
    idx[3 * i + 2] = 1 + (i + 1) % N;
  }
  SDL_SetRenderDrawBlendMode(r, a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_RenderGeometry(r, NULL, vert, N + 1, idx, N * 3);
}

void rnd_triangle(SDL_Renderer *r, float x0, float y0, float x1, float y1, float x2, float y2,
                  rnd_rgb c) {
  SDL_Color col = {c.r, c.g, c.b, 255};
  SDL_Vertex v[3] = {{{x0, y0}, col, {0, 0}}, {{x1, y1}, col, {0, 0}}, {{x2, y2}, col, {0, 0}}};
  SDL_RenderGeometry(r, NULL, v, 3, NULL, 0);
}

void rnd_queue_add(rnd_ctx *c, int q, int x, int y, int w, int h) {
  rnd_queue *qu = &c->q[q];
  if (w <= 0 || h <= 0) return;
  if (qu->n == qu->cap) {
    int cap = qu->cap ? qu->cap * 2 : 1024;
    SDL_Rect *p = realloc(qu->rects, (size_t)cap * sizeof *p);
    if (!p) return; /* drawing degrades; the next frame tries again */
    qu->rects = p;
    qu->cap = cap;
  }
  qu->rects[qu->n++] = (SDL_Rect){x, y, w, h};
}

rnd_rgb rnd_queue_color(int q) {
  return q < TRK_STATE_COUNT      ? pal_state_color((trk_state)q)
         : q == RND_Q_SWITCH      ? RND_SWITCH_COLOR
         : q == RND_Q_IDLE        ? RND_IDLE_COLOR
         : q == RND_Q_BOARD_LIGHT ? RND_BOARD_LIGHT
                                  : RND_BOARD_DARK;
}

void rnd_queue_flush(rnd_ctx *c) {
  SDL_SetRenderDrawBlendMode(c->r, SDL_BLENDMODE_NONE);
  for (int q = 0; q < RND_Q_COUNT; q++) {
    if (c->q[q].n == 0) continue;
    rnd_set_color(c->r, rnd_queue_color(q), 255);
    SDL_RenderFillRects(c->r, c->q[q].rects, c->q[q].n);
    c->q[q].n = 0;
  }
}

void rnd_ctx_free(rnd_ctx *c) {
  for (int q = 0; q < RND_Q_COUNT; q++) free(c->q[q].rects);
  memset(c->q, 0, sizeof c->q);
  for (int k = 0; k < TRK_MAX_TRACKS; k++) free(c->ov[k].fill);
  memset(c->ov, 0, sizeof c->ov);
}

int rnd_glyphs_mid(rnd_ctx *c, const char *s, int px, int bold, rnd_rgb color, int x, int y, int h,
                   int align) {
  int th = px;
  txt_size(c->txt, "0", px, bold, NULL, &th);
  return txt_draw_glyphs(c->txt, s, px, bold, color, x, y + (h - th) / 2, align);
}

rnd_rgb rnd_text_on(rnd_rgb bg) {
  /* Relative luminance, roughly: light backgrounds get black text. */
  int lum = 299 * bg.r + 587 * bg.g + 114 * bg.b;
  return lum > 140000 ? (rnd_rgb){0x10, 0x10, 0x10} : (rnd_rgb){0xff, 0xff, 0xff};
}

void rnd_row_name(const trk_set *set, const trk_track *t, int32_t row, char *buf, size_t size) {
  if (row >= t->ntasks) {
    int lane = row - t->ntasks;
    snprintf(buf, size, "%s", t->res.lanes && lane < t->nlanes ? t->res.lanes[lane].name : "?");
  } else if (!set->scn || sim_task_name(set->scn, &t->res, row, buf, size) < 0) {
    snprintf(buf, size, "task %d", (int)row + 1);
  }
}

const char *rnd_step_label(const scn_scenario *scn, const sim_result *r, int32_t task,
                           unsigned step) {
  if (!scn) return "";
  int32_t inst;
  int g = sim_task_group(scn, r, task, &inst);
  if (g < 0 || step >= (unsigned)scn->groups[g].nsteps) return "";
  const scn_step *s = &scn->groups[g].steps[step];
  if (s->label) return s->label;
  return scn_step_kind_name(s->kind);
}

void rnd_speed_label(double speed, char *buf, size_t size) {
  /* Three significant digits at most: 0.12x, 2.5x, 150x, 100000x. */
  if (speed >= 9.95)
    snprintf(buf, size, "%.0fx", speed);
  else
    snprintf(buf, size, "%.3gx", speed);
}

void rnd_format_seconds(double s, char *buf, size_t size) {
  if (s < 0.001)
    snprintf(buf, size, "%.0f \xc2\xb5s", s * 1e6);
  else if (s < 1)
    snprintf(buf, size, "%.3g ms", s * 1e3);
  else if (s < 60)
    snprintf(buf, size, "%.4g s", s);
  else
    rnd_format_clock((sim_time)(s * (double)SIM_S + 0.5), 0, buf, size);
}

void rnd_format_clock(sim_time t, sim_time step, char *buf, size_t size) {
  const char *sign = t < 0 ? "-" : "";
  uint64_t a = t < 0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
  uint64_t secs = a / (uint64_t)SIM_S, us = a % (uint64_t)SIM_S;
  uint64_t days = secs / 86400, h = secs / 3600 % 24;
  unsigned m = (unsigned)(secs / 60 % 60), s = (unsigned)(secs % 60);
  char day[32] = "";
  /* Past a day, "2d 3:00:00": 51:00:00 makes the reader divide by 24. */
  if (days > 0)
    snprintf(day, sizeof day, "%" PRIu64 "d ", days);
  else
    h = secs / 3600;
  if (step > 0 && step < SIM_MS)
    snprintf(buf, size, "%s%s%" PRIu64 ":%02u:%02u.%06u", sign, day, h, m, s, (unsigned)us);
  else if (us != 0 && (step <= 0 || step < SIM_S))
    snprintf(buf, size, "%s%s%" PRIu64 ":%02u:%02u.%03u", sign, day, h, m, s,
             (unsigned)(us / 1000));
  else
    snprintf(buf, size, "%s%s%" PRIu64 ":%02u:%02u", sign, day, h, m, s);
}

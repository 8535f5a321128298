/* draw_timeline.c - the Gantt rows, the shared time axis and the playhead.
 *
 * Only what is visible is drawn: each row binary-searches its first span in
 * the window, and spans narrower than a pixel are merged, one pixel column
 * each (the column takes the colour of the first span in it, then the row
 * skips by binary search to the next column). A row thus costs at most two
 * rectangles per pixel of width, however many spans it holds, which is what
 * keeps 10,000 tasks of 90 spans each under a frame's budget.
 * Spans after the playhead are veiled: the recorded future is there to
 * scrub to, but the race shows what has happened so far.
 */
#include <math.h>
#include <stdio.h>

#include "draw.h"

static int imax(int a, int b) {
  return a > b ? a : b;
}

static int imin(int a, int b) {
  return a < b ? a : b;
}

/* Tick spacing: the smallest "round" step whose labels do not collide. */
static sim_time tick_step(const lay_layout *lay, const view_state *v, int *minor_div) {
  static const sim_time steps[] = {
      1,           2,           5,           10,           20,           50,
      100,         200,         500,         SIM_MS,       2 * SIM_MS,   5 * SIM_MS,
      10 * SIM_MS, 20 * SIM_MS, 50 * SIM_MS, 100 * SIM_MS, 200 * SIM_MS, 500 * SIM_MS,
      SIM_S,       2 * SIM_S,   5 * SIM_S,   10 * SIM_S,   15 * SIM_S,   30 * SIM_S,
      SIM_MIN,     2 * SIM_MIN, 5 * SIM_MIN, 10 * SIM_MIN, 15 * SIM_MIN, 30 * SIM_MIN,
      SIM_H,       2 * SIM_H,   3 * SIM_H,   6 * SIM_H,    12 * SIM_H,   24 * SIM_H,
      48 * SIM_H,  120 * SIM_H, 240 * SIM_H, 480 * SIM_H,  1200 * SIM_H};
  double px_per_us = lay->tl_w / v->vlen;
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    /* Sub-second labels carry ".fff" and need more room. */
    double need = (steps[i] < SIM_S ? 96.0 : 70.0) * lay->scale;
    if ((double)steps[i] * px_per_us >= need) {
      sim_time s = steps[i];
      /* Minor ticks: fifths of 1-5-10 steps, halves or thirds of the others. */
      sim_time m = s;
      while (m >= 10) m /= 10;
      *minor_div = m == 1 ? 5 : m == 5 ? 5 : m == 3 ? 3 : 2;
      if (s == 15 * SIM_S || s == 15 * SIM_MIN) *minor_div = 3;
      if (s == 30 * SIM_S || s == 30 * SIM_MIN) *minor_div = 6;
      if (s == 12 * SIM_H || s == 6 * SIM_H) *minor_div = 6;
      if (s == 24 * SIM_H) *minor_div = 4;
      return s;
    }
  }
  *minor_div = 2;
  return steps[sizeof steps / sizeof steps[0] - 1];
}

static int row_queue(const sim_span *s) {
  return s->kind == SIM_SPAN_SWITCH ? RND_Q_SWITCH : (int)trk_state_of_kind((sim_span_kind)s->kind);
}

static void draw_row(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_track *t,
                     int32_t row, int y, int h) {
  double t0 = v->vstart, t1 = v->vstart + v->vlen;
  int gx0 = lay->tl_x, gx1 = lay->tl_x + lay->tl_w;
  size_t n = trk_row_len(t, row);
  size_t i = trk_row_find(t, row, t0 > 0 ? (sim_time)t0 : 0);
  while (i < n) {
    const sim_span *s = trk_row_span(t, row, i);
    if ((double)s->start >= t1) break;
    double x0 = lay_time_x(lay, v, (double)s->start), x1 = lay_time_x(lay, v, (double)s->end);
    long a = lround(x0), b = lround(x1);
    if (a < gx0) a = gx0;
    if (b > gx1) b = gx1;
    if (b > a) {
      rnd_queue_add(c, row_queue(s), (int)a, y, (int)(b - a), h);
      i++;
      continue;
    }
    /* Narrower than a pixel: one column, then skip every span ending in it. */
    long col = (long)floor(x0);
    if (col >= gx0 && col < gx1) rnd_queue_add(c, row_queue(s), (int)col, y, 1, h);
    double tc = lay_x_time(lay, v, (double)(col + 1));
    size_t lo = i + 1, hi = n;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if ((double)trk_row_span(t, row, mid)->end > tc)
        hi = mid;
      else
        lo = mid + 1;
    }
    i = lo;
  }
}

/* `c`: everything dimmed, then the critical path's spans drawn again on top,
 * on their task's row and (cpu, switch, stall) their lane's. The path is in
 * time order, so the visible part is found by binary search and spans
 * narrower than a pixel share one column, as in draw_row. */
static void draw_critical(rnd_ctx *c, const lay_layout *lay, const lay_panel *p,
                          const view_state *v, const trk_track *t) {
  if (!v->critical || !t->path) return;
  rnd_fill_alpha(c->r, p->gantt, (rnd_rgb){0x1b, 0x1e, 0x24}, 190);
  double t0 = v->vstart, t1 = v->vstart + v->vlen;
  int gx0 = lay->tl_x, gx1 = lay->tl_x + lay->tl_w;
  size_t lo = 0, hi = t->npath;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((double)t->res.spans[t->path[mid]].end > t0)
      hi = mid;
    else
      lo = mid + 1;
  }
  for (size_t k = lo; k < t->npath;) {
    const sim_span *s = &t->res.spans[t->path[k]];
    if ((double)s->start >= t1) break;
    long a = lround(lay_time_x(lay, v, (double)s->start));
    long b = lround(lay_time_x(lay, v, (double)s->end));
    if (a < gx0) a = gx0;
    if (b > gx1) b = gx1;
    if (b <= a) b = a + 1;
    int32_t task_row = s->task - v->row_scroll;
    int tgap = p->row_h >= 5 ? 1 : 0, lgap = p->lane_h >= 6 ? 1 : 0; /* draw_row's gaps */
    if (s->task >= 0 && !sim_span_kind_lane_only((sim_span_kind)s->kind) && task_row >= 0 &&
        task_row < p->task_rows)
      rnd_queue_add(c, row_queue(s), (int)a, p->tasks_y + task_row * p->row_h + tgap, (int)(b - a),
                    p->row_h - 2 * tgap);
    if (s->lane >= 0 && s->lane < p->nlanes && s->kind != SIM_SPAN_GIL)
      rnd_queue_add(c, row_queue(s), (int)a, p->gantt.y + s->lane * p->lane_h + lgap, (int)(b - a),
                    p->lane_h - 2 * lgap);
    /* The next span drawn is the first ending past this column. */
    double tc = lay_x_time(lay, v, (double)b);
    size_t l2 = k + 1, h2 = t->npath;
    while (l2 < h2) {
      size_t mid = l2 + (h2 - l2) / 2;
      if ((double)t->res.spans[t->path[mid]].end > tc)
        h2 = mid;
      else
        l2 = mid + 1;
    }
    k = l2 > k + 1 ? l2 : k + 1;
  }
  rnd_queue_flush(c);
}

void rnd_draw_gantt(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                    const trk_set *set) {
  const trk_track *t = &set->tracks[p->track];
  SDL_Rect clip = {p->gantt.x, p->gantt.y, p->gantt.w, p->gantt.h};
  rnd_fill(c->r, p->gantt, (rnd_rgb){0x1b, 0x1e, 0x24});
  /* Lanes on a lighter band: the worker's rows are the ones to watch. */
  if (p->nlanes > 0)
    rnd_fill(c->r, (lay_rect){p->gantt.x, p->gantt.y, p->gantt.w, p->nlanes * p->lane_h},
             RND_ROW_ALT);
  if (p->row_h >= 6) {
    for (int32_t k = 1; k < p->task_rows; k += 2)
      rnd_fill(c->r, (lay_rect){p->gantt.x, p->tasks_y + k * p->row_h, p->gantt.w, p->row_h},
               (rnd_rgb){0x20, 0x24, 0x2b});
  }
  /* Grid lines at the axis's major ticks, under the spans. */
  int minor_div;
  sim_time step = tick_step(lay, v, &minor_div);
  SDL_RenderSetClipRect(c->r, &clip);
  for (double tt = floor(v->vstart / (double)step) * (double)step; tt <= v->vstart + v->vlen;
       tt += (double)step) {
    int x = (int)lround(lay_time_x(lay, v, tt));
    rnd_fill(c->r, (lay_rect){x, p->gantt.y, 1, p->gantt.h}, RND_PANEL_LINE);
  }
  for (int lane = 0; lane < p->nlanes; lane++) {
    int gap = p->lane_h >= 6 ? 1 : 0;
    draw_row(c, lay, v, t, t->ntasks + lane, p->gantt.y + lane * p->lane_h + gap,
             p->lane_h - 2 * gap);
  }
  for (int32_t k = 0; k < p->task_rows; k++) {
    int32_t row = k + v->row_scroll;
    if (row >= t->ntasks) break;
    int gap = p->row_h >= 5 ? 1 : 0;
    draw_row(c, lay, v, t, row, p->tasks_y + k * p->row_h + gap, p->row_h - 2 * gap);
  }
  rnd_queue_flush(c);
  draw_critical(c, lay, p, v, t);

  /* The veil over the future, then the finish line once this run is over. */
  int xn = (int)lround(lay_time_x(lay, v, (double)v->now));
  if (xn < p->gantt.x + p->gantt.w) {
    int x0 = imax(xn, p->gantt.x);
    rnd_fill_alpha(c->r, (lay_rect){x0, p->gantt.y, p->gantt.x + p->gantt.w - x0, p->gantt.h},
                   (rnd_rgb){0x1b, 0x1e, 0x24}, 170);
  }
  if (v->now >= t->res.makespan) {
    int xm = (int)lround(lay_time_x(lay, v, (double)t->res.makespan));
    int lw = imax(2, (int)lround(2 * lay->scale));
    rnd_fill(c->r, (lay_rect){xm - lw / 2, p->gantt.y, lw, p->gantt.h}, rnd_state_color(TRK_DONE));
  }
  /* The hovered span, outlined. */
  if (v->hover.kind == VIEW_HOVER_ROW && v->hover.track == p->track && v->hover.span) {
    lay_rect r = lay_row(p, v, t, v->hover.row);
    if (r.h > 0) {
      int a = (int)floor(lay_time_x(lay, v, (double)v->hover.span->start));
      int b = (int)ceil(lay_time_x(lay, v, (double)v->hover.span->end));
      if (b - a < 3) a -= 1, b += 1;
      rnd_outline(c->r, (lay_rect){a, r.y, b - a, r.h}, RND_ACCENT, imax(1, (int)lay->scale));
    }
  }
  SDL_RenderSetClipRect(c->r, NULL);

  /* Row names at one size; when rows are thinner than the text, every k-th
   * name (a smaller font was tried: a column of 10-pixel names reads as noise). */
  int right = p->gutter.x + p->gutter.w - lay->pad;
  SDL_Rect gclip = {p->gutter.x, p->gutter.y, p->gutter.w, p->gutter.h};
  SDL_RenderSetClipRect(c->r, &gclip);
  char name[96];
  int fs = lay->font_small;
  int every = (fs + 2 + p->lane_h - 1) / imax(1, p->lane_h);
  /* Each name is centred on the block of `every` rows it stands for. */
  for (int lane = 0; lane < p->nlanes; lane += every) {
    rnd_row_name(set, t, t->ntasks + lane, name, sizeof name);
    int mid = p->gantt.y + lane * p->lane_h + imin(every, p->nlanes - lane) * p->lane_h / 2;
    txt_draw_mid(c->txt, name, fs, 1, RND_TEXT, right, mid - (fs + 1) / 2, fs + 1, TXT_RIGHT);
  }
  every = (fs + 2 + p->row_h - 1) / p->row_h;
  for (int32_t k = 0; k < p->task_rows; k++) {
    int32_t row = k + v->row_scroll;
    if (row >= t->ntasks) break;
    if (row % every != 0 || k + every > p->task_rows) continue; /* a whole block, or none */
    rnd_row_name(set, t, row, name, sizeof name);
    int mid = p->tasks_y + (int)k * p->row_h + every * p->row_h / 2;
    txt_draw_mid(c->txt, name, fs, 0, RND_TEXT_DIM, right, mid - (fs + 1) / 2, fs + 1, TXT_RIGHT);
  }
  SDL_RenderSetClipRect(c->r, NULL);
  /* A scroll bar when the task rows do not all fit. */
  if (p->max_scroll > 0) {
    int track_h = p->gantt.y + p->gantt.h - p->tasks_y, bw = imax(3, (int)lround(3 * lay->scale));
    int thumb = imax(bw * 3, (int)((double)track_h * p->task_rows / t->ntasks));
    int ty = p->tasks_y + (int)((double)(track_h - thumb) * v->row_scroll / p->max_scroll);
    rnd_fill(c->r, (lay_rect){p->gutter.x, p->tasks_y, bw, track_h}, RND_PANEL_LINE);
    rnd_fill(c->r, (lay_rect){p->gutter.x, ty, bw, thumb}, RND_TEXT_DIM);
  }
}

void rnd_draw_axis(rnd_ctx *c, const lay_layout *lay, const view_state *v) {
  lay_rect ax = lay->axis;
  rnd_fill(c->r, (lay_rect){0, ax.y, lay->w, ax.h}, RND_BG);
  rnd_fill(c->r, ax, RND_PANEL);
  int minor_div;
  sim_time step = tick_step(lay, v, &minor_div);
  SDL_Rect clip = {ax.x, ax.y, ax.w, ax.h};
  SDL_RenderSetClipRect(c->r, &clip);
  double minor = (double)step / minor_div;
  int tick = imax(1, (int)lround(lay->scale));
  for (double tt = floor(v->vstart / minor) * minor; tt <= v->vstart + v->vlen; tt += minor) {
    int x = (int)lround(lay_time_x(lay, v, tt));
    rnd_fill(c->r, (lay_rect){x, ax.y, tick, (int)lround(4 * lay->scale)}, RND_TEXT_DIM);
  }
  char buf[48];
  for (double tt = floor(v->vstart / (double)step) * (double)step; tt <= v->vstart + v->vlen;
       tt += (double)step) {
    int x = (int)lround(lay_time_x(lay, v, tt));
    rnd_fill(c->r, (lay_rect){x, ax.y, tick, (int)lround(8 * lay->scale)}, RND_TEXT);
    if (tt < 0) continue;
    sim_time_format((sim_time)llround(tt), buf, sizeof buf);
    int w = 0;
    txt_size(c->txt, buf, lay->font_small, 0, &w, NULL);
    if (x - w / 2 < ax.x || x + w / 2 > ax.x + ax.w) continue; /* never cut a label */
    txt_draw(c->txt, buf, lay->font_small, 0, RND_TEXT, x, ax.y + (int)lround(10 * lay->scale),
             TXT_CENTER);
  }
  SDL_RenderSetClipRect(c->r, NULL);
}

void rnd_draw_playhead(rnd_ctx *c, const lay_layout *lay, const view_state *v) {
  double xf = lay_time_x(lay, v, (double)v->now);
  if (xf < lay->tl_x - 1 || xf > lay->tl_x + lay->tl_w + 1) return;
  int x = (int)lround(xf), lw = imax(2, (int)lround(2 * lay->scale));
  for (int i = 0; i < lay->npanels; i++) {
    const lay_panel *p = &lay->panels[i];
    rnd_fill(c->r, (lay_rect){x - lw / 2, p->gantt.y, lw, p->gantt.h}, RND_PLAYHEAD);
  }
  /* On the axis: the handle, a label with the exact time. */
  char buf[48];
  sim_time_format(rnd_clock_time(v, v->now), buf, sizeof buf);
  int w = txt_glyphs_width(c->txt, buf, lay->font_small, 1);
  int bw = w + 2 * lay->pad, bx = x - bw / 2;
  if (bx < lay->axis.x) bx = lay->axis.x;
  if (bx + bw > lay->axis.x + lay->axis.w) bx = lay->axis.x + lay->axis.w - bw;
  lay_rect box = {bx, lay->axis.y + (int)lround(6 * lay->scale), bw,
                  lay->axis.h - (int)lround(8 * lay->scale)};
  rnd_fill(c->r, (lay_rect){x - lw / 2, lay->axis.y, lw, box.y - lay->axis.y}, RND_PLAYHEAD);
  rnd_fill(c->r, box, RND_PLAYHEAD);
  rnd_glyphs_mid(c, buf, lay->font_small, 1, (rnd_rgb){0x10, 0x10, 0x10}, box.x + box.w / 2, box.y,
                 box.h, TXT_CENTER);
}

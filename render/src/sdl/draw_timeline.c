/* draw_timeline.c - the Gantt rows, the overview strips, the state charts,
 * the shared time axis and the playhead.
 *
 * Only what is visible is drawn: each row binary-searches its first span in
 * the window and walks the spans up to its end; pixel columns shared by
 * several spans are split in proportion (see draw_row), so a row costs at most
 * a few rectangles per pixel of width however many spans it holds, and a
 * worker lane denser than its pixels is drawn from prefix sums instead of its
 * spans. Only the visible rows are walked, which keeps 10,000 tasks of 90
 * spans each under a frame's budget. The overview strips are computed once
 * per run and width (rnd_ctx's cache); the charts read precomputed integrals.
 * Spans after the playhead are veiled: the recorded future is there to
 * scrub to, but the race shows what has happened so far.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "render/lane.h"
#include "render/progress.h"

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
    /* ".ffffff" under a millisecond, "12d " past a day. */
    double need = (steps[i] < SIM_MS                    ? 120.0
                   : steps[i] < SIM_S                   ? 96.0
                   : v->vstart + v->vlen > 24.0 * SIM_H ? 90.0
                                                        : 70.0) *
                  lay->scale;
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

/* One row's pixel columns. A span covering whole columns is one rectangle; a
 * column shared by several spans (or a span and idle time) is split
 * vertically in proportion to the time each state fills it, so 8% of cpu
 * reads as 8% of the row's colour at any zoom. Each state's rounding remainder
 * is carried to the next column (error diffusion), so a row's area of a
 * colour matches the time in that state to within a pixel overall. A column
 * covered by one state alone is drawn whole when the state fills at least
 * half of it (a span's edge, rounded), else left empty. */
typedef struct row_cols {
  rnd_ctx *c;
  int x0, y, h; /* the timeline's left edge; the row's band */
  long col;     /* the column being accumulated (relative to x0), or -1 */
  long ncols;
  double fill[RND_Q_COUNT]; /* the column's share per queue, 0..1 */
  double carry[RND_Q_COUNT];
} row_cols;

/* Stacking order, top to bottom: what the worker does first, idle last. */
static const int col_order[] = {TRK_RUNNING, RND_Q_SWITCH, TRK_BLOCKED, TRK_READY,
                                TRK_WAITING, TRK_PENDING,  TRK_DONE,    RND_Q_IDLE};

/* One pixel column split top to bottom in proportion to fill[] (shares of
 * the column, summing to at most 1); carry[] takes each state's rounding
 * remainder on to the next column. */
static void stack_column(rnd_ctx *c, int x, int y, int h, const double *fill, double *carry) {
  int bottom = y + h;
  for (size_t i = 0; i < sizeof col_order / sizeof col_order[0]; i++) {
    int q = col_order[i];
    if (fill[q] <= 0) continue;
    double exact = fill[q] * h + carry[q];
    int n = (int)floor(exact + 0.5);
    if (n > bottom - y) n = bottom - y;
    carry[q] = exact - n;
    rnd_queue_add(c, q, x, y, 1, n);
    y += n;
  }
}

static void cols_flush(row_cols *rc) {
  if (rc->col < 0) return;
  int nstates = 0, only = -1;
  double total = 0;
  for (int q = 0; q < RND_Q_COUNT; q++)
    if (rc->fill[q] > 0) nstates++, only = q, total += rc->fill[q];
  int x = rc->x0 + (int)rc->col;
  if (nstates == 1) {
    if (total >= 0.5) rnd_queue_add(rc->c, only, x, rc->y, 1, rc->h);
  } else if (nstates > 1) {
    stack_column(rc->c, x, rc->y, rc->h, rc->fill, rc->carry);
  }
  memset(rc->fill, 0, sizeof rc->fill);
  rc->col = -1;
}

/* Adds [xs, xe) (in columns from x0, fractional) in queue q. */
static void cols_add(row_cols *rc, int q, double xs, double xe) {
  if (xs < 0) xs = 0;
  if (xe > (double)rc->ncols) xe = (double)rc->ncols;
  if (!(xe > xs)) return;
  long c0 = (long)floor(xs), c1 = (long)floor(xe);
  if (c0 != rc->col) {
    cols_flush(rc);
    rc->col = c0;
  }
  if (c1 == c0) {
    rc->fill[q] += xe - xs;
    return;
  }
  rc->fill[q] += (double)(c0 + 1) - xs;
  cols_flush(rc);
  if (c1 > c0 + 1) rnd_queue_add(rc->c, q, rc->x0 + (int)c0 + 1, rc->y, (int)(c1 - c0 - 1), rc->h);
  if (xe > (double)c1) {
    rc->col = c1;
    rc->fill[q] += xe - (double)c1;
  }
}

/* A worker lane denser than its pixels (thousands of spans across a few
 * hundred columns, zoomed out): each column's shares from the lane's prefix
 * sums (trk_lane_time), two binary searches a column, instead of walking
 * every span. */
static void draw_lane_dense(row_cols *rc, const view_state *v, const trk_track *t, int32_t row) {
  double us = v->vlen / rc->ncols;
  for (long col = 0; col < rc->ncols; col++) {
    double a = v->vstart + col * us, b = a + us;
    sim_time ia = a <= 0 ? 0 : (sim_time)ceil(a), ib = (sim_time)ceil(b);
    if (ib > t->res.makespan) ib = t->res.makespan;
    if (ib <= ia) continue;
    sim_time k[TRK_LANE_KINDS];
    trk_lane_time(t, row, ia, ib, k);
    sim_time busy = k[0] + k[1] + k[2] + k[3];
    rc->col = col;
    rc->fill[TRK_RUNNING] = (double)(k[TRK_LANE_CPU] + k[TRK_LANE_GIL]) / us;
    rc->fill[RND_Q_SWITCH] = (double)k[TRK_LANE_SWITCH] / us;
    rc->fill[TRK_BLOCKED] = (double)k[TRK_LANE_STALL] / us;
    sim_time ready = trk_lane_ready_time(t, row, ia, ib);
    rc->fill[TRK_READY] = (double)ready / us;
    rc->fill[RND_Q_IDLE] = (double)(ib - ia - busy - ready) / us;
    cols_flush(rc);
  }
}

/* A lane's stretch with no span, [a, b): its ready stretches (lane.h) in
 * the ready colour, the rest idle. The cursor only moves forward, as the
 * row's walk does, so a row costs one binary search into them. */
typedef struct lane_gaps {
  row_cols *rc;
  const trk_track *t;
  int32_t row;
  size_t next; /* the first ready stretch not yet passed */
  double t0, px;
} lane_gaps;

static void lane_gap(lane_gaps *g, sim_time a, sim_time b) {
  size_t n = trk_lane_ready_len(g->t, g->row);
  while (g->next < n && trk_lane_ready_at_index(g->t, g->row, g->next)->end <= a) g->next++;
  for (; g->next < n && a < b; g->next++) {
    const trk_interval *iv = trk_lane_ready_at_index(g->t, g->row, g->next);
    if (iv->start >= b) break;
    sim_time s = iv->start > a ? iv->start : a, e = iv->end < b ? iv->end : b;
    if (s > a)
      cols_add(g->rc, RND_Q_IDLE, ((double)a - g->t0) * g->px, ((double)s - g->t0) * g->px);
    cols_add(g->rc, TRK_READY, ((double)s - g->t0) * g->px, ((double)e - g->t0) * g->px);
    a = e;
    if (iv->end > b) break; /* the stretch goes on past this gap: keep it */
  }
  if (b > a) cols_add(g->rc, RND_Q_IDLE, ((double)a - g->t0) * g->px, ((double)b - g->t0) * g->px);
}

static void draw_row(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_track *t,
                     int32_t row, int y, int h) {
  double t0 = v->vstart, t1 = v->vstart + v->vlen, px = lay->tl_w / v->vlen;
  row_cols rc = {.c = c, .x0 = lay->tl_x, .y = y, .h = h, .col = -1, .ncols = lay->tl_w};
  int lane = row >= t->ntasks;
  if (lane) {
    size_t first = trk_row_find(t, row, t0 > 0 ? (sim_time)t0 : 0);
    size_t last = trk_row_find(t, row, t1 > 0 ? (sim_time)t1 : 0);
    if (last - first > 4 * (size_t)lay->tl_w) {
      draw_lane_dense(&rc, v, t, row);
      return;
    }
  }
  /* A lane with no span is ready where it holds a task that waits for the
   * GIL or a core (lane.h), else idle, from 0 to its run's end. */
  sim_time idle_from = 0, idle_to = lane ? t->res.makespan : 0;
  size_t n = trk_row_len(t, row);
  size_t i = trk_row_find(t, row, t0 > 0 ? (sim_time)t0 : 0);
  lane_gaps g = {&rc, t, row, lane ? trk_lane_ready_find(t, row, t0 > 0 ? (sim_time)t0 : 0) : 0,
                 t0,  px};
  if (lane && i > 0) idle_from = trk_row_span(t, row, i - 1)->end;
  for (; i < n; i++) {
    const sim_span *s = trk_row_span(t, row, i);
    if (lane && s->start > idle_from) lane_gap(&g, idle_from, s->start);
    if ((double)s->start >= t1) break;
    cols_add(&rc, row_queue(s), ((double)s->start - t0) * px, ((double)s->end - t0) * px);
    if (s->end > idle_from) idle_from = s->end;
  }
  if (lane && i >= n && idle_to > idle_from) lane_gap(&g, idle_from, idle_to);
  cols_flush(&rc);
}

static void draw_row_names(rnd_ctx *c, const lay_layout *lay, const lay_panel *p,
                           const view_state *v, const trk_set *set, const trk_track *t) {
  /* Row names at one size, each on the row it names; when rows are thinner
   * than the text, every k-th row's (k rows apart is at least a line of
   * text, so no name overlaps the next). A smaller font was tried: a column
   * of 10-pixel names reads as noise. */
  int right = p->gutter.x + p->gutter.w - lay->pad;
  SDL_Rect gclip = {p->gutter.x, p->gutter.y, p->gutter.w, p->gutter.h};
  SDL_RenderSetClipRect(c->r, &gclip);
  char name[96];
  int fs = lay->font_small, line = fs + 2;
  /* Lanes, which never scroll: each name that fits below the last one. */
  int below = p->gantt.y - line;
  for (int lane = 0; lane < p->nlanes; lane++) {
    rnd_row_name(set, t, t->ntasks + lane, name, sizeof name);
    int mid = p->gantt.y + lane * p->lane_h + p->lane_h / 2;
    int y = imax(mid - line / 2, p->gantt.y); /* the first lane's name inside the band */
    if (y < below) continue;
    txt_draw_mid(c->txt, name, fs, 1, RND_TEXT, right, y, line, TXT_RIGHT);
    below = y + line;
  }
  /* Task rows: every k-th by number, so the names stay put while scrolling. */
  int every = (line + p->row_h - 1) / imax(1, p->row_h);
  for (int32_t k = 0; k < p->task_rows; k++) {
    int32_t row = k + v->row_scroll;
    if (row >= t->ntasks) break;
    if (row % every != 0) continue;
    rnd_row_name(set, t, row, name, sizeof name);
    int mid = p->tasks_y + (int)k * p->row_h + p->row_h / 2;
    /* Kept inside the Gantt's band: a label may not spill past the last row. */
    int y = imin(mid - line / 2, p->gantt.y + p->gantt.h - line);
    if (y < below) continue; /* under the last lane's name */
    txt_draw_mid(c->txt, name, fs, 0, RND_TEXT_DIM, right, y, line, TXT_RIGHT);
    below = y + line;
  }
  SDL_RenderSetClipRect(c->r, NULL);
}

static void draw_scrollbar(rnd_ctx *c, const lay_layout *lay, const lay_panel *p,
                           const view_state *v, const trk_track *t) {
  /* A scroll bar when the task rows do not all fit. */
  if (p->max_scroll > 0) {
    int track_h = p->gantt.y + p->gantt.h - p->tasks_y, bw = imax(3, (int)lround(3 * lay->scale));
    int thumb = imax(bw * 3, (int)((double)track_h * p->task_rows / t->ntasks));
    int ty = p->tasks_y + (int)((double)(track_h - thumb) * v->row_scroll / p->max_scroll);
    rnd_fill(c->r, (lay_rect){p->gutter.x, p->tasks_y, bw, track_h}, RND_PANEL_LINE);
    rnd_fill(c->r, (lay_rect){p->gutter.x, ty, bw, thumb}, RND_TEXT_DIM);
  }
}

/* Under the spans: the bands (lanes lighter, every other task row), the
 * selected row, and grid lines at the axis's major ticks. Leaves the clip
 * set to the Gantt. */
static void draw_ground(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                        const lay_rect *sel) {
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
  /* The selected task's row, on a lighter band (outlined after the spans). */
  if (sel->h > 0) rnd_fill(c->r, *sel, (rnd_rgb){0x3a, 0x40, 0x4c});
  /* Grid lines at the axis's major ticks, under the spans. */
  int minor_div;
  sim_time step = tick_step(lay, v, &minor_div);
  SDL_Rect clip = {p->gantt.x, p->gantt.y, p->gantt.w, p->gantt.h};
  SDL_RenderSetClipRect(c->r, &clip);
  for (double tt = floor(v->vstart / (double)step) * (double)step; tt <= v->vstart + v->vlen;
       tt += (double)step) {
    int x = (int)lround(lay_time_x(lay, v, tt));
    rnd_fill(c->r, (lay_rect){x, p->gantt.y, 1, p->gantt.h}, RND_PANEL_LINE);
  }
}

/* The first critical-path span from `from` on that ends after time `at`:
 * the path is in time order, so its ends are too. */
static size_t path_ending_after(const trk_track *t, size_t from, double at) {
  size_t lo = from, hi = t->npath;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((double)t->res.spans[t->path[mid]].end > at)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
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
  for (size_t k = path_ending_after(t, 0, t0); k < t->npath;) {
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
    k = path_ending_after(t, k + 1, tc);
  }
  rnd_queue_flush(c);
}

void rnd_draw_gantt(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                    const trk_set *set) {
  const trk_track *t = &set->tracks[p->track];
  SDL_Rect clip = {p->gantt.x, p->gantt.y, p->gantt.w, p->gantt.h};
  lay_rect sel = {0, 0, 0, 0};
  if (v->selected_task >= 0 && v->selected_task < t->ntasks)
    sel = lay_row(p, v, t, v->selected_task);
  draw_ground(c, lay, p, v, &sel);
  SDL_RenderSetClipRect(c->r, &clip);
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
    rnd_fill(c->r, (lay_rect){xm - lw / 2, p->gantt.y, lw, p->gantt.h}, pal_state_color(TRK_DONE));
  }
  if (sel.h > 0) rnd_outline(c->r, (lay_rect){sel.x, sel.y - 1, sel.w, sel.h + 2}, RND_ACCENT, 1);
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

  draw_row_names(c, lay, p, v, set, t);
  draw_scrollbar(c, lay, p, v, t);
}

/* Adds time [t0, t1) in queue q, weighted by w, to the strip's columns
 * (fill is ncols x RND_Q_COUNT; a column spans us_per_col). */
static void ov_add(double *fill, int ncols, double us_per_col, int q, sim_time t0, sim_time t1,
                   double w) {
  double xs = (double)t0 / us_per_col, xe = (double)t1 / us_per_col;
  if (xe > ncols) xe = ncols;
  for (long col = (long)floor(xs); col < ncols && (double)col < xe; col++) {
    double a = fmax(xs, (double)col), b = fmin(xe, (double)col + 1);
    if (col >= 0 && b > a) fill[(size_t)col * RND_Q_COUNT + (size_t)q] += (b - a) * w;
  }
}

/* The strip's shares per column (o.w x RND_Q_COUNT), from the cache when
 * the run and width are the ones it was made for; NULL when out of memory. */
static const double *overview_fill(rnd_ctx *c, const lay_layout *lay, int k, const trk_track *t,
                                   int w) {
  struct rnd_ov_cache *oc = &c->ov[k];
  if (oc->fill && oc->spans == t->res.spans && oc->nspans == t->res.nspans && oc->w == w &&
      oc->end == lay->ov_end)
    return oc->fill;
  size_t need = (size_t)w * RND_Q_COUNT;
  if (need > oc->cap) {
    double *f = realloc(oc->fill, need * sizeof *f);
    if (!f) return NULL;
    oc->fill = f;
    oc->cap = need;
  }
  double *fill = oc->fill, us = (double)lay->ov_end / w;
  memset(fill, 0, need * sizeof *fill);
  /* Every lane, each a 1/nlanes share of the strip: worker time in proportion. */
  double share = t->nlanes > 0 ? 1.0 / t->nlanes : 1;
  for (int32_t r = t->ntasks; r < t->nrows; r++) {
    sim_time idle_from = 0;
    for (size_t i = 0; i < trk_row_len(t, r); i++) {
      const sim_span *s = trk_row_span(t, r, i);
      if (s->start > idle_from) ov_add(fill, w, us, RND_Q_IDLE, idle_from, s->start, share);
      ov_add(fill, w, us, row_queue(s), s->start, s->end, share);
      if (s->end > idle_from) idle_from = s->end;
    }
    if (t->res.makespan > idle_from)
      ov_add(fill, w, us, RND_Q_IDLE, idle_from, t->res.makespan, share);
    /* The lane's ready stretches lie in its gaps, drawn idle above: moved
     * from idle to ready. */
    for (size_t i = 0; i < trk_lane_ready_len(t, r); i++) {
      const trk_interval *iv = trk_lane_ready_at_index(t, r, i);
      ov_add(fill, w, us, TRK_READY, iv->start, iv->end, share);
      ov_add(fill, w, us, RND_Q_IDLE, iv->start, iv->end, -share);
    }
  }
  oc->spans = t->res.spans, oc->nspans = t->res.nspans, oc->w = w, oc->end = lay->ov_end;
  return fill;
}

void rnd_draw_overview(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                       const trk_set *set) {
  const trk_track *t = &set->tracks[p->track];
  lay_rect o = p->overview;
  if (o.w <= 0 || o.h <= 0) return;
  rnd_fill(c->r, o, (rnd_rgb){0x1b, 0x1e, 0x24});
  const double *fill = overview_fill(c, lay, p->track, t, o.w);
  if (!fill) return;
  double carry[RND_Q_COUNT] = {0};
  for (int col = 0; col < o.w; col++)
    stack_column(c, o.x + col, o.y, o.h, fill + (size_t)col * RND_Q_COUNT, carry);
  rnd_queue_flush(c);
  /* The future, veiled lightly: the finish mark (green) stands out of it. */
  int xn = (int)lround(lay_overview_x(lay, (double)v->now));
  if (xn < o.x + o.w) {
    int x0 = xn > o.x ? xn : o.x;
    rnd_fill_alpha(c->r, (lay_rect){x0, o.y, o.x + o.w - x0, o.h}, (rnd_rgb){0x1b, 0x1e, 0x24},
                   120);
  }
  int lw = imax(2, (int)lround(2 * lay->scale));
  int xm = (int)lround(lay_overview_x(lay, (double)t->res.makespan));
  rnd_fill(c->r, (lay_rect){xm - lw / 2, o.y - lw, lw, o.h + 2 * lw}, pal_state_color(TRK_DONE));
  rnd_fill(c->r, (lay_rect){xn - lw / 2, o.y, lw, o.h}, RND_PLAYHEAD);
  /* The timeline's window, outlined. */
  int a = (int)floor(lay_overview_x(lay, v->vstart)),
      b = (int)ceil(lay_overview_x(lay, v->vstart + v->vlen));
  a = imax(a, o.x - 1), b = imin(b, o.x + o.w + 1);
  if (b - a < 3) a -= 1, b += 2;
  SDL_Rect clip = {o.x - 1, o.y - lw, o.w + 2, o.h + 2 * lw};
  SDL_RenderSetClipRect(c->r, &clip);
  rnd_outline(c->r, (lay_rect){a, o.y - 1, b - a, o.h + 2}, RND_ACCENT,
              imax(1, (int)lround(lay->scale)));
  SDL_RenderSetClipRect(c->r, NULL);
  txt_draw_mid(c->txt, "whole run", lay->font_small, 0, RND_TEXT_DIM,
               p->gutter.x + p->gutter.w - lay->pad, o.y - lay->pad, o.h + 2 * lay->pad, TXT_RIGHT);
}

/* The playhead's time label on the axis: its text and box. Returns 0 when
 * the playhead is outside the timeline. */
static int playhead_box(rnd_ctx *c, const lay_layout *lay, const view_state *v, char *buf,
                        size_t size, lay_rect *box) {
  double xf = lay_time_x(lay, v, (double)v->now);
  if (xf < lay->tl_x - 1 || xf > lay->tl_x + lay->tl_w + 1) return 0;
  int minor_div;
  rnd_format_clock(rnd_clock_time(v, v->now), tick_step(lay, v, &minor_div), buf, size);
  int w = txt_glyphs_width(c->txt, buf, lay->font_small, 1);
  int bw = w + 2 * lay->pad, bx = (int)lround(xf) - bw / 2;
  if (bx < lay->axis.x) bx = lay->axis.x;
  if (bx + bw > lay->axis.x + lay->axis.w) bx = lay->axis.x + lay->axis.w - bw;
  *box = (lay_rect){bx, lay->axis.y + (int)lround(6 * lay->scale), bw,
                    lay->axis.h - (int)lround(8 * lay->scale)};
  return 1;
}

void rnd_draw_chart(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                    const trk_set *set) {
  const trk_track *t = &set->tracks[p->track];
  lay_rect r = p->chart;
  if (r.h <= 0 || t->ntasks <= 0) return;
  rnd_fill(c->r, r, (rnd_rgb){0x1b, 0x1e, 0x24});
  /* Each column: the mean count per state over its time, stacked from the
   * bottom, on a scale of every task (sync's one board in play is a sliver
   * of 24), or for an open workload of the most in flight at once (the
   * busiest moment of a web server, not all 2000 requests). */
  int32_t top = t->res.open && t->prog.chart_max > 0 ? t->prog.chart_max : t->ntasks;
  double carry[RND_Q_COUNT] = {0}, us = v->vlen / lay->tl_w;
  for (int col = 0; col < r.w; col++) {
    double a = v->vstart + col * us, n[TRK_CHART_STATES];
    if (a + us <= 0 || a >= (double)t->res.makespan) continue;
    trk_state_counts(t, a, a + us, n);
    int y = r.y + r.h;
    for (int s = 0; s < TRK_CHART_STATES; s++) {
      int q = (int)trk_chart_states[s];
      double exact = n[s] / top * r.h + carry[q];
      int h = (int)floor(exact + 0.5);
      if (h > y - r.y) h = y - r.y;
      carry[q] = exact - h;
      y -= h;
      rnd_queue_add(c, q, r.x + col, y, 1, h);
    }
  }
  rnd_queue_flush(c);
  int xn = (int)lround(lay_time_x(lay, v, (double)v->now));
  if (xn < r.x + r.w) {
    int x0 = imax(xn, r.x);
    rnd_fill_alpha(c->r, (lay_rect){x0, r.y, r.x + r.w - x0, r.h}, (rnd_rgb){0x1b, 0x1e, 0x24},
                   170);
  }
  char buf[64];
  int right = p->gutter.x + p->gutter.w - lay->pad, line = lay->font_small + 2;
  txt_draw_mid(c->txt, "tasks by state", lay->font_small, 0, RND_TEXT_DIM, right, r.y + r.h - line,
               line, TXT_RIGHT);
  snprintf(buf, sizeof buf, "%d", (int)top);
  txt_draw_mid(c->txt, buf, lay->font_small, 0, RND_TEXT_DIM, right, r.y - 2, line, TXT_RIGHT);
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
  lay_rect ph = {0, 0, 0, 0};
  int has_ph = playhead_box(c, lay, v, buf, sizeof buf, &ph);
  for (double tt = floor(v->vstart / (double)step) * (double)step; tt <= v->vstart + v->vlen;
       tt += (double)step) {
    int x = (int)lround(lay_time_x(lay, v, tt));
    rnd_fill(c->r, (lay_rect){x, ax.y, tick, (int)lround(8 * lay->scale)}, RND_TEXT);
    if (tt < 0) continue;
    rnd_format_clock((sim_time)llround(tt), step, buf, sizeof buf);
    int w = 0;
    txt_size(c->txt, buf, lay->font_small, 0, &w, NULL);
    if (x - w / 2 < ax.x || x + w / 2 > ax.x + ax.w) continue; /* never cut a label */
    /* Nor draw one under the playhead's time box. */
    if (has_ph && x + w / 2 + lay->pad / 2 > ph.x && x - w / 2 - lay->pad / 2 < ph.x + ph.w)
      continue;
    txt_draw(c->txt, buf, lay->font_small, 0, RND_TEXT, x, ax.y + (int)lround(10 * lay->scale),
             TXT_CENTER);
  }
  SDL_RenderSetClipRect(c->r, NULL);
}

void rnd_draw_playhead(rnd_ctx *c, const lay_layout *lay, const view_state *v) {
  char buf[48];
  lay_rect box;
  if (!playhead_box(c, lay, v, buf, sizeof buf, &box)) return;
  int x = (int)lround(lay_time_x(lay, v, (double)v->now)),
      lw = imax(2, (int)lround(2 * lay->scale));
  for (int i = 0; i < lay->npanels; i++) {
    const lay_panel *p = &lay->panels[i];
    rnd_fill(c->r, (lay_rect){x - lw / 2, p->gantt.y, lw, p->gantt.h}, RND_PLAYHEAD);
  }
  /* On the axis: the handle, a label with the exact time. */
  rnd_fill(c->r, (lay_rect){x - lw / 2, lay->axis.y, lw, box.y - lay->axis.y}, RND_PLAYHEAD);
  rnd_fill(c->r, box, RND_PLAYHEAD);
  rnd_glyphs_mid(c, buf, lay->font_small, 1, (rnd_rgb){0x10, 0x10, 0x10}, box.x + box.w / 2, box.y,
                 box.h, TXT_CENTER);
}

/* draw_ui.c - the title and legend, each strategy's header, the controls bar,
 * and what floats above: the tooltip, the key overlay, the toast.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "render/lane.h"
#include "render/loop.h"
#include "render/progress.h"

static int imax(int a, int b) {
  return a > b ? a : b;
}
static int S(const lay_layout *lay, double v) {
  return (int)lround(v * lay->scale);
}

void rnd_draw_title(rnd_ctx *c, const lay_layout *lay, const trk_set *set) {
  lay_rect t = lay->title;
  rnd_fill(c->r, t, RND_BG);
  /* The legend, right-aligned: the same colours as tiles and rows, then the
   * worker rows' own two (idle, switch). A stall (a blocking call holding a
   * worker) is drawn in the blocked colour, and says so here. */
  struct {
    int q;
    const char *name;
  } items[] = {{TRK_RUNNING, "running"}, {TRK_WAITING, "waiting"},
               {TRK_READY, "ready"},     {TRK_BLOCKED, "blocked / stall"},
               {TRK_DONE, "done"},       {TRK_PENDING, "not started"},
               {RND_Q_IDLE, "idle"},     {RND_Q_SWITCH, "switch"}};
  /* A thread or process drawn ready on its own row says what it waits for. */
  items[2].name = trk_ready_legend(set);
  int sw = S(lay, 12), gap = S(lay, 5), spacing = S(lay, 12), total = 0;
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    int w = 0;
    txt_size(c->txt, items[i].name, lay->font_small, 0, &w, NULL);
    total += sw + gap + w + (i ? spacing : 0);
  }
  int x = t.x + t.w - lay->pad - total, legend_x = x;
  for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
    if (i) x += spacing;
    lay_rect sq = {x, t.y + (t.h - sw) / 2, sw, sw};
    rnd_fill(c->r, sq, rnd_queue_color(items[i].q));
    x += sw + gap;
    x += txt_draw_mid(c->txt, items[i].name, lay->font_small, 0, RND_TEXT_DIM, x, t.y, t.h,
                      TXT_LEFT);
  }
  const char *name = set->title                   ? set->title
                     : set->scn && set->scn->name ? set->scn->name
                                                  : "simul";
  int room = legend_x - 2 * lay->pad - lay->pad;
  int nw = 0, th = 0;
  txt_size(c->txt, name, lay->font_title, 1, &nw, &th);
  int y = t.y + (t.h - th) / 2;
  int used = txt_draw_fit(c->txt, name, lay->font_title, 1, RND_TEXT, lay->pad, y, room);
  if (set->scn && set->scn->description && !set->hide_description && used + S(lay, 16) < room) {
    int dh = 0;
    txt_size(c->txt, set->scn->description, lay->font_small, 0, NULL, &dh);
    txt_draw_fit(c->txt, set->scn->description, lay->font_small, 0, RND_TEXT_DIM,
                 lay->pad + used + S(lay, 14), y + th - dh - S(lay, 2), room - used - S(lay, 14));
  }
}

/* "11.8x" with the precision the number deserves. */
static void fmt_ratio(double r, char *buf, size_t size) {
  if (r >= 100)
    snprintf(buf, size, "%.0fx", r);
  else if (r >= 10)
    snprintf(buf, size, "%.1fx", r);
  else
    snprintf(buf, size, "%.2fx", r);
}

/* A label in dim text and a value in bold, left to right; returns the new x. */
static int hdr_pair(rnd_ctx *c, const lay_layout *lay, lay_rect h, int x, const char *label,
                    const char *value, int value_w) {
  int fs = lay->font;
  if (label)
    x += txt_draw_mid(c->txt, label, fs, 0, RND_TEXT_DIM, x, h.y, h.h, TXT_LEFT) + S(lay, 5);
  int w = rnd_glyphs_mid(c, value, fs, 1, RND_TEXT, x, h.y, h.h, TXT_LEFT);
  return x + imax(w, value_w);
}

/* A thin progress bar; returns the new x. */
static int hdr_bar(rnd_ctx *c, const lay_layout *lay, lay_rect h, int x, double frac) {
  int bw = S(lay, 64), bh = S(lay, 6);
  lay_rect bar = {x, h.y + (h.h - bh) / 2, bw, bh};
  rnd_fill(c->r, bar, RND_PANEL_LINE);
  if (frac > 1) frac = 1;
  if (frac > 0) rnd_fill(c->r, (lay_rect){bar.x, bar.y, (int)(bw * frac), bh}, RND_TEXT);
  return x + bw;
}

/* The clock: its width is reserved for its widest value, so nothing after it
 * jitters; a fraction of a second (".500", while stepping) widens it. */
static int hdr_clock(rnd_ctx *c, const lay_layout *lay, lay_rect h, int x, const view_state *v,
                     const trk_track *t) {
  char now[48], widest[48];
  sim_time clock = v->now < t->res.makespan ? rnd_clock_time(v, v->now) : t->res.makespan;
  rnd_format_clock(clock, 0, now, sizeof now);
  rnd_format_clock(t->res.makespan, 0, widest, sizeof widest);
  return hdr_pair(c, lay, h, x, "clock", now, txt_glyphs_width(c->txt, widest, lay->font, 1));
}

/* Work done (cpu steps finished) with a bar, and the workers' busy share. */
static int hdr_work(rnd_ctx *c, const lay_layout *lay, lay_rect h, int x, const view_state *v,
                    const trk_track *t) {
  char buf[64], widest[64];
  size_t done, total;
  trk_work_done(t, v->now, &done, &total);
  snprintf(buf, sizeof buf, "%zu/%zu", done, total);
  snprintf(widest, sizeof widest, "%zu/%zu", total, total);
  x = hdr_pair(c, lay, h, x, "work", buf, txt_glyphs_width(c->txt, widest, lay->font, 1));
  x = hdr_bar(c, lay, h, x + S(lay, 6), total ? (double)done / (double)total : 0) + S(lay, 18);
  snprintf(buf, sizeof buf, "%.0f%%", 100 * trk_busy_share(t, v->now));
  return hdr_pair(c, lay, h, x, "busy", buf, txt_glyphs_width(c->txt, "100%", lay->font, 1));
}

/* An open workload: response times so far and the tasks in the system. */
static int hdr_open(rnd_ctx *c, const lay_layout *lay, lay_rect h, int x, const view_state *v,
                    const trk_track *t) {
  char buf[96], a[32], b[32];
  int32_t n;
  double mean, p95;
  trk_response_so_far(t, v->now, &n, &mean, &p95);
  int sp = S(lay, 18);
  if (n > 0) {
    rnd_format_seconds(mean, a, sizeof a);
    rnd_format_seconds(p95, b, sizeof b);
    snprintf(buf, sizeof buf, "%s / %s", a, b);
  } else {
    snprintf(buf, sizeof buf, "-");
  }
  x = hdr_pair(c, lay, h, x, "response mean / p95", buf,
               txt_glyphs_width(c->txt, "000 ms / 000 ms", lay->font, 1)) +
      sp;
  snprintf(buf, sizeof buf, "%d", (int)trk_in_system(t, v->now));
  return hdr_pair(c, lay, h, x, "in system", buf, txt_glyphs_width(c->txt, "0000", lay->font, 1));
}

/* The selected task in this strategy, right-aligned: its time in each state
 * over the run and its end ("board 3 · cpu 2:30 · waiting 27:30 · ends
 * 1:30:00"). Drawn only where it clears what is left of it (x); returns its
 * left edge. */
static int hdr_selection(rnd_ctx *c, const lay_layout *lay, lay_rect h, int x, int32_t task,
                         const trk_set *set, const trk_track *t) {
  sim_time tot[TRK_STATE_COUNT];
  trk_task_totals(t, task, tot);
  char name[96], buf[400], a[48];
  size_t n = 0;
  rnd_row_name(set, t, task, name, sizeof name);
  n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", name);
  static const trk_state order[] = {TRK_RUNNING, TRK_WAITING, TRK_READY, TRK_BLOCKED};
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    if (tot[order[i]] == 0 && order[i] != TRK_RUNNING) continue;
    rnd_format_seconds((double)tot[order[i]] / (double)SIM_S, a, sizeof a);
    n += (size_t)snprintf(buf + n, sizeof buf - n, " \xc2\xb7 %s %s", pal_state_name(order[i]), a);
    if (n >= sizeof buf) break;
  }
  rnd_format_clock(t->res.task_end ? t->res.task_end[task] : 0, 0, a, sizeof a);
  if (n < sizeof buf) snprintf(buf + n, sizeof buf - n, " \xc2\xb7 ends %s", a);
  int w = 0;
  txt_size(c->txt, buf, lay->font, 0, &w, NULL);
  int left = h.x + h.w - w;
  if (left < x + S(lay, 12)) return h.x + h.w;
  txt_draw_mid(c->txt, buf, lay->font, 0, RND_TEXT, h.x + h.w, h.y, h.h, TXT_RIGHT);
  return left - S(lay, 12);
}

void rnd_draw_header(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                     const trk_set *set) {
  const trk_track *t = &set->tracks[p->track];
  lay_rect h = p->header;
  int fs = lay->font, x = h.x + S(lay, 2), sp = S(lay, 18);
  SDL_Rect clip = {h.x, h.y, h.w, h.h};
  SDL_RenderSetClipRect(c->r, &clip);
  x += txt_draw_mid(c->txt, t->res.strategy, lay->font_title, 1, RND_TEXT, x, h.y, h.h, TXT_LEFT);
  x = hdr_clock(c, lay, h, x + sp, v, t) + sp;
  x = hdr_work(c, lay, h, x, v, t) + sp;
  if (t->res.open) x = hdr_open(c, lay, h, x, v, t) + sp;
  char buf[160], tbuf[48];
  int right = h.x + h.w;
  if (v->selected_task >= 0 && v->selected_task < t->ntasks)
    right = hdr_selection(c, lay, h, x, v->selected_task, set, t);
  SDL_Rect left_clip = {h.x, h.y, right - h.x, h.h};
  SDL_RenderSetClipRect(c->r, &left_clip);
  if (v->now >= t->res.makespan && x < right) {
    rnd_format_clock(t->res.makespan, 0, tbuf, sizeof tbuf);
    snprintf(buf, sizeof buf, "finished in %s", tbuf);
    x += txt_draw_mid(c->txt, buf, fs, 1, pal_state_color(TRK_DONE), x, h.y, h.h, TXT_LEFT) + sp;
    /* Against sync only for a closed workload: with arrivals every strategy
     * ends with the last arrival, and the measure is response time. */
    if (!t->res.open && set->sync_index >= 0 && set->sync_index != p->track &&
        t->res.makespan > 0) {
      double r = sim_speedup(&set->tracks[set->sync_index].res, &t->res);
      char ratio[32];
      fmt_ratio(r, ratio, sizeof ratio);
      snprintf(buf, sizeof buf, r >= 1 ? "%s faster than sync" : "%s of sync's speed", ratio);
      x += txt_draw_mid(c->txt, buf, fs, 1, RND_TEXT, x, h.y, h.h, TXT_LEFT) + sp;
    } else if (!t->res.open && set->sync_index == p->track && set->ntracks > 1) {
      x += txt_draw_mid(c->txt, "the baseline", fs, 0, RND_TEXT_DIM, x, h.y, h.h, TXT_LEFT) + sp;
    }
    /* Why it took that long (sim/explain.h), cut where the header's room
     * ends: the whole text is `simul run --explain`'s. */
    if (t->why[0] && x < right) {
      txt_draw_mid(c->txt, t->why, fs, 0, RND_TEXT_DIM, x, h.y, h.h, TXT_LEFT);
    }
  }
  SDL_RenderSetClipRect(c->r, NULL);
}

static void button(rnd_ctx *c, const lay_layout *lay, const view_state *v, lay_button b,
                   const char *label) {
  lay_rect r = lay->buttons[b];
  int hot = v->hover.kind == VIEW_HOVER_BUTTON && v->hover.button == (int)b;
  rnd_fill(c->r, r, hot ? RND_BUTTON_HOT : RND_BUTTON);
  if (label)
    txt_draw_mid(c->txt, label, lay->font, 0, RND_TEXT, r.x + r.w / 2, r.y, r.h, TXT_CENTER);
}

void rnd_draw_controls(rnd_ctx *c, const lay_layout *lay, const view_state *v) {
  rnd_fill(c->r, lay->controls, RND_PANEL);
  rnd_fill(c->r, (lay_rect){0, lay->controls.y, lay->w, imax(1, S(lay, 1))}, RND_PANEL_LINE);
  for (int b = 0; b < LAY_BTN_COUNT; b++) {
    static const char *const labels[LAY_BTN_COUNT] = {NULL, NULL,  NULL,       "\xe2\x88\x92",
                                                      "+",  "Fit", "Save PNG", "Keys (h)"};
    button(c, lay, v, (lay_button)b, labels[b]);
  }
  /* Transport icons, drawn so no glyph is missing from any font. */
  float u = (float)lay->scale;
  for (int b = LAY_BTN_PREV; b <= LAY_BTN_NEXT; b++) {
    lay_rect r = lay->buttons[b];
    float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f, s = 6 * u;
    if (b == LAY_BTN_PLAY && v->playing) {
      rnd_fill(c->r, (lay_rect){(int)(cx - 5 * u), (int)(cy - s), (int)(3.5f * u), (int)(2 * s)},
               RND_TEXT);
      rnd_fill(c->r, (lay_rect){(int)(cx + 1.5f * u), (int)(cy - s), (int)(3.5f * u), (int)(2 * s)},
               RND_TEXT);
    } else if (b == LAY_BTN_PLAY) {
      rnd_triangle(c->r, cx - 4 * u, cy - s, cx - 4 * u, cy + s, cx + 7 * u, cy, RND_TEXT);
    } else {
      float d = b == LAY_BTN_NEXT ? 1.0f : -1.0f;
      rnd_triangle(c->r, cx - d * 5 * u, cy - s, cx - d * 5 * u, cy + s, cx + d * 3 * u, cy,
                   RND_TEXT);
      rnd_fill(c->r,
               (lay_rect){(int)(cx + d * 4 * u - (d < 0 ? 2.5f * u : 0)), (int)(cy - s),
                          (int)(2.5f * u), (int)(2 * s)},
               RND_TEXT);
    }
  }
  /* Speed: a log slider with decade ticks (0.01x, 0.1x ... 100000x). */
  lay_rect s = lay->slider;
  rnd_fill(c->r, s, RND_PANEL_LINE);
  double pos = view_speed_to_slider(v->speed);
  rnd_fill(c->r, (lay_rect){s.x, s.y, (int)(s.w * pos), s.h}, RND_TEXT_DIM);
  for (int d = 0; d <= 7; d++) {
    int tx = s.x + (int)lround(s.w * d / 7.0);
    rnd_fill(c->r, (lay_rect){tx, s.y + s.h + S(lay, 3), imax(1, S(lay, 1)), S(lay, 4)},
             RND_TEXT_DIM);
  }
  int hot = v->hover.kind == VIEW_HOVER_SLIDER || v->drag == VIEW_DRAG_SLIDER;
  rnd_disc(c->r, s.x + (float)(s.w * pos), s.y + s.h / 2.0f, (hot ? 8.0f : 7.0f) * u, RND_TEXT,
           255);
  char buf[160];
  rnd_speed_label(v->speed, buf, sizeof buf);
  txt_draw_mid(c->txt, buf, lay->font, 1, RND_TEXT, lay->speed_label.x, lay->speed_label.y,
               lay->speed_label.h, TXT_LEFT);
  char a[48], b[48];
  rnd_format_clock(rnd_clock_time(v, v->now), 0, a, sizeof a);
  rnd_format_clock(v->end, 0, b, sizeof b);
  snprintf(buf, sizeof buf, "%s / %s", a, b);
  lay_rect cl = lay->clock_label;
  int cx = cl.x + rnd_glyphs_mid(c, buf, lay->font, 0, RND_TEXT, cl.x, cl.y, cl.h, TXT_LEFT);
  int pw = 0;
  txt_size(c->txt, "paused", lay->font, 1, &pw, NULL);
  if (!v->playing && cx + S(lay, 12) + pw <= cl.x + cl.w)
    txt_draw_mid(c->txt, "paused", lay->font, 1, RND_TEXT_DIM, cx + S(lay, 12), cl.y, cl.h,
                 TXT_LEFT);
}

/* A box of lines near the pointer, kept inside the window. */
static void tip_box(rnd_ctx *c, const lay_layout *lay, const view_state *v, const char **lines,
                    int n) {
  int w = 0, lh = lay->font + S(lay, 5), pad = lay->pad;
  for (int i = 0; i < n; i++) {
    int lw = 0;
    txt_size(c->txt, lines[i], lay->font, i == 0, &lw, NULL);
    w = imax(w, lw);
  }
  lay_rect box = {v->mouse_x + S(lay, 14), v->mouse_y + S(lay, 18), w + 2 * pad, n * lh + pad};
  if (box.x + box.w > lay->w) box.x = v->mouse_x - box.w - S(lay, 8);
  if (box.y + box.h > lay->h) box.y = v->mouse_y - box.h - S(lay, 8);
  if (box.x < 0) box.x = 0;
  if (box.y < 0) box.y = 0;
  rnd_fill_alpha(c->r, box, (rnd_rgb){0x0b, 0x0d, 0x10}, 240);
  rnd_outline(c->r, box, RND_PANEL_LINE, imax(1, S(lay, 1)));
  for (int i = 0; i < n; i++)
    txt_draw(c->txt, lines[i], lay->font, i == 0, i == 0 ? RND_TEXT : RND_TEXT_DIM, box.x + pad,
             box.y + pad / 2 + i * lh + S(lay, 2), TXT_LEFT);
}

/* ", held by load 1" (or "by load 1 and 2 more"): who holds the resource a
 * blocked span queues for, at `at` (within the span). */
static void blocked_holders(const trk_set *set, const trk_track *t, const sim_span *s, sim_time at,
                            char *buf, size_t size) {
  int r = s->resource_plus1 - 1;
  trk_loop lp;
  if (!set->scn || r < 0 || r >= TRK_LOOP_MAX_RES || size == 0) return;
  if (at < s->start || at >= s->end) at = s->start;
  if (trk_loop_at(t, set->scn, at, &lp) != 0 || r >= lp.nres || lp.holders[r].n == 0) return;
  char name[96];
  rnd_row_name(set, t, lp.holders[r].items[0].task, name, sizeof name);
  if (lp.holders[r].n == 1)
    snprintf(buf, size, ", held by %s", name);
  else
    snprintf(buf, size, ", held by %s and %d more", name, (int)lp.holders[r].n - 1);
}

/* " (board 7 holds it)": the GIL's holder at `at`, when there is a GIL. */
static void gil_holder(const trk_set *set, const trk_track *t, sim_time at, char *buf,
                       size_t size) {
  int32_t h = trk_gil_holder(t, at);
  if (h < 0 || size == 0) return;
  char name[96];
  rnd_row_name(set, t, h, name, sizeof name);
  snprintf(buf, size, " (%s holds it)", name);
}

/* What a span's task is doing at `at`: "running on master", "blocked,
 * queued for washer, held by load 1". */
static void span_state(const trk_set *set, const trk_track *t, const sim_span *s, sim_time at,
                       char *buf, size_t size) {
  char tname[96] = "", lane[96] = "";
  if (s->task >= 0) rnd_row_name(set, t, s->task, tname, sizeof tname);
  if (s->lane >= 0) rnd_row_name(set, t, t->ntasks + s->lane, lane, sizeof lane);
  switch ((sim_span_kind)s->kind) {
  case SIM_SPAN_CPU:
    snprintf(buf, size, "running on %s", lane);
    break;
  case SIM_SPAN_WAIT:
    snprintf(buf, size, "waiting on the world");
    break;
  case SIM_SPAN_READY: {
    /* On a thread or process of its own that has no CPU: what it waits
     * for, and under the GIL who has it; else in the worker's queue. */
    int32_t lr = s->task >= 0 ? trk_lane_holding(t, s->task, at) : -1;
    if (lr < 0) {
      snprintf(buf, size, "ready, waiting for the worker");
      break;
    }
    rnd_row_name(set, t, lr, lane, sizeof lane);
    int n = snprintf(buf, size, "ready on %s, waiting for %s", lane, trk_lane_ready_for(t));
    gil_holder(set, t, at, buf + n, size > (size_t)n ? size - (size_t)n : 0);
    break;
  }
  case SIM_SPAN_BLOCKED: {
    /* resource_plus1 - 1 == nresources is the to_thread pool. */
    const char *res = set->scn && s->resource_plus1 > 0
                          ? scn_resource_name(set->scn, s->resource_plus1 - 1)
                          : "a resource";
    int n = snprintf(buf, size, "blocked, queued for %.100s", res);
    blocked_holders(set, t, s, at, buf + n, size > (size_t)n ? size - (size_t)n : 0);
    break;
  }
  case SIM_SPAN_GIL:
    snprintf(buf, size, "holds the GIL");
    break;
  case SIM_SPAN_STALL:
    snprintf(buf, size, "%s stalled by a blocking call", lane);
    break;
  case SIM_SPAN_SWITCH:
    if (s->task >= 0)
      snprintf(buf, size, "%s moves to %s", lane, tname);
    else
      snprintf(buf, size, "%s starting up", lane);
    break;
  default:
    snprintf(buf, size, "%s", sim_span_kind_name((sim_span_kind)s->kind));
    break;
  }
}

/* "move 17/30" for a repeated task, "step 3/9" for one that runs once: the
 * same count the tile's caption shows. */
static void task_count(const trk_set *set, const trk_track *t, int32_t task, uint32_t rep,
                       unsigned step, char *buf, size_t size) {
  int32_t inst;
  int g = set->scn && task >= 0 ? sim_task_group(set->scn, &t->res, task, &inst) : -1;
  buf[0] = 0;
  if (g < 0) return;
  const scn_group *grp = &set->scn->groups[g];
  if (grp->repeat > 1)
    snprintf(buf, size, "repetition %u/%u", (unsigned)rep, (unsigned)grp->repeat);
  else
    snprintf(buf, size, "step %u/%d", step, grp->nsteps);
}

static void tip_span(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set,
                     const trk_track *t) {
  const view_hover *h = &v->hover;
  const sim_span *s = h->span;
  char l0[320], l1[400], l2[200], tname[96] = "", lane[96] = "", state[208], count[64];
  const char *lines[3] = {l0, l1, l2};
  if (s->task >= 0) rnd_row_name(set, t, s->task, tname, sizeof tname);
  if (s->lane >= 0) rnd_row_name(set, t, t->ntasks + s->lane, lane, sizeof lane);
  const char *label = s->task >= 0 ? rnd_step_label(set->scn, &t->res, s->task, s->step) : "";
  span_state(set, t, s, (sim_time)floor(lay_x_time(lay, v, v->mouse_x + 0.5)), state, sizeof state);
  task_count(set, t, s->task, s->rep + 1, s->step + 1, count, sizeof count);
  if (s->kind == SIM_SPAN_SWITCH)
    snprintf(l0, sizeof l0, "%s", lane);
  else if (h->row >= t->ntasks)
    snprintf(l0, sizeof l0, "%s \xc2\xb7 %s \xc2\xb7 %s", lane, tname, label);
  else
    snprintf(l0, sizeof l0, "%s \xc2\xb7 %s", tname, label);
  snprintf(l1, sizeof l1, "%s%s%s", state, count[0] ? ", " : "", count);
  char a[48], b[48], d[48];
  rnd_format_clock(s->start, 0, a, sizeof a);
  rnd_format_clock(s->end, 0, b, sizeof b);
  rnd_format_seconds((double)(s->end - s->start) / (double)SIM_S, d, sizeof d);
  snprintf(l2, sizeof l2, "%s \xe2\x86\x92 %s   (%s)", a, b, d);
  tip_box(c, lay, v, lines, 3);
}

/* A worker lane with no span under the pointer: idle, and why (sync's
 * master waiting for board 1's opponent). */
static void tip_idle(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set,
                     const trk_track *t, sim_time at) {
  const view_hover *h = &v->hover;
  if (at < 0 || at >= t->res.makespan) return;
  char l0[200], l1[400], l2[200], lane[96], tname[96];
  const char *lines[3] = {l0, l1, l2};
  rnd_row_name(set, t, h->row, lane, sizeof lane);
  snprintf(l0, sizeof l0, "%s", lane);
  size_t i = trk_row_find(t, h->row, at);
  const sim_span *prev = i > 0 ? trk_row_span(t, h->row, i - 1) : NULL;
  sim_time until = i < trk_row_len(t, h->row) ? trk_row_span(t, h->row, i)->start : t->res.makespan;
  const sim_span *ts = NULL;
  trk_state st = prev && prev->task >= 0 ? trk_task_state(t, prev->task, at, &ts) : TRK_PENDING;
  const trk_interval *ready = trk_lane_ready_covering(t, h->row, at);
  if (ready) {
    /* Not idle: the lane holds a task that is ready and has no CPU. */
    trk_task_state(t, ready->task, at, &ts);
    rnd_row_name(set, t, ready->task, tname, sizeof tname);
    int n = snprintf(l1, sizeof l1, "ready: %s (%s) waiting for %s", tname,
                     ts ? rnd_step_label(set->scn, &t->res, ready->task, ts->step) : "",
                     trk_lane_ready_for(t));
    gil_holder(set, t, at, l1 + n, sizeof l1 > (size_t)n ? sizeof l1 - (size_t)n : 0);
    char a[48], d[48];
    rnd_format_clock(ready->end, 0, a, sizeof a);
    rnd_format_seconds((double)(ready->end - ready->start) / (double)SIM_S, d, sizeof d);
    snprintf(l2, sizeof l2, "until %s   (ready %s in all)", a, d);
    tip_box(c, lay, v, lines, 3);
    return;
  }
  /* The idle stretch around `at`: between spans, and between the lane's
   * ready stretches inside that gap. */
  sim_time from = prev ? prev->end : 0;
  size_t j = trk_lane_ready_find(t, h->row, at);
  if (j < trk_lane_ready_len(t, h->row) && trk_lane_ready_at_index(t, h->row, j)->start < until)
    until = trk_lane_ready_at_index(t, h->row, j)->start;
  if (j > 0 && trk_lane_ready_at_index(t, h->row, j - 1)->end > from)
    from = trk_lane_ready_at_index(t, h->row, j - 1)->end;
  if (prev && prev->task >= 0 && (st == TRK_WAITING || st == TRK_BLOCKED) && ts) {
    rnd_row_name(set, t, prev->task, tname, sizeof tname);
    const char *label = rnd_step_label(set->scn, &t->res, prev->task, ts->step);
    if (st == TRK_WAITING)
      snprintf(l1, sizeof l1, "idle: waiting for %s (%s)", tname, label);
    else
      snprintf(l1, sizeof l1, "idle: %s is blocked (%s)", tname, label);
  } else {
    snprintf(l1, sizeof l1, "idle: no task is ready to run");
  }
  char a[48], d[48];
  rnd_format_clock(until, 0, a, sizeof a);
  rnd_format_seconds((double)(until - from) / (double)SIM_S, d, sizeof d);
  snprintf(l2, sizeof l2, "until %s   (idle %s in all)", a, d);
  tip_box(c, lay, v, lines, 3);
}

/* A tile: what the task is doing now and until when. */
static void tip_tile(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set,
                     const trk_track *t) {
  int32_t task = v->hover.row;
  char l0[200], l1[400], l2[200], l3[200], name[96], a[48], d[48], count[64];
  const char *lines[4] = {l0, l1, l2, l3};
  const sim_span *s = NULL;
  trk_state st = trk_task_state(t, task, v->now, &s);
  rnd_row_name(set, t, task, name, sizeof name);
  snprintf(l0, sizeof l0, "%s", name);
  int n = 4;
  if (st == TRK_DONE) {
    sim_time end = t->res.task_end ? t->res.task_end[task] : 0;
    rnd_format_clock(end, 0, a, sizeof a);
    sim_outcome o = t->res.task_outcome ? (sim_outcome)t->res.task_outcome[task] : SIM_OUTCOME_OK;
    snprintf(l1, sizeof l1, "done at %s%s%s", a, o != SIM_OUTCOME_OK ? ": " : "",
             o != SIM_OUTCOME_OK ? sim_outcome_name(o) : "");
    n = 2;
  } else if (st == TRK_PENDING || !s) {
    snprintf(l1, sizeof l1, "not started yet");
    n = 2;
  } else {
    char state[208];
    span_state(set, t, s, v->now, state, sizeof state);
    snprintf(l1, sizeof l1, "%s: %s", state, rnd_step_label(set->scn, &t->res, task, s->step));
    rnd_format_clock(s->end, 0, a, sizeof a);
    rnd_format_seconds((double)(s->end - v->now) / (double)SIM_S, d, sizeof d);
    snprintf(l2, sizeof l2, "until %s (in %s)", a, d);
    task_count(set, t, task, s->rep + 1, s->step + 1, count, sizeof count);
    rnd_format_clock(t->res.task_end ? t->res.task_end[task] : 0, 0, a, sizeof a);
    snprintf(l3, sizeof l3, "%s%sends at %s", count, count[0] ? ", " : "", a);
  }
  tip_box(c, lay, v, lines, n);
}

void rnd_draw_tooltip(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set) {
  if (!v->mouse_in || v->drag != VIEW_DRAG_NONE) return;
  const view_hover *h = &v->hover;
  if (h->track < 0 || h->row < 0) return;
  const trk_track *t = &set->tracks[h->track];
  if (h->kind == VIEW_HOVER_ROW && h->span)
    tip_span(c, lay, v, set, t);
  else if (h->kind == VIEW_HOVER_ROW && h->row >= t->ntasks)
    tip_idle(c, lay, v, set, t, (sim_time)floor(lay_x_time(lay, v, v->mouse_x + 0.5)));
  else if (h->kind == VIEW_HOVER_TILE && h->track != view_panel_track(v)) /* not under the panel */
    tip_tile(c, lay, v, set, t);
}

void rnd_draw_help(rnd_ctx *c, const lay_layout *lay) {
  static const char *const keys[][2] = {
      {"Space", "play / pause"},
      {"\xe2\x86\x90  \xe2\x86\x92   or  ,  .",
       "previous / next event of the strategy under the pointer"},
      {"\xe2\x86\x91  \xe2\x86\x93   or  ]  [", "faster / slower (0.01x to 100000x)"},
      {"Home  End", "start / end of the run"},
      {"Shift \xe2\x86\x90  Shift \xe2\x86\x92", "pan the timeline"},
      {"+  \xe2\x88\x92", "zoom the timeline in / out"},
      {"0", "fit: show the whole run"},
      {"1 \xe2\x80\xa6 8", "show / hide strategy 1 \xe2\x80\xa6 8"},
      {"c", "highlight the critical path (docs/explain.md)"},
      {"e", "event loop: who runs, the ready queue, the waits, each resource"},
      {"s", "save a PNG of the window"},
      {"f   F11", "fullscreen"},
      {"Ctrl +  Ctrl \xe2\x88\x92  Ctrl 0", "bigger / smaller / normal text and controls"},
      {"h   ?   F1", "this help"},
      {"q   Esc", "quit (Esc first closes this help, then unselects)"},
      {"", ""},
      {"click, drag on the axis", "move the playhead, backwards too"},
      {"click in the timeline", "jump there (a task's row: select it too)"},
      {"click a tile", "select the task in every strategy (Esc: unselect)"},
      {"click, drag an overview strip", "move the timeline's window over the whole run"},
      {"drag in the timeline", "pan"},
      {"wheel", "zoom around the pointer (Shift: pan)"},
      {"wheel over row names", "scroll the rows"},
      {"hover", "what a span, tile or idle worker is doing, and until when"},
  };
  int n = (int)(sizeof keys / sizeof keys[0]);
  rnd_fill_alpha(c->r, (lay_rect){0, 0, lay->w, lay->h}, (rnd_rgb){0, 0, 0}, 170);
  int kw = 0, dw = 0, lh = lay->font + S(lay, 8);
  for (int i = 0; i < n; i++) {
    int w = 0;
    txt_size(c->txt, keys[i][0], lay->font, 1, &w, NULL);
    kw = imax(kw, w);
    txt_size(c->txt, keys[i][1], lay->font, 0, &w, NULL);
    dw = imax(dw, w);
  }
  int pad = S(lay, 20), gap = S(lay, 24), title_h = lay->font_title + S(lay, 16);
  lay_rect box = {0, 0, kw + gap + dw + 2 * pad, title_h + n * lh + 2 * pad};
  box.x = (lay->w - box.w) / 2;
  box.y = imax(0, (lay->h - box.h) / 2);
  rnd_fill(c->r, box, RND_PANEL);
  rnd_outline(c->r, box, RND_PANEL_LINE, imax(1, S(lay, 1)));
  txt_draw(c->txt, "Keys and mouse", lay->font_title, 1, RND_TEXT, box.x + pad, box.y + pad,
           TXT_LEFT);
  for (int i = 0; i < n; i++) {
    int y = box.y + pad + title_h + i * lh;
    txt_draw(c->txt, keys[i][0], lay->font, 1, RND_TEXT, box.x + pad + kw, y, TXT_RIGHT);
    txt_draw(c->txt, keys[i][1], lay->font, 0, RND_TEXT_DIM, box.x + pad + kw + gap, y, TXT_LEFT);
  }
}

void rnd_draw_toast(rnd_ctx *c, const lay_layout *lay, const view_state *v) {
  if (v->toast_left <= 0 || !v->toast[0]) return;
  int w = 0, h = 0;
  txt_size(c->txt, v->toast, lay->font, 0, &w, &h);
  lay_rect box = {(lay->w - w) / 2 - lay->pad * 2, lay->axis.y - h - S(lay, 24), w + lay->pad * 4,
                  h + S(lay, 12)};
  rnd_fill_alpha(c->r, box, (rnd_rgb){0x0b, 0x0d, 0x10}, 235);
  rnd_outline(c->r, box, pal_state_color(TRK_DONE), imax(1, S(lay, 1)));
  txt_draw_mid(c->txt, v->toast, lay->font, 0, RND_TEXT, lay->w / 2, box.y, box.h, TXT_CENTER);
}

/* draw_ui.c - the title and legend, each strategy's header, the controls bar,
 * and what floats above: the tooltip, the key overlay, the toast.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"

static int imax(int a, int b) {
  return a > b ? a : b;
}
static int S(const lay_layout *lay, double v) {
  return (int)lround(v * lay->scale);
}

void rnd_draw_title(rnd_ctx *c, const lay_layout *lay, const trk_set *set) {
  lay_rect t = lay->title;
  rnd_fill(c->r, t, RND_BG);
  /* The legend, right-aligned: the same colours as tiles and rows. */
  static const trk_state order[] = {TRK_RUNNING, TRK_WAITING, TRK_READY,
                                    TRK_BLOCKED, TRK_DONE,    TRK_PENDING};
  int sw = S(lay, 12), gap = S(lay, 6), spacing = S(lay, 14), total = 0;
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    int w = 0;
    txt_size(c->txt, rnd_state_name(order[i]), lay->font_small, 0, &w, NULL);
    total += sw + gap + w + (i ? spacing : 0);
  }
  int x = t.x + t.w - lay->pad - total, legend_x = x;
  for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
    if (i) x += spacing;
    lay_rect sq = {x, t.y + (t.h - sw) / 2, sw, sw};
    rnd_fill(c->r, sq, rnd_state_color(order[i]));
    x += sw + gap;
    x += txt_draw_mid(c->txt, rnd_state_name(order[i]), lay->font_small, 0, RND_TEXT_DIM, x, t.y,
                      t.h, TXT_LEFT);
  }
  const char *name = set->scn && set->scn->name ? set->scn->name : "simul";
  int room = legend_x - 2 * lay->pad - lay->pad;
  int nw = 0, th = 0;
  txt_size(c->txt, name, lay->font_title, 1, &nw, &th);
  int y = t.y + (t.h - th) / 2;
  int used = txt_draw_fit(c->txt, name, lay->font_title, 1, RND_TEXT, lay->pad, y, room);
  if (set->scn && set->scn->description && used + S(lay, 16) < room) {
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

void rnd_draw_header(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                     const trk_set *set) {
  const trk_track *t = &set->tracks[p->track];
  lay_rect h = p->header;
  int fs = lay->font, x = h.x + S(lay, 2), sp = S(lay, 22);
  char buf[160], tbuf[48];
  int finished = v->now >= t->res.makespan;
  x += txt_draw_mid(c->txt, t->res.strategy, lay->font_title, 1, RND_TEXT, x, h.y, h.h, TXT_LEFT);
  x += sp;
  sim_time clock = v->now < t->res.makespan ? rnd_clock_time(v, v->now) : t->res.makespan;
  sim_time_format(clock, tbuf, sizeof tbuf);
  x += txt_draw_mid(c->txt, "clock", fs, 0, RND_TEXT_DIM, x, h.y, h.h, TXT_LEFT) + S(lay, 6);
  /* The clock's width is reserved for its widest value, so nothing after it
   * jitters; a fraction of a second (".500", while stepping) widens it. */
  sim_time_format(t->res.makespan, buf, sizeof buf);
  int cw = txt_glyphs_width(c->txt, buf, fs, 1), cw2 = txt_glyphs_width(c->txt, tbuf, fs, 1);
  if (cw2 > cw) cw = cw2;
  rnd_glyphs_mid(c, tbuf, fs, 1, RND_TEXT, x, h.y, h.h, TXT_LEFT);
  x += cw + sp;

  int32_t done = trk_tasks_done(t, v->now);
  x += txt_draw_mid(c->txt, "tasks done", fs, 0, RND_TEXT_DIM, x, h.y, h.h, TXT_LEFT) + S(lay, 6);
  snprintf(buf, sizeof buf, "%d/%d", (int)done, (int)t->ntasks);
  snprintf(tbuf, sizeof tbuf, "%d/%d", (int)t->ntasks, (int)t->ntasks);
  int dw = txt_glyphs_width(c->txt, tbuf, fs, 1);
  rnd_glyphs_mid(c, buf, fs, 1, RND_TEXT, x, h.y, h.h, TXT_LEFT);
  x += dw + S(lay, 6);
  int bw = S(lay, 70), bh = S(lay, 6);
  lay_rect bar = {x, h.y + (h.h - bh) / 2, bw, bh};
  rnd_fill(c->r, bar, RND_PANEL_LINE);
  if (t->ntasks > 0)
    rnd_fill(c->r, (lay_rect){bar.x, bar.y, (int)((double)bw * done / t->ntasks), bh},
             rnd_state_color(TRK_DONE));
  x += bw + sp;

  if (finished) {
    sim_time_format(t->res.makespan, tbuf, sizeof tbuf);
    snprintf(buf, sizeof buf, "finished in %s", tbuf);
    x += txt_draw_mid(c->txt, buf, fs, 1, rnd_state_color(TRK_DONE), x, h.y, h.h, TXT_LEFT);
    x += sp;
    if (set->sync_index >= 0 && set->sync_index != p->track && t->res.makespan > 0) {
      double r = (double)set->tracks[set->sync_index].res.makespan / (double)t->res.makespan;
      char ratio[32];
      fmt_ratio(r, ratio, sizeof ratio);
      snprintf(buf, sizeof buf, r >= 1 ? "%s faster than sync" : "%s of sync's speed", ratio);
      x += txt_draw_mid(c->txt, buf, fs, 1, RND_TEXT, x, h.y, h.h, TXT_LEFT);
    } else if (set->sync_index == p->track && set->ntracks > 1) {
      x += txt_draw_mid(c->txt, "the baseline", fs, 0, RND_TEXT_DIM, x, h.y, h.h, TXT_LEFT);
    }
    /* Why it took that long (sim/explain.h), cut at the header's edge: the
     * whole text is `simul run --explain`'s. */
    if (t->why[0] && x < h.x + h.w) {
      SDL_Rect clip = {h.x, h.y, h.w, h.h};
      SDL_RenderSetClipRect(c->r, &clip);
      txt_draw_mid(c->txt, t->why, fs, 0, RND_TEXT_DIM, x + sp, h.y, h.h, TXT_LEFT);
      SDL_RenderSetClipRect(c->r, NULL);
    }
  } else {
    txt_draw_mid(c->txt, "running", fs, 0, RND_TEXT_DIM, x, h.y, h.h, TXT_LEFT);
  }
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
  /* Speed: a log slider with decade ticks (1x, 10x ... 100000x). */
  lay_rect s = lay->slider;
  rnd_fill(c->r, s, RND_PANEL_LINE);
  double pos = view_speed_to_slider(v->speed);
  rnd_fill(c->r, (lay_rect){s.x, s.y, (int)(s.w * pos), s.h}, RND_TEXT_DIM);
  for (int d = 0; d <= 5; d++) {
    int tx = s.x + (int)lround(s.w * d / 5.0);
    rnd_fill(c->r, (lay_rect){tx, s.y + s.h + S(lay, 3), imax(1, S(lay, 1)), S(lay, 4)},
             RND_TEXT_DIM);
  }
  int hot = v->hover.kind == VIEW_HOVER_SLIDER || v->drag == VIEW_DRAG_SLIDER;
  rnd_disc(c->r, s.x + (float)(s.w * pos), s.y + s.h / 2.0f, (hot ? 8.0f : 7.0f) * u, RND_TEXT,
           255);
  char buf[160];
  if (v->speed < 9.95)
    snprintf(buf, sizeof buf, "%.1fx", v->speed);
  else
    snprintf(buf, sizeof buf, "%.0fx", v->speed);
  txt_draw_mid(c->txt, buf, lay->font, 1, RND_TEXT, lay->speed_label.x, lay->speed_label.y,
               lay->speed_label.h, TXT_LEFT);
  char a[48], b[48];
  sim_time_format(rnd_clock_time(v, v->now), a, sizeof a);
  sim_time_format(v->end, b, sizeof b);
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

void rnd_draw_tooltip(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set) {
  if (!v->mouse_in || v->drag != VIEW_DRAG_NONE) return;
  const view_hover *h = &v->hover;
  if (h->track < 0 || h->row < 0) return;
  const trk_track *t = &set->tracks[h->track];
  /* Sized for their longest parts (two 96-byte names, a 208-byte state and
   * its repetition), so nothing is cut. */
  char l0[320], l1[288], l2[200], name[96], a[48], b[48], d[48];
  const char *lines[3] = {l0, l1, l2};
  if (h->kind == VIEW_HOVER_ROW && h->span) {
    /* Three lines: who and which step; what state and which repetition;
     * start, end and duration. */
    const sim_span *s = h->span;
    int32_t task = s->task;
    char tname[96] = "", lane[96] = "", state[208], rep[64] = "";
    if (task >= 0) rnd_row_name(set, t, task, tname, sizeof tname);
    if (s->lane >= 0) rnd_row_name(set, t, t->ntasks + s->lane, lane, sizeof lane);
    const char *label = task >= 0 ? rnd_step_label(set->scn, task, s->step) : "";
    uint32_t nrep = 1;
    int32_t inst;
    int g = set->scn && task >= 0 ? scn_task_group(set->scn, task, &inst) : -1;
    if (g >= 0) nrep = (uint32_t)set->scn->groups[g].repeat;
    if (nrep > 1)
      snprintf(rep, sizeof rep, ", repetition %u/%u", (unsigned)s->rep + 1, (unsigned)nrep);
    switch ((sim_span_kind)s->kind) {
    case SIM_SPAN_CPU:
      snprintf(state, sizeof state, "running on %s", lane);
      break;
    case SIM_SPAN_WAIT:
      snprintf(state, sizeof state, "waiting on the world");
      break;
    case SIM_SPAN_READY:
      snprintf(state, sizeof state, "ready, waiting for the worker");
      break;
    case SIM_SPAN_BLOCKED: {
      /* resource_plus1 - 1 == nresources is the to_thread pool. */
      const char *res = set->scn && s->resource_plus1 > 0
                            ? scn_resource_name(set->scn, s->resource_plus1 - 1)
                            : "a resource";
      snprintf(state, sizeof state, "blocked, queued for %.100s", res);
      break;
    }
    case SIM_SPAN_GIL:
      snprintf(state, sizeof state, "holds the GIL");
      break;
    case SIM_SPAN_STALL:
      snprintf(state, sizeof state, "%s stalled by a blocking call", lane);
      break;
    case SIM_SPAN_SWITCH:
      if (task >= 0)
        snprintf(state, sizeof state, "%s moves to %s", lane, tname);
      else
        snprintf(state, sizeof state, "%s starting up", lane);
      break;
    default:
      snprintf(state, sizeof state, "%s", sim_span_kind_name((sim_span_kind)s->kind));
      break;
    }
    if (s->kind == SIM_SPAN_SWITCH)
      snprintf(l0, sizeof l0, "%s", lane);
    else if (h->row >= t->ntasks)
      snprintf(l0, sizeof l0, "%s \xc2\xb7 %s \xc2\xb7 %s", lane, tname, label);
    else
      snprintf(l0, sizeof l0, "%s \xc2\xb7 %s", tname, label);
    snprintf(l1, sizeof l1, "%s%s", state, rep);
    sim_time_format(s->start, a, sizeof a);
    sim_time_format(s->end, b, sizeof b);
    sim_duration_format(s->end - s->start, d, sizeof d);
    snprintf(l2, sizeof l2, "%s \xe2\x86\x92 %s   (%s)", a, b, d);
    (void)name;
    tip_box(c, lay, v, lines, 3);
  } else if (h->kind == VIEW_HOVER_TILE) {
    const sim_span *s = NULL;
    trk_state st = trk_task_state(t, h->row, v->now, &s);
    rnd_row_name(set, t, h->row, name, sizeof name);
    snprintf(l0, sizeof l0, "%s", name);
    const char *label = s && st != TRK_DONE ? rnd_step_label(set->scn, h->row, s->step) : "";
    snprintf(l1, sizeof l1, "%s%s%s", rnd_state_name(st), *label ? ": " : "", label);
    uint32_t rep, nrep;
    trk_task_progress(t, set->scn, h->row, v->now, &rep, &nrep);
    sim_time_format(t->res.task_end ? t->res.task_end[h->row] : 0, a, sizeof a);
    snprintf(l2, sizeof l2, "repetition %u/%u, ends at %s", (unsigned)rep, (unsigned)nrep, a);
    tip_box(c, lay, v, lines, 3);
  }
}

void rnd_draw_help(rnd_ctx *c, const lay_layout *lay) {
  static const char *const keys[][2] = {
      {"Space", "play / pause"},
      {"\xe2\x86\x90  \xe2\x86\x92   or  ,  .", "previous / next event (pauses)"},
      {"\xe2\x86\x91  \xe2\x86\x93   or  ]  [", "faster / slower (1x to 100000x)"},
      {"Home  End", "start / end of the run"},
      {"Shift \xe2\x86\x90  Shift \xe2\x86\x92", "pan the timeline"},
      {"+  \xe2\x88\x92", "zoom the timeline in / out"},
      {"0", "fit: show the whole run"},
      {"1 \xe2\x80\xa6 8", "show / hide strategy 1 \xe2\x80\xa6 8"},
      {"c", "highlight the critical path (docs/explain.md)"},
      {"s", "save a PNG of the window"},
      {"f   F11", "fullscreen"},
      {"Ctrl +  Ctrl \xe2\x88\x92  Ctrl 0", "bigger / smaller / normal text and controls"},
      {"h   ?   F1", "this help"},
      {"q   Esc", "quit (Esc closes this help first)"},
      {"", ""},
      {"click, drag on the axis", "move the playhead, backwards too"},
      {"click in the timeline", "jump there"},
      {"drag in the timeline", "pan"},
      {"wheel", "zoom around the pointer (Shift: pan)"},
      {"wheel over row names", "scroll the rows"},
      {"hover", "what a span or tile is: task, step, start, end"},
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
  rnd_outline(c->r, box, rnd_state_color(TRK_DONE), imax(1, S(lay, 1)));
  txt_draw_mid(c->txt, v->toast, lay->font, 0, RND_TEXT, lay->w / 2, box.y, box.h, TXT_CENTER);
}

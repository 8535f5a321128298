/* draw_loop.c - the event-loop panel (`e`): drawn over the scene of the
 * strategy under the pointer (or the selected task's, or the first), from
 * trk_loop_at (loop.h) at the playhead. Lists flow left to right and wrap;
 * what does not fit is counted ("+12").
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "render/lane.h"
#include "render/loop.h"

static int S(const lay_layout *lay, double v) {
  return (int)lround(v * lay->scale);
}

/* A cursor that writes chips of text left to right inside a box, wrapping. */
typedef struct flow {
  rnd_ctx *c;
  const lay_layout *lay;
  int x0, x1, y1; /* the box's left, right and bottom */
  int x, y, lh;   /* the cursor and the line height */
  int full;       /* no room left */
} flow;

static void flow_line(flow *f) {
  f->x = f->x0;
  f->y += f->lh;
  if (f->y + f->lh > f->y1) f->full = 1;
}

/* Writes s (with a state-coloured square before it when sq >= 0); returns 0
 * once the box is full. */
static int flow_put(flow *f, const char *s, int bold, rnd_rgb col, int sq) {
  if (f->full) return 0;
  int w = 0, fs = f->lay->font_small, gap = S(f->lay, 10), sw = sq >= 0 ? S(f->lay, 9) : 0;
  txt_size(f->c->txt, s, fs, bold, &w, NULL);
  int need = w + (sw ? sw + S(f->lay, 4) : 0);
  if (f->x > f->x0 && f->x + need > f->x1) {
    flow_line(f);
    if (f->full) return 0;
  }
  if (sq >= 0) {
    rnd_fill(f->c->r, (lay_rect){f->x, f->y + (f->lh - sw) / 2, sw, sw}, rnd_queue_color(sq));
    f->x += sw + S(f->lay, 4);
  }
  txt_draw_fit(f->c->txt, s, fs, bold, col, f->x, f->y + (f->lh - fs) / 2 - 1, f->x1 - f->x);
  f->x += w + gap;
  return 1;
}

/* Time left until `until`: whole seconds while playing fast (milliseconds
 * flickering past are noise, as for the clocks), exact when paused. */
static void left_of(const view_state *v, sim_time until, char *buf, size_t size) {
  sim_time d = until - v->now;
  if (v->playing && v->speed >= 5 && d >= SIM_S) d = (d + SIM_S - 1) / SIM_S * SIM_S;
  rnd_format_seconds((double)d / (double)SIM_S, buf, size);
}

/* A heading on a line of its own, then the items of a list. */
static void flow_list(flow *f, const trk_set *set, const trk_track *t, const char *title,
                      const trk_loop_list *l, int sq, const view_state *v, int countdown) {
  char buf[160], name[96], d[48];
  if (f->x > f->x0) flow_line(f);
  snprintf(buf, sizeof buf, "%s (%d)", title, (int)l->n);
  if (!flow_put(f, buf, 1, RND_TEXT, -1)) return;
  if (l->n == 0) flow_put(f, "none", 0, RND_TEXT_DIM, -1);
  int shown = l->n < TRK_LOOP_MAX ? l->n : TRK_LOOP_MAX;
  for (int i = 0; i < shown; i++) {
    rnd_row_name(set, t, l->items[i].task, name, sizeof name);
    if (countdown) {
      left_of(v, l->items[i].until, d, sizeof d);
      snprintf(buf, sizeof buf, "%s %s", name, d);
    } else {
      snprintf(buf, sizeof buf, "%s", name);
    }
    /* Keep room for the "+N" of what follows. */
    int rest = l->n - i;
    if (!flow_put(f, buf, 0, RND_TEXT, sq) || (f->full && rest > 1)) {
      f->full = 0;
      snprintf(buf, sizeof buf, "+%d", rest);
      flow_put(f, buf, 1, RND_TEXT_DIM, -1);
      return;
    }
  }
  if (l->n > shown) {
    snprintf(buf, sizeof buf, "+%d", (int)(l->n - shown));
    flow_put(f, buf, 1, RND_TEXT_DIM, -1);
  }
}

/* What the ready queue is called under this strategy. */
static const char *ready_title(const trk_track *t) {
  if (t->lane_ready.has_gil) return "waiting for the GIL"; /* not threads:gil=off */
  if (strncmp(t->res.strategy, "processes", 9) == 0 || strncmp(t->res.strategy, "queue", 5) == 0)
    return "job queue";
  return "ready queue";
}

void rnd_draw_loop(rnd_ctx *c, const lay_layout *lay, const view_state *v, const trk_set *set) {
  if (!v->panel || lay->npanels == 0) return;
  int k = view_panel_track(v);
  const lay_panel *p = k >= 0 ? lay_panel_of(lay, k) : NULL;
  if (!p) p = &lay->panels[0];
  const trk_track *t = &set->tracks[p->track];
  trk_loop lp;
  if (trk_loop_at(t, set->scn, v->now, &lp) != 0) return;
  lay_rect box = {p->scene.x, p->panel.y + p->header.h, p->scene.w + lay->pad,
                  p->panel.h - p->header.h};
  rnd_fill_alpha(c->r, box, (rnd_rgb){0x0b, 0x0d, 0x10}, 240);
  rnd_outline(c->r, box, RND_PANEL_LINE, 1);
  SDL_Rect clip = {box.x, box.y, box.w, box.h};
  SDL_RenderSetClipRect(c->r, &clip);
  flow f = {c,
            lay,
            box.x + lay->pad,
            box.x + box.w - lay->pad,
            box.y + box.h - lay->pad / 2,
            box.x + lay->pad,
            box.y + lay->pad / 2,
            lay->font_small + S(lay, 6),
            0};
  char buf[320], name[96], d[48], now[48];
  rnd_format_clock(rnd_clock_time(v, v->now), 0, now, sizeof now);
  snprintf(buf, sizeof buf, "event loop \xc2\xb7 %s \xc2\xb7 %s", t->res.strategy, now);
  flow_put(&f, buf, 1, RND_TEXT, -1);
  /* The workers: who holds each, in what, for how much longer. */
  for (int l = 0; l < lp.nlanes && !f.full; l++) {
    flow_line(&f);
    rnd_row_name(set, t, t->ntasks + l, name, sizeof name);
    if (lp.lanes[l].ready) {
      char tname[96];
      rnd_row_name(set, t, lp.lanes[l].waits_for, tname, sizeof tname);
      snprintf(buf, sizeof buf, "%s: %s ready, waiting for %s", name, tname, trk_lane_ready_for(t));
      flow_put(&f, buf, 0, RND_TEXT_DIM, TRK_READY);
      continue;
    }
    if (lp.lanes[l].task < 0 && lp.lanes[l].waits_for >= 0) {
      char tname[96];
      rnd_row_name(set, t, lp.lanes[l].waits_for, tname, sizeof tname);
      snprintf(buf, sizeof buf, "%s: idle, %s waits", name, tname);
      flow_put(&f, buf, 0, RND_TEXT_DIM, RND_Q_IDLE);
      continue;
    }
    if (lp.lanes[l].task < 0) {
      snprintf(buf, sizeof buf, "%s: idle", name);
      flow_put(&f, buf, 0, RND_TEXT_DIM, RND_Q_IDLE);
      continue;
    }
    char tname[96];
    rnd_row_name(set, t, lp.lanes[l].task, tname, sizeof tname);
    left_of(v, lp.lanes[l].until, d, sizeof d);
    int q = lp.lanes[l].kind == SIM_SPAN_SWITCH ? RND_Q_SWITCH
                                                : (int)trk_state_of_kind(lp.lanes[l].kind);
    snprintf(buf, sizeof buf, "%s: %s, %s left", name, tname, d);
    flow_put(&f, buf, 0, RND_TEXT, q);
  }
  flow_list(&f, set, t, ready_title(t), &lp.ready, TRK_READY, v, 0);
  flow_list(&f, set, t, "waiting, back in", &lp.waits, TRK_WAITING, v, 1);
  for (int r = 0; r < lp.nres && !f.full; r++) {
    const char *rn = scn_resource_name(set->scn, r);
    snprintf(buf, sizeof buf, "%s held by", rn ? rn : "resource");
    flow_list(&f, set, t, buf, &lp.holders[r], TRK_RUNNING, v, 0);
    snprintf(buf, sizeof buf, "%s queue", rn ? rn : "resource");
    flow_list(&f, set, t, buf, &lp.queue[r], TRK_BLOCKED, v, 0);
  }
  SDL_RenderSetClipRect(c->r, NULL);
}

/* draw_scene.c - one tile per task, coloured by state, and the workers.
 *
 * Tiles big enough get a picture (a chess board, a washing machine, or a
 * plain card with the task's name; chosen per task, lay_task_style), a
 * number badge, and a caption strip with progress ("17/30"); small ones are
 * cells of pure state colour. Text is drawn last, so no mark covers it. The whole tile is filled
 * with the state colour first, so its frame always shows the state, whatever is drawn inside. A
 * worker is a disc with its initial, on the tile of the task it runs; it glides from the previous
 * task's tile during a switch (or, with no switch cost, over the first moments of the new task),
 * hollow when idle, and yellow while it holds a task waiting for the GIL or a core.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "render/lane.h"

static int imax(int a, int b) {
  return a > b ? a : b;
}

static void chess_board(rnd_ctx *c, lay_rect tile, int frame) {
  int area = tile.w - 2 * frame, sq = area / 8;
  if (sq < 1) return;
  int size = sq * 8, bx = tile.x + (tile.w - size) / 2, by = tile.y + (tile.w - size) / 2;
  rnd_queue_add(c, RND_Q_BOARD_LIGHT, bx, by, size, size);
  for (int r = 0; r < 8; r++)
    for (int f = (r & 1) ? 0 : 1; f < 8; f += 2)
      rnd_queue_add(c, RND_Q_BOARD_DARK, bx + f * sq, by + r * sq, sq, sq);
}

/* The machine's body and door; drawn after the queues (it overlaps the tile). */
static void machine(rnd_ctx *c, lay_rect tile, int frame, rnd_rgb state) {
  int area = tile.w - 2 * frame;
  lay_rect body = {tile.x + frame, tile.y + frame, area, area};
  rnd_fill(c->r, body, (rnd_rgb){0xdd, 0xdf, 0xe2});
  rnd_fill(c->r, (lay_rect){body.x, body.y, body.w, imax(2, area / 6)},
           (rnd_rgb){0x9a, 0xa0, 0xa8});
  float cx = body.x + body.w / 2.0f, cy = body.y + area / 6.0f + (area - area / 6.0f) / 2.0f;
  float rad = (float)area * 0.3f;
  rnd_disc(c->r, cx, cy, rad, (rnd_rgb){0x5a, 0x60, 0x68}, 255);
  rnd_disc(c->r, cx, cy, rad * 0.78f, state, 255);
}

/* The caption strip: progress only ("17/30", the step for a task that runs
 * once, or how it ended), centred; the name or number is on the picture. */
static void caption(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const trk_set *set,
                    const trk_track *t, int32_t task, lay_rect tile, trk_state st,
                    const view_state *v) {
  rnd_rgb col = rnd_text_on(pal_state_color(st));
  char prog[48];
  uint32_t rep, nrep;
  trk_task_progress(t, set->scn, task, v->now, &rep, &nrep);
  int32_t inst = 0;
  int g = set->scn ? sim_task_group(set->scn, &t->res, task, &inst) : -1;
  sim_outcome outcome = st == TRK_DONE && t->res.task_outcome
                            ? (sim_outcome)t->res.task_outcome[task]
                            : SIM_OUTCOME_OK;
  if (outcome != SIM_OUTCOME_OK) {
    snprintf(prog, sizeof prog, "%s", sim_outcome_name(outcome));
  } else if (g >= 0 && nrep <= 1) {
    snprintf(prog, sizeof prog, "step %d/%d", trk_task_step(t, set->scn, task, v->now),
             set->scn->groups[g].nsteps);
  } else {
    snprintf(prog, sizeof prog, "%u/%u", (unsigned)rep, (unsigned)nrep);
  }
  int pw = 0;
  txt_size(c->txt, prog, lay->font_small, 1, &pw, NULL);
  if (pw > tile.w - 2 && g >= 0 && nrep <= 1) /* "step 3/9" too wide: "3/9" */
    memmove(prog, prog + 5, strlen(prog + 5) + 1);
  txt_draw_mid(c->txt, prog, lay->font_small, 1, col, tile.x + tile.w / 2, tile.y + tile.w,
               p->caption_h, TXT_CENTER);
}

/* A stable label on the picture's top left: the task's number in its group
 * ("17"), on a dark badge that reads on every picture; none for a group of
 * one (a card shows its name instead). */
static void badge(rnd_ctx *c, const lay_layout *lay, const trk_set *set, const trk_track *t,
                  int32_t task, lay_rect tile, int frame) {
  int32_t inst = 0;
  int g = set->scn ? sim_task_group(set->scn, &t->res, task, &inst) : -1;
  char num[16];
  if (g >= 0 && sim_group_count(set->scn, &t->res, g) <= 1) return;
  snprintf(num, sizeof num, "%d", (int)(g >= 0 ? inst + 1 : task + 1));
  int w = 0, h = 0;
  txt_size(c->txt, num, lay->font_small, 1, &w, &h);
  lay_rect b = {tile.x + frame, tile.y + frame, w + lay->pad / 2 + 2, h};
  rnd_fill_alpha(c->r, b, (rnd_rgb){0x10, 0x12, 0x16}, 215);
  txt_draw_mid(c->txt, num, lay->font_small, 1, RND_TEXT, b.x + b.w / 2, b.y, b.h, TXT_CENTER);
}

/* A task that ended in a timeout, a failure or a cancel is crossed out: a
 * mark that reads without colour, at any tile size. */
static void outcome_cross(rnd_ctx *c, lay_rect tile, int frame) {
  int inset = frame + imax(1, tile.w / 10);
  int x0 = tile.x + inset, y0 = tile.y + inset;
  int x1 = tile.x + tile.w - 1 - inset, y1 = tile.y + tile.w - 1 - inset;
  int thick = imax(1, tile.w / 16);
  SDL_SetRenderDrawColor(c->r, 0x10, 0x10, 0x10, 255);
  for (int d = -thick / 2; d <= thick / 2; d++) {
    SDL_RenderDrawLine(c->r, x0 + d, y0, x1 + d, y1);
    SDL_RenderDrawLine(c->r, x1 + d, y0, x0 + d, y1);
  }
}

/* Where a worker lane stands at `now`: a point between two tiles' centres.
 * *idle: 0 running, 1 idle, 2 holding a task that waits for the GIL or a
 * core (lane.h). */
static int worker_pos(const lay_panel *p, const trk_track *t, int lane, const view_state *v,
                      float *x, float *y, int *idle) {
  int32_t row = t->ntasks + lane;
  size_t n = trk_row_len(t, row), i = trk_row_find(t, row, v->now);
  const sim_span *cur =
      i < n && trk_row_span(t, row, i)->start <= v->now ? trk_row_span(t, row, i) : NULL;
  const sim_span *prev = i > 0 ? trk_row_span(t, row, i - 1) : NULL;
  int32_t from, to;
  double frac = 1.0;
  const trk_interval *ready;
  *idle = cur == NULL;
  if (cur) {
    to = cur->task;
    from = prev && prev->end == cur->start && prev->task >= 0 ? prev->task : to;
    double dur = (double)(cur->end - cur->start);
    if (!v->playing && cur->kind != SIM_SPAN_SWITCH) {
      from = to; /* paused on an event: stand at the task that runs */
    } else if (cur->kind == SIM_SPAN_SWITCH) {
      frac = dur > 0 ? (double)(v->now - cur->start) / dur : 1.0;
    } else if (prev && prev->kind == SIM_SPAN_SWITCH) {
      from = to; /* the walk happened during the switch */
    } else {
      /* No switch cost: glide over the first part of the span, a fifth of a
       * second of real time at most, so the move is seen at any speed. */
      double glide = fmin(dur * 0.4, v->speed * 0.2 * (double)SIM_S);
      frac = glide > 0 ? (double)(v->now - cur->start) / glide : 1.0;
    }
  } else if ((ready = trk_lane_ready_covering(t, row, v->now)) != NULL) {
    from = to = ready->task; /* holding it, waiting for the GIL or a core */
    *idle = 2;
  } else if (prev) {
    from = to = prev->task;
  } else if (i < n) {
    from = to = trk_row_span(t, row, i)->task;
  } else {
    return 0;
  }
  if (to < 0 || to >= t->ntasks) return 0;
  if (from < 0 || from >= t->ntasks) from = to;
  if (frac > 1) frac = 1;
  if (frac < 0) frac = 0;
  frac = frac * frac * (3 - 2 * frac); /* ease in and out */
  lay_rect a = lay_tile(p, from), b = lay_tile(p, to);
  float ax = a.x + a.w * 0.5f, ay = a.y + a.w * 0.5f, bx = b.x + b.w * 0.5f, by = b.y + b.w * 0.5f;
  *x = ax + (bx - ax) * (float)frac;
  *y = ay + (by - ay) * (float)frac;
  return 1;
}

/* A card names its task; when the name does not fit ("chu..." of "chunk
 * 1") and the group has a number to tell it apart, the number instead.
 * Other tiles show the number's badge. `in` is the tile inside its frame. */
static void tile_label(rnd_ctx *c, const lay_layout *lay, const trk_set *set, const trk_track *t,
                       int32_t task, lay_rect tile, lay_rect in, lay_tile_style style, int frame) {
  int32_t inst = 0;
  int g = set->scn ? sim_task_group(set->scn, &t->res, task, &inst) : -1;
  char name[96];
  rnd_row_name(set, t, task, name, sizeof name);
  int w = 0, h = 0;
  txt_size(c->txt, name, lay->font_small, 1, &w, &h);
  int named = style == LAY_TILE_CARD &&
              !(w > in.w - 6 && g >= 0 && sim_group_count(set->scn, &t->res, g) > 1);
  if (named) {
    int fw = w < in.w - 6 ? w : in.w - 6;
    rnd_fill_alpha(c->r, (lay_rect){in.x + 1, in.y + 2, fw + 4, h + 2}, RND_PANEL, 220);
    txt_draw_fit(c->txt, name, lay->font_small, 1, RND_TEXT, in.x + 3, in.y + 3, in.w - 6);
  } else {
    badge(c, lay, set, t, task, tile, frame);
  }
}

/* Workers on top: a dark ring around a white disc reads on every state
 * colour. Clipped to the scene, so a marker at the edge never covers the header. */
static void draw_workers(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                         const trk_track *t, int big) {
  SDL_Rect clip = {p->scene.x - lay->pad / 2, p->scene.y - lay->pad / 2, p->scene.w + lay->pad,
                   p->scene.h + lay->pad};
  SDL_RenderSetClipRect(c->r, &clip);
  for (int lane = 0; lane < t->nlanes; lane++) {
    float x, y;
    int idle;
    if (!worker_pos(p, t, lane, v, &x, &y, &idle)) continue;
    float u = (float)lay->scale;
    float r = big ? fminf(11.0f * u, fmaxf(6.0f * u, p->tile_w * 0.2f))
                  : fminf(8.0f * u, fmaxf(3.0f * u, p->pitch_x * 0.35f));
    if (big) {
      /* Top right; a few lanes (processes) side by side, many (threads) stacked. */
      int slot = t->nlanes <= 4 ? lane : 0;
      x += p->tile_w * 0.5f - r * 0.9f - (float)slot * r * 1.6f;
      y -= p->tile_w * 0.5f - r * 0.9f;
    } else {
      y = y - p->tile_w * 0.5f + p->tile_h * 0.5f; /* a cell's centre */
    }
    rnd_disc(c->r, x, y, r + 1.5f * u, (rnd_rgb){0x10, 0x10, 0x10}, 255);
    /* Ready: the disc in the ready colour, as the thread's row; idle: hollow. */
    rnd_rgb fill = idle == 2 ? pal_state_color(TRK_READY)
                   : idle    ? (rnd_rgb){0x10, 0x10, 0x10}
                             : RND_ACCENT;
    rnd_disc(c->r, x, y, r, fill, 255);
    if (idle == 1) rnd_disc(c->r, x, y, r * 0.55f, RND_ACCENT, 255);
    const char *name = t->res.lanes ? t->res.lanes[lane].name : "";
    if (idle != 1 && r >= 7 * lay->scale && name[0]) {
      char ini[2] = {(char)(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 32 : name[0]), 0};
      int px = (int)(r * 1.2f);
      txt_draw_mid(c->txt, ini, px, 1, (rnd_rgb){0x10, 0x10, 0x10}, (int)x, (int)(y - r),
                   (int)(2 * r), TXT_CENTER);
    }
  }
  SDL_RenderSetClipRect(c->r, NULL);
}

void rnd_draw_scene(rnd_ctx *c, const lay_layout *lay, const lay_panel *p, const view_state *v,
                    const trk_set *set) {
  const trk_track *t = &set->tracks[p->track];
  int big = p->caption_h > 0;
  int frame =
      big ? imax(2, p->tile_w / 14) : imax(2, p->tile_w / 7); /* no caption: a wider frame */
  /* Pass 1: every rectangle, queued by colour. */
  for (int32_t task = 0; task < t->ntasks; task++) {
    lay_rect tile = lay_tile(p, task);
    if (tile.y >= p->scene.y + p->scene.h) break;
    trk_state st = trk_task_state(t, task, v->now, NULL);
    rnd_queue_add(c, (int)st, tile.x, tile.y, tile.w, tile.h);
    /* A board still reads in a caption-less cell down to about 20 px. */
    if (lay_task_style(set->scn, &t->res, task) == LAY_TILE_CHESS &&
        (big || tile.w >= 20 * lay->scale))
      chess_board(c, tile, frame);
  }
  rnd_queue_flush(c);
  /* Pass 2: what cannot be queued, the timeout's cross, then text on top,
   * so no mark covers a name. */
  for (int32_t task = 0; task < t->ntasks; task++) {
    lay_rect tile = lay_tile(p, task);
    if (tile.y >= p->scene.y + p->scene.h) break;
    trk_state st = trk_task_state(t, task, v->now, NULL);
    lay_tile_style style = lay_task_style(set->scn, &t->res, task);
    if (big && style == LAY_TILE_MACHINE) machine(c, tile, frame, pal_state_color(st));
    lay_rect in = {tile.x + frame, tile.y + frame, tile.w - 2 * frame, tile.w - 2 * frame};
    if (big && style == LAY_TILE_CARD) rnd_fill(c->r, in, RND_PANEL);
    if (st == TRK_DONE && t->res.task_outcome && t->res.task_outcome[task] != SIM_OUTCOME_OK)
      outcome_cross(c, tile, frame);
    if (!big) continue;
    tile_label(c, lay, set, t, task, tile, in, style, frame);
    caption(c, lay, p, set, t, task, tile, st, v);
  }
  /* The selected task: a ring around its tile, in every strategy. */
  if (v->selected_task >= 0 && v->selected_task < t->ntasks) {
    lay_rect r = lay_tile(p, v->selected_task);
    int th = imax(2, (int)lround(2 * lay->scale));
    rnd_outline(c->r, (lay_rect){r.x - th - 1, r.y - th - 1, r.w + 2 * th + 2, r.h + 2 * th + 2},
                RND_ACCENT, th);
  }
  draw_workers(c, lay, p, v, t, big);
}

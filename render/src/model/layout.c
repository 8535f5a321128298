/* layout.c - rectangles from the window size; see layout.h. */
#include "render/layout.h"

#include <math.h>
#include <string.h>

static int px(double scale, double v) {
  return (int)lround(v * scale);
}
static int imax(int a, int b) {
  return a > b ? a : b;
}
static int imin(int a, int b) {
  return a < b ? a : b;
}

static int machine_name(const char *n) {
  return n && (strstr(n, "wash") || strstr(n, "dryer"));
}

lay_tile_style lay_tile_style_of(const scn_scenario *scn) {
  if (!scn) return LAY_TILE_CARD;
  for (int r = 0; r < scn->nresources; r++) {
    if (machine_name(scn->resources[r].name)) return LAY_TILE_MACHINE;
  }
  for (int g = 0; g < scn->ngroups; g++) {
    const char *n = scn->groups[g].name;
    if (n && strstr(n, "board")) return LAY_TILE_CHESS;
  }
  return LAY_TILE_CARD;
}

lay_tile_style lay_task_style(const scn_scenario *scn, const sim_result *r, int32_t task) {
  int32_t inst;
  int g = scn ? sim_task_group(scn, r, task, &inst) : -1;
  if (g < 0) return LAY_TILE_CARD;
  const scn_group *grp = &scn->groups[g];
  for (int k = 0; k < grp->nsteps; k++)
    if (grp->steps[k].kind == SCN_STEP_ACQUIRE &&
        machine_name(scn_resource_name(scn, grp->steps[k].resource)))
      return LAY_TILE_MACHINE;
  return grp->name && strstr(grp->name, "board") ? LAY_TILE_CHESS : LAY_TILE_CARD;
}

/* The largest tiles that fit n tasks in W x H. Tiles big enough for a chess
 * board and a caption get one; below that they become plain cells, so
 * hundreds or thousands of tasks still show as a readable grid. */
static void fit_grid(lay_panel *p, int n, int W, int H, double scale) {
  int best_c = 0, best_cols = 1, caption = px(scale, 15), gap = px(scale, 5);
  int max_c = px(scale, 116);
  if (n < 1) n = 1;
  for (int cols = 1; cols <= n; cols++) {
    int rows = (n + cols - 1) / cols;
    int c = imin(W / cols, H / rows - caption);
    if (c > max_c) c = max_c;
    if (c > best_c) best_c = c, best_cols = cols;
  }
  if (best_c - gap >= px(scale, 34)) {
    p->caption_h = caption;
    p->cols = best_cols;
    p->pitch_x = best_c;
    p->tile_w = best_c - gap;
    p->tile_h = p->tile_w + caption;
    p->pitch_y = p->tile_h + gap;
  } else {
    best_c = 0, best_cols = 1;
    for (int cols = 1; cols <= n; cols++) {
      int rows = (n + cols - 1) / cols;
      int c = imin(W / cols, H / rows);
      if (c > best_c) best_c = c, best_cols = cols;
    }
    if (best_c < 1) best_c = 1;
    gap = best_c >= 12 ? imax(1, px(scale, 2)) : best_c >= 3 ? 1 : 0;
    p->caption_h = 0;
    p->cols = best_cols;
    p->pitch_x = p->pitch_y = best_c;
    p->tile_w = p->tile_h = best_c - gap;
  }
  p->rows = (n + p->cols - 1) / p->cols;
  p->grid.w = p->cols * p->pitch_x - (p->pitch_x - p->tile_w);
  p->grid.h = p->rows * p->pitch_y - (p->pitch_y - p->tile_h);
}

/* A panel's Gantt rows in [gy, gy + gh): worker lanes pinned at the top
 * (at most a third of the height), a separator, then as many task rows as
 * fit, 2 to 18 pixels each. */
static void lay_rows(lay_panel *p, const trk_track *t, int gy, int gh, double scale) {
  p->nlanes = t->nlanes;
  int sep = t->nlanes > 0 ? px(scale, 4) : 0;
  int32_t rows_total = t->ntasks > 0 ? t->ntasks : 1;
  p->lane_h = t->nlanes > 0 ? imax(2, imin(px(scale, 16), gh / (3 * t->nlanes))) : 0;
  int task_space = gh - t->nlanes * p->lane_h - sep;
  p->row_h = (int)(task_space / rows_total);
  p->row_h = imax(imax(2, px(scale, 2)), imin(p->row_h, px(scale, 18)));
  /* Lanes no taller than the widest task row looks odd: match when tasks are tall. */
  if (p->row_h > p->lane_h && t->nlanes > 0) {
    p->lane_h = imin(p->row_h, imax(p->lane_h, (gh - sep) / (t->nlanes + rows_total)));
    task_space = gh - t->nlanes * p->lane_h - sep;
  }
  p->tasks_y = gy + t->nlanes * p->lane_h + sep;
  p->task_rows = imax(0, task_space / p->row_h);
  if (p->task_rows > t->ntasks) p->task_rows = t->ntasks;
  p->max_scroll = t->ntasks - p->task_rows;
}

/* The controls bar, left to right: transport, speed, clock; right: fit, save, keys. */
static void lay_controls(lay_layout *lay, int w, double scale) {
  int pad = lay->pad;
  int cy = lay->controls.y + (lay->controls.h - px(scale, 32)) / 2, bh = px(scale, 32);
  int x = pad;
  int widths[LAY_BTN_COUNT] = {40, 44, 40, 30, 30, 54, 92, 78};
  for (int b = LAY_BTN_PREV; b <= LAY_BTN_NEXT; b++) {
    lay->buttons[b] = (lay_rect){x, cy, px(scale, widths[b]), bh};
    x += lay->buttons[b].w + px(scale, 4);
  }
  x += px(scale, 14);
  int rx = w - pad;
  for (int b = LAY_BTN_HELP; b >= LAY_BTN_FIT; b--) {
    rx -= px(scale, widths[b]);
    lay->buttons[b] = (lay_rect){rx, cy, px(scale, widths[b]), bh};
    rx -= px(scale, 6);
  }
  int clock_w = px(scale, 280), speed_w = px(scale, 74);
  int room = rx - px(scale, 12) - x - clock_w - speed_w - 2 * px(scale, 30) - px(scale, 24);
  int slider_w = imax(px(scale, 60), imin(px(scale, 220), room));
  lay->buttons[LAY_BTN_SLOWER] = (lay_rect){x, cy, px(scale, 30), bh};
  x += px(scale, 30) + px(scale, 8);
  lay->slider = (lay_rect){x, cy + bh / 2 - px(scale, 3), slider_w, px(scale, 6)};
  x += slider_w + px(scale, 8);
  lay->buttons[LAY_BTN_FASTER] = (lay_rect){x, cy, px(scale, 30), bh};
  x += px(scale, 30) + px(scale, 6);
  lay->speed_label = (lay_rect){x, cy, speed_w, bh};
  x += speed_w + px(scale, 10);
  lay->clock_label = (lay_rect){x, cy, imax(0, imin(clock_w, rx - x)), bh};
}

void lay_compute(lay_layout *lay, int w, int h, double scale, const view_state *v,
                 const trk_set *set) {
  memset(lay, 0, sizeof *lay);
  if (scale <= 0) scale = 1;
  lay->w = w, lay->h = h, lay->scale = scale;
  lay->font = px(scale, 13);
  lay->font_small = px(scale, 11);
  lay->font_title = px(scale, 16);
  lay->pad = px(scale, 8);
  lay->style = lay_tile_style_of(set->scn);
  int pad = lay->pad;

  lay->title = (lay_rect){0, 0, w, px(scale, 36)};
  lay->legend = (lay_rect){w / 3, 0, w - w / 3 - pad, lay->title.h};
  lay->controls = (lay_rect){0, h - px(scale, 50), w, px(scale, 50)};
  lay->axis = (lay_rect){0, lay->controls.y - px(scale, 30), w, px(scale, 30)};

  int shown[TRK_MAX_TRACKS], n = 0;
  for (int k = 0; k < set->ntracks && k < v->ntracks; k++)
    if (v->shown[k]) shown[n++] = k;
  lay->npanels = n;

  int top = lay->title.y + lay->title.h, bottom = lay->axis.y - px(scale, 2);
  int gap = px(scale, 6), header_h = px(scale, 26);
  int panel_h = n > 0 ? (bottom - top - gap * (n - 1)) / n : 0;
  int body_h = panel_h - header_h - pad;
  int32_t ntasks = set->ntracks > 0 ? set->tracks[0].ntasks : 0;

  /* Every panel holds the same tasks at the same height, so one grid fits all
   * and the timelines line up under one axis. */
  lay_panel grid;
  memset(&grid, 0, sizeof grid);
  int scene_max = imax(px(scale, 120), (int)(w * 0.36));
  fit_grid(&grid, ntasks, scene_max, imax(body_h, 1), scale);
  int scene_w = grid.grid.w;
  int gutter_w = px(scale, 96);
  int gutter_x = pad + scene_w + 2 * pad;
  lay->tl_x = gutter_x + gutter_w;
  lay->tl_w = imax(1, w - pad - lay->tl_x);
  lay->axis.x = lay->tl_x;
  lay->axis.w = lay->tl_w;
  lay->ov_end = set->end > 0 ? set->end : SIM_S;

  for (int i = 0; i < n; i++) {
    lay_panel *p = &lay->panels[i];
    *p = grid;
    const trk_track *t = &set->tracks[shown[i]];
    p->track = shown[i];
    p->panel = (lay_rect){0, top + i * (panel_h + gap), w, panel_h};
    p->header = (lay_rect){pad, p->panel.y, w - 2 * pad, header_h};
    int by = p->panel.y + header_h;
    p->scene = (lay_rect){pad, by, scene_w, body_h};
    p->grid.x = pad;
    p->grid.y = by;
    /* The overview strip on top, then the Gantt below it. */
    int ov_h = px(scale, 10), ov_gap = px(scale, 5);
    p->overview = (lay_rect){lay->tl_x, by, lay->tl_w, ov_h};
    int gy = by + ov_h + ov_gap, gh = imax(1, body_h - ov_h - ov_gap);
    /* The state chart under the Gantt, when the panel has room for both. */
    int chart_h = px(scale, 30), chart_gap = px(scale, 4);
    p->chart = (lay_rect){lay->tl_x, 0, lay->tl_w, 0};
    if (gh >= px(scale, 130)) {
      gh -= chart_h + chart_gap;
      p->chart = (lay_rect){lay->tl_x, gy + gh + chart_gap, lay->tl_w, chart_h};
    }
    p->gutter = (lay_rect){gutter_x, gy, gutter_w, gh};
    p->gantt = (lay_rect){lay->tl_x, gy, lay->tl_w, gh};

    lay_rows(p, t, gy, gh, scale);
  }

  lay_controls(lay, w, scale);
}

const lay_panel *lay_panel_of(const lay_layout *lay, int track) {
  for (int i = 0; i < lay->npanels; i++)
    if (lay->panels[i].track == track) return &lay->panels[i];
  return NULL;
}

lay_rect lay_tile(const lay_panel *p, int32_t task) {
  int col = (int)(task % p->cols), row = (int)(task / p->cols);
  return (lay_rect){p->grid.x + col * p->pitch_x, p->grid.y + row * p->pitch_y, p->tile_w,
                    p->tile_h};
}

lay_rect lay_row(const lay_panel *p, const view_state *v, const trk_track *t, int32_t row) {
  if (row >= t->ntasks) {
    int lane = row - t->ntasks;
    return (lay_rect){p->gantt.x, p->gantt.y + lane * p->lane_h, p->gantt.w, p->lane_h};
  }
  int32_t k = row - v->row_scroll;
  if (k < 0 || k >= p->task_rows) return (lay_rect){p->gantt.x, 0, p->gantt.w, 0};
  return (lay_rect){p->gantt.x, p->tasks_y + (int)k * p->row_h, p->gantt.w, p->row_h};
}

int32_t lay_row_at(const lay_panel *p, const view_state *v, const trk_track *t, int y) {
  if (y < p->gantt.y || y >= p->gantt.y + p->gantt.h) return -1;
  int ly = y - p->gantt.y;
  if (p->lane_h > 0 && ly < p->nlanes * p->lane_h) return t->ntasks + ly / p->lane_h;
  if (y < p->tasks_y) return -1;
  int32_t k = (y - p->tasks_y) / p->row_h;
  if (k >= p->task_rows) return -1;
  int32_t row = k + v->row_scroll;
  return row < t->ntasks ? row : -1;
}

double lay_overview_x(const lay_layout *lay, double t) {
  return lay->tl_x + t * lay->tl_w / (double)lay->ov_end;
}

double lay_overview_time(const lay_layout *lay, double x) {
  return (x - lay->tl_x) * (double)lay->ov_end / (lay->tl_w > 0 ? lay->tl_w : 1);
}

double lay_time_x(const lay_layout *lay, const view_state *v, double t) {
  return view_time_to_x(v, t, lay->tl_x, lay->tl_w);
}

double lay_x_time(const lay_layout *lay, const view_state *v, double x) {
  return view_x_to_time(v, x, lay->tl_x, lay->tl_w);
}

view_hover lay_hit_test(const lay_layout *lay, const view_state *v, const trk_set *set, int x,
                        int y) {
  view_hover h = {VIEW_HOVER_NONE, -1, -1, -1, NULL};
  for (int b = 0; b < LAY_BTN_COUNT; b++) {
    if (lay_contains(lay->buttons[b], x, y)) {
      h.kind = VIEW_HOVER_BUTTON;
      h.button = b;
      return h;
    }
  }
  /* The slider's track is thin; its grab zone is the bar's full height. */
  lay_rect grab = {lay->slider.x - lay->pad, lay->buttons[LAY_BTN_PLAY].y,
                   lay->slider.w + 2 * lay->pad, lay->buttons[LAY_BTN_PLAY].h};
  if (lay_contains(grab, x, y)) {
    h.kind = VIEW_HOVER_SLIDER;
    return h;
  }
  if (lay_contains(lay->axis, x, y)) {
    h.kind = VIEW_HOVER_AXIS;
    return h;
  }
  for (int i = 0; i < lay->npanels; i++) {
    const lay_panel *p = &lay->panels[i];
    const trk_track *t = &set->tracks[p->track];
    if (!lay_contains(p->panel, x, y)) continue;
    h.track = p->track;
    if (lay_contains(p->grid, x, y)) {
      int col = (x - p->grid.x) / p->pitch_x, row = (y - p->grid.y) / p->pitch_y;
      int32_t task = (int32_t)row * p->cols + col;
      if (col < p->cols && task < t->ntasks && lay_contains(lay_tile(p, task), x, y)) {
        h.kind = VIEW_HOVER_TILE;
        h.row = task;
      }
      return h;
    }
    if (lay_contains(p->overview, x, y)) {
      h.kind = VIEW_HOVER_OVERVIEW;
      return h;
    }
    if (lay_contains(p->gutter, x, y)) {
      h.kind = VIEW_HOVER_GUTTER;
      h.row = lay_row_at(p, v, t, y);
      return h;
    }
    if (lay_contains(p->gantt, x, y)) {
      h.kind = VIEW_HOVER_ROW;
      h.row = lay_row_at(p, v, t, y);
      if (h.row >= 0) {
        /* Within a pixel either side, so a span narrower than a pixel can be hovered. */
        double t0 = lay_x_time(lay, v, x - 1), t1 = lay_x_time(lay, v, x + 2);
        double tm = lay_x_time(lay, v, x + 0.5);
        const sim_span *s = trk_row_at(t, h.row, (sim_time)floor(tm));
        if (!s) {
          size_t k = trk_row_find(t, h.row, (sim_time)floor(t0));
          if (k < trk_row_len(t, h.row) && (double)trk_row_span(t, h.row, k)->start < t1)
            s = trk_row_span(t, h.row, k);
        }
        h.span = s;
      }
      return h;
    }
    return h;
  }
  return h;
}

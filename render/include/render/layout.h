/* layout.h - where everything goes, in pixels, computed from the window size.
 *
 * One pure function of (output size, UI scale, view, set): the window calls it
 * every frame (it costs microseconds), `simul render` once, and the pixel
 * tests call it to find where board 1's tile or the timeline's x(2.5 s) is,
 * so a test never hard-codes a coordinate.
 *
 * Top to bottom: a title bar (scenario, legend); one panel per shown strategy
 * (a header with its clock, tasks done, makespan and speed-up; the scene of
 * tiles on the left; on the right an overview strip of the whole run, then
 * the Gantt rows: worker lanes pinned first, then tasks, which scroll when
 * they do not fit); the shared time axis; the
 * controls bar. Every timeline shares one x range, so one playhead crosses
 * them all. Sizes are logical pixels times `scale` (HiDPI: output pixels per
 * window point, times any UI zoom).
 */
#ifndef RENDER_LAYOUT_H
#define RENDER_LAYOUT_H

#include "render/track.h"
#include "render/view.h"

typedef struct lay_rect {
  int x, y, w, h;
} lay_rect;

static inline int lay_contains(lay_rect r, int x, int y) {
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

typedef enum lay_button {
  LAY_BTN_PREV,
  LAY_BTN_PLAY,
  LAY_BTN_NEXT,
  LAY_BTN_SLOWER,
  LAY_BTN_FASTER,
  LAY_BTN_FIT,
  LAY_BTN_SAVE,
  LAY_BTN_HELP,
  LAY_BTN_COUNT
} lay_button;

/* How a task's tile is drawn, guessed from the scenario (see lay_tile_style). */
typedef enum lay_tile_style { LAY_TILE_CARD, LAY_TILE_CHESS, LAY_TILE_MACHINE } lay_tile_style;

typedef struct lay_panel {
  int track; /* index into the set */
  lay_rect panel, header, scene, gutter, gantt;
  lay_rect overview; /* the whole run in proportion, above the Gantt (see lay_overview_x) */
  lay_rect chart;    /* tasks per state over time, under the Gantt; h = 0 when no room */
  /* The scene: a cols x rows grid of tiles, `pitch` apart, each tile_w x tile_h. */
  lay_rect grid;
  int cols, rows, pitch_x, pitch_y, tile_w, tile_h;
  int caption_h; /* the tile's bottom strip for "17/30"; 0 when tiles are cells */
  /* The Gantt: lane rows of lane_h at the top, a separator, then task rows of row_h. */
  int nlanes, lane_h, row_h;
  int tasks_y;        /* y of the first task row */
  int32_t task_rows;  /* task rows that fit */
  int32_t max_scroll; /* largest useful view.row_scroll */
} lay_panel;

typedef struct lay_layout {
  int w, h;
  double scale;
  int font, font_small, font_title; /* pixel sizes */
  int pad;
  lay_tile_style style;
  lay_rect title, legend;
  lay_panel panels[TRK_MAX_TRACKS];
  int npanels;
  int tl_x, tl_w;  /* the timelines' shared x range */
  sim_time ov_end; /* the overview strips' time range is [0, ov_end) */
  lay_rect axis;   /* the shared time axis: click or drag scrubs */
  lay_rect controls;
  lay_rect buttons[LAY_BTN_COUNT];
  lay_rect slider;      /* the speed slider's track */
  lay_rect speed_label; /* "120x" */
  lay_rect clock_label; /* "0:12:34 / 12:00:00" */
} lay_layout;

/* The tile style for a scenario: chess boards when a task group is named
 * "board", washing machines when a resource is a washer or dryer, else cards. */
lay_tile_style lay_tile_style_of(const scn_scenario *scn);

/* One task's tile: a machine only for tasks that acquire a washer or dryer
 * (the laundry's loads, not its checklist), a board for a group named
 * "board...", else a card. */
lay_tile_style lay_task_style(const scn_scenario *scn, const sim_result *r, int32_t task);

void lay_compute(lay_layout *lay, int w, int h, double scale, const view_state *v,
                 const trk_set *set);

/* The panel showing track k, or NULL when it is hidden. */
const lay_panel *lay_panel_of(const lay_layout *lay, int track);

/* A task's tile. */
lay_rect lay_tile(const lay_panel *p, int32_t task);

/* A track row's rect in the Gantt (rows: tasks 0..n-1, then lanes); h = 0
 * when the row is scrolled out of view. */
lay_rect lay_row(const lay_panel *p, const view_state *v, const trk_track *t, int32_t row);

/* The track row at y in panel p, or -1. */
int32_t lay_row_at(const lay_panel *p, const view_state *v, const trk_track *t, int y);

/* The x of time t on every overview strip (which show [0, set->end] across
 * the timelines' width), and back. */
double lay_overview_x(const lay_layout *lay, double t);
double lay_overview_time(const lay_layout *lay, double x);

/* The x of time t on every timeline, and back. */
double lay_time_x(const lay_layout *lay, const view_state *v, double t);
double lay_x_time(const lay_layout *lay, const view_state *v, double x);

/* What is under (x, y): a button, the slider, the axis, a tile, a Gantt row
 * and the span there (within a pixel, so narrow spans can be hovered). */
view_hover lay_hit_test(const lay_layout *lay, const view_state *v, const trk_set *set, int x,
                        int y);

#endif

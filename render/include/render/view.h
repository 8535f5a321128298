/* view.h - the window's state: the clock, playback speed, the timeline's zoom
 * and pan, what the pointer is over, which strategies are shown.
 *
 * Plain C with no SDL, so tests drive it exactly: the caller passes the real
 * time elapsed (view_update) instead of this module reading a clock, and input
 * arrives as actions and coordinates, not events. The window and `simul
 * render` both draw from a const view_state; only the functions below change
 * it.
 *
 * Units: the clock is sim_time (integer microseconds), the same as the spans,
 * so stepping to an event lands exactly on it. The timeline window is kept in
 * double microseconds because zooming multiplies by fractional factors; it is
 * converted to pixels only when drawing.
 */
#ifndef RENDER_VIEW_H
#define RENDER_VIEW_H

#include <stdint.h>

#include "render/track.h"

#define VIEW_SPEED_MIN 0.01     /* simulated seconds per real second: 10 ms last 1 s */
#define VIEW_SPEED_MAX 100000.0 /* 12 h of chess in under half a second */
/* The opening speed plays the shortest run in about this long (real seconds). */
#define VIEW_OPEN_SECONDS 25.0
/* The opening zoom shows about this much playback (real seconds) around the
 * playhead, and at least VIEW_OPEN_CYCLES typical task cycles. */
#define VIEW_OPEN_WINDOW_SECONDS 3.0
#define VIEW_OPEN_CYCLES         3.0
#define VIEW_MIN_SPAN            1000.0 /* the narrowest timeline window: 1 ms */
#define VIEW_ZOOM_STEP           1.25   /* one wheel notch */

/* Where the playhead sits in the timeline window when following playback. */
#define VIEW_FOLLOW_AT 0.92

/* What the pointer is over (filled by lay_hit_test). */
typedef enum view_hover_kind {
  VIEW_HOVER_NONE,
  VIEW_HOVER_TILE,   /* a task's tile in a scene */
  VIEW_HOVER_ROW,    /* a Gantt row (span set when one is under the pointer) */
  VIEW_HOVER_GUTTER, /* the row labels: the wheel scrolls rows here */
  VIEW_HOVER_AXIS,   /* the shared time axis: click or drag scrubs */
  VIEW_HOVER_BUTTON,
  VIEW_HOVER_SLIDER,
  VIEW_HOVER_OVERVIEW /* a strategy's overview strip: click or drag moves the window */
} view_hover_kind;

typedef struct view_hover {
  view_hover_kind kind;
  int track;            /* index into the set, -1 when none */
  int32_t row;          /* a track row: tasks first, then lanes */
  int button;           /* lay_button */
  const sim_span *span; /* the span under the pointer, or NULL */
} view_hover;

typedef enum view_drag {
  VIEW_DRAG_NONE,
  VIEW_DRAG_SCRUB,    /* moving the playhead along the axis */
  VIEW_DRAG_PAN,      /* moving the timeline window */
  VIEW_DRAG_SLIDER,   /* the speed slider */
  VIEW_DRAG_OVERVIEW, /* the window, by its mark on an overview strip */
} view_drag;

typedef enum view_action {
  VIEW_PLAY_PAUSE,
  VIEW_FASTER, /* the next 1-2-5 speed up */
  VIEW_SLOWER,
  VIEW_NEXT_EVENT, /* pauses, then moves to the next event time */
  VIEW_PREV_EVENT,
  VIEW_HOME, /* t = 0 */
  VIEW_END,  /* t = the end of the longest run */
  VIEW_FIT,  /* the timeline shows the whole run */
  VIEW_ZOOM_IN,
  VIEW_ZOOM_OUT, /* around the playhead */
  VIEW_TOGGLE_HELP,
  VIEW_TOGGLE_CRITICAL, /* highlight each run's critical path (sim/explain.h) */
  VIEW_ACTION_COUNT
} view_action;

typedef struct view_state {
  sim_time now;      /* the playhead, shared by every strategy */
  sim_time end;      /* the clock stops here: the longest makespan */
  double frac;       /* playback's sub-microsecond remainder, so slow speeds still move */
  int playing;       /* stops by itself at `end` */
  double speed;      /* simulated seconds per real second */
  double speed_open; /* the opening speed: a stop on the speed keys' ladder */
  double vstart;     /* the timeline window [vstart, vstart + vlen), microseconds */
  double vlen;
  int follow;         /* scroll the window to keep the playhead in it while playing */
  int32_t row_scroll; /* first task row shown in every timeline */
  int follow_rows;    /* open workloads: the rows follow the playhead (until a manual scroll) */
  int help;           /* the key overlay is up */
  int critical;       /* `c`: the critical path stays bright, the rest is dimmed */
  int panel;          /* the event-loop panel is up (`e`) */
  int ntracks;
  unsigned char shown[TRK_MAX_TRACKS];
  /* Pointer state, written by the input layer, read by drawing. */
  int mouse_x, mouse_y, mouse_in;
  view_hover hover;
  /* The selected task (a click on a tile or row), shown in every strategy,
   * and the strategy it was picked in; -1 when none. */
  int32_t selected_task;
  int selected_track;
  view_drag drag;
  double drag_x, drag_vstart; /* where a pan started */
  char toast[160];            /* a short message ("saved simul.png"), shown for toast_left s */
  double toast_left;
} view_state;

/* Playing from 0 at view_open_speed, every strategy shown, the timeline
 * zoomed to view_open_window around the playhead. */
void view_init(view_state *v, const trk_set *set);

/* The speed at which the shortest run lasts about VIEW_OPEN_SECONDS, rounded
 * to a round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten):
 * chess's 1:00:55 opens at 150x, webpage's 3 s at 0.12x. */
double view_open_speed(const trk_set *set);

/* The opening window's length in microseconds: VIEW_OPEN_WINDOW_SECONDS of
 * playback at `speed`, at least VIEW_OPEN_CYCLES median task cycles (a
 * task's time from its first span to its end, per repetition), at most the
 * whole run. */
double view_open_window(const trk_set *set, double speed);

/* Advances the clock by `real_seconds` x speed when playing (stops at the end)
 * and counts down the toast. */
void view_update(view_state *v, double real_seconds);

void view_apply(view_state *v, const trk_set *set, view_action action);

void view_set_playing(view_state *v, int playing);
void view_set_speed(view_state *v, double speed); /* clamped to [MIN, MAX] */

/* The speed slider is log-scale: position 0..1 maps to 0.01x..100000x. */
double view_speed_to_slider(double speed);
double view_slider_to_speed(double pos);

/* Moves the playhead to t (clamped to [0, end]), backwards as well as forwards. */
void view_seek(view_state *v, sim_time t);

/* The strategy keys act on: the one under the pointer, else the selected
 * task's, else -1 (all). */
int view_focus_track(const view_state *v);

/* The strategy the event-loop panel shows: the focused one, else the first
 * shown; -1 when the panel is down. Its tiles are under the panel. */
int view_panel_track(const view_state *v);

/* Pauses and moves to the next (dir > 0) or previous event of the focused
 * strategy (view_focus_track; all of them when none); stays put at the ends. */
void view_step(view_state *v, const trk_set *set, int dir);

/* Zooms by `factor` (> 1 zooms in) keeping the time at fraction `at` of the
 * window (the pointer's position, 0 = left edge) where it is. */
void view_zoom(view_state *v, double factor, double at);

/* Pans by `dx` pixels of a `width`-pixel timeline (dx > 0 shows earlier times). */
void view_pan_px(view_state *v, double dx, int width);

/* Centres the timeline window on t (an overview click); stops following. */
void view_center(view_state *v, double t);

/* The whole run with a small margin either side. */
void view_fit(view_state *v);

/* For an open workload whose rows follow the playhead: the first task row
 * to show, the lowest-numbered task that has not finished by now in any
 * shown strategy (tasks are numbered in arrival order), so the rows show
 * the requests in flight rather than the first ones, long done. */
int32_t view_follow_row(const view_state *v, const trk_set *set);

/* Scrolls the window (if needed) so that the playhead is inside it. */
void view_reveal_now(view_state *v);

/* Time <-> x on a timeline that starts at x0 and is w pixels wide. */
double view_time_to_x(const view_state *v, double t, int x0, int w);
double view_x_to_time(const view_state *v, double x, int x0, int w);

void view_toast(view_state *v, const char *msg);

#endif

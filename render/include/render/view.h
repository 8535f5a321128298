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

#define VIEW_SPEED_MIN     1.0      /* simulated seconds per real second */
#define VIEW_SPEED_MAX     100000.0 /* 12 h of chess in under half a second */
#define VIEW_SPEED_DEFAULT 120.0    /* chess async's hour plays in 30 s */
#define VIEW_MIN_SPAN      1000.0   /* the narrowest timeline window: 1 ms */
#define VIEW_ZOOM_STEP     1.25     /* one wheel notch */

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
  VIEW_HOVER_SLIDER
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
  VIEW_DRAG_SCRUB,  /* moving the playhead along the axis */
  VIEW_DRAG_PAN,    /* moving the timeline window */
  VIEW_DRAG_SLIDER, /* the speed slider */
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
  sim_time now;  /* the playhead, shared by every strategy */
  sim_time end;  /* the clock stops here: the longest makespan */
  double frac;   /* playback's sub-microsecond remainder, so slow speeds still move */
  int playing;   /* stops by itself at `end` */
  double speed;  /* simulated seconds per real second */
  double vstart; /* the timeline window [vstart, vstart + vlen), microseconds */
  double vlen;
  int follow;         /* scroll the window to keep the playhead in it while playing */
  int32_t row_scroll; /* first task row shown in every timeline */
  int help;           /* the key overlay is up */
  int critical;       /* `c`: the critical path stays bright, the rest is dimmed */
  int ntracks;
  unsigned char shown[TRK_MAX_TRACKS];
  /* Pointer state, written by the input layer, read by drawing. */
  int mouse_x, mouse_y, mouse_in;
  view_hover hover;
  view_drag drag;
  double drag_x, drag_vstart; /* where a pan started */
  char toast[160];            /* a short message ("saved simul.png"), shown for toast_left s */
  double toast_left;
} view_state;

/* Playing from 0 at the default speed, every strategy shown, the timeline
 * window on the shortest run (where the race is decided). */
void view_init(view_state *v, const trk_set *set);

/* Advances the clock by `real_seconds` x speed when playing (stops at the end)
 * and counts down the toast. */
void view_update(view_state *v, double real_seconds);

void view_apply(view_state *v, const trk_set *set, view_action action);

void view_set_playing(view_state *v, int playing);
void view_set_speed(view_state *v, double speed); /* clamped to [MIN, MAX] */

/* The speed slider is log-scale: position 0..1 maps to 1x..100000x. */
double view_speed_to_slider(double speed);
double view_slider_to_speed(double pos);

/* Moves the playhead to t (clamped to [0, end]), backwards as well as forwards. */
void view_seek(view_state *v, sim_time t);

/* Pauses and moves to the next (dir > 0) or previous event; stays put at the ends. */
void view_step(view_state *v, const trk_set *set, int dir);

/* Zooms by `factor` (> 1 zooms in) keeping the time at fraction `at` of the
 * window (the pointer's position, 0 = left edge) where it is. */
void view_zoom(view_state *v, double factor, double at);

/* Pans by `dx` pixels of a `width`-pixel timeline (dx > 0 shows earlier times). */
void view_pan_px(view_state *v, double dx, int width);

/* The whole run with a small margin either side. */
void view_fit(view_state *v);

/* Scrolls the window (if needed) so that the playhead is inside it. */
void view_reveal_now(view_state *v);

/* Time <-> x on a timeline that starts at x0 and is w pixels wide. */
double view_time_to_x(const view_state *v, double t, int x0, int w);
double view_x_to_time(const view_state *v, double x, int x0, int w);

void view_toast(view_state *v, const char *msg);

#endif

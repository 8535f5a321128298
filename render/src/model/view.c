/* view.c - the window's state machine: clock, speed, zoom, pan, stepping.
 * See view.h; nothing here draws or reads a clock.
 */
#include "render/view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static double clampd(double x, double lo, double hi) {
  return x < lo ? lo : x > hi ? hi : x;
}

/* The widest window: four times the run, so "fit" and a little zooming out
 * are possible but the run never shrinks to a dot. */
static double max_span(const view_state *v) {
  double e = v->end > 0 ? (double)v->end : (double)SIM_S;
  return e * 4.0;
}

void view_init(view_state *v, const trk_set *set) {
  memset(v, 0, sizeof *v);
  v->end = set->end;
  v->playing = v->end > 0;
  v->speed = VIEW_SPEED_DEFAULT;
  v->follow = 1;
  v->ntracks = set->ntracks;
  for (int k = 0; k < set->ntracks; k++) v->shown[k] = 1;
  v->hover.kind = VIEW_HOVER_NONE;
  v->hover.track = -1;

  /* Open on the shortest run: with sync vs async that is async's hour, in
   * which all 24 boards race while sync is still on board 2. The longer runs
   * scroll in as the playhead moves on (follow). */
  sim_time shortest = set->end;
  for (int k = 0; k < set->ntracks; k++)
    if (set->tracks[k].res.makespan > 0 && set->tracks[k].res.makespan < shortest)
      shortest = set->tracks[k].res.makespan;
  if (shortest <= 0 || shortest * 10 >= set->end * 9) {
    view_fit(v);
  } else {
    v->vlen = (double)shortest * 1.12;
    v->vstart = -0.01 * v->vlen;
  }
}

void view_update(view_state *v, double real_seconds) {
  if (v->toast_left > 0) v->toast_left = fmax(0.0, v->toast_left - real_seconds);
  if (!v->playing || real_seconds <= 0) return;
  double adv = v->frac + real_seconds * v->speed * (double)SIM_S;
  double whole = floor(adv);
  if ((double)v->now + whole >= (double)v->end) {
    v->now = v->end;
    v->frac = 0;
    v->playing = 0;
  } else {
    v->now += (sim_time)whole;
    v->frac = adv - whole;
  }
  if (v->follow) {
    double edge = v->vstart + VIEW_FOLLOW_AT * v->vlen;
    if ((double)v->now > edge) v->vstart = (double)v->now - VIEW_FOLLOW_AT * v->vlen;
    if ((double)v->now < v->vstart) view_reveal_now(v);
  }
}

void view_set_playing(view_state *v, int playing) {
  /* Play at the end starts over: the likeliest wish after watching a run. */
  if (playing && v->now >= v->end) {
    v->now = 0;
    v->frac = 0;
    view_reveal_now(v);
  }
  v->playing = playing && v->end > 0;
}

void view_set_speed(view_state *v, double speed) {
  if (!(speed == speed)) speed = VIEW_SPEED_DEFAULT; /* NaN from a broken slider */
  v->speed = clampd(speed, VIEW_SPEED_MIN, VIEW_SPEED_MAX);
}

/* Speeds the keys step through: 1, 2, 5, 10, 20, 50, ... 100000. */
static double speed_step(double speed, int dir) {
  double best = dir > 0 ? VIEW_SPEED_MAX : VIEW_SPEED_MIN;
  for (double decade = 1; decade <= VIEW_SPEED_MAX; decade *= 10) {
    static const double mant[] = {1, 2, 5};
    for (int i = 0; i < 3; i++) {
      double s = decade * mant[i];
      if (s > VIEW_SPEED_MAX) break;
      /* A tolerance so 120x -> 200x, but 100x -> 200x too (not 100x again). */
      if (dir > 0 && s > speed * 1.0001 && s < best) best = s;
      if (dir < 0 && s < speed / 1.0001 && s > best) best = s;
    }
  }
  return best;
}

double view_speed_to_slider(double speed) {
  return clampd(log10(clampd(speed, VIEW_SPEED_MIN, VIEW_SPEED_MAX)) / log10(VIEW_SPEED_MAX), 0, 1);
}

double view_slider_to_speed(double pos) {
  return pow(VIEW_SPEED_MAX, clampd(pos, 0, 1));
}

void view_seek(view_state *v, sim_time t) {
  v->now = t < 0 ? 0 : t > v->end ? v->end : t;
  v->frac = 0;
}

void view_reveal_now(view_state *v) {
  double t = (double)v->now;
  if (t < v->vstart || t > v->vstart + v->vlen) {
    /* Put it where following keeps it, so playing on does not jump again. */
    v->vstart = t - (t < v->vstart ? 0.1 : VIEW_FOLLOW_AT) * v->vlen;
  }
}

void view_step(view_state *v, const trk_set *set, int dir) {
  v->playing = 0;
  view_seek(v, dir > 0 ? trk_next_event(set, v->now) : trk_prev_event(set, v->now));
  view_reveal_now(v);
}

void view_zoom(view_state *v, double factor, double at) {
  if (!(factor > 0)) return;
  at = clampd(at, 0, 1);
  double t = v->vstart + at * v->vlen;
  double len = clampd(v->vlen / factor, VIEW_MIN_SPAN, max_span(v));
  v->vlen = len;
  v->vstart = t - at * len;
}

void view_pan_px(view_state *v, double dx, int width) {
  if (width <= 0) return;
  v->vstart -= dx * v->vlen / width;
  /* Keep some of the run on screen: a lost view is worse than a stop. */
  double e = (double)v->end;
  v->vstart = clampd(v->vstart, -0.9 * v->vlen, e - 0.1 * v->vlen);
  v->follow = 0;
}

void view_fit(view_state *v) {
  double e = v->end > 0 ? (double)v->end : (double)SIM_S;
  v->vlen = clampd(e * 1.04, VIEW_MIN_SPAN, max_span(v));
  v->vstart = -0.02 * e;
  v->follow = 1;
}

double view_time_to_x(const view_state *v, double t, int x0, int w) {
  return x0 + (t - v->vstart) * w / v->vlen;
}

double view_x_to_time(const view_state *v, double x, int x0, int w) {
  return w > 0 ? v->vstart + (x - x0) * v->vlen / w : v->vstart;
}

void view_toast(view_state *v, const char *msg) {
  snprintf(v->toast, sizeof v->toast, "%s", msg);
  v->toast_left = 3.0;
}

void view_apply(view_state *v, const trk_set *set, view_action action) {
  switch (action) {
  case VIEW_PLAY_PAUSE:
    view_set_playing(v, !v->playing);
    if (v->playing) v->follow = 1;
    break;
  case VIEW_FASTER:
    view_set_speed(v, speed_step(v->speed, +1));
    break;
  case VIEW_SLOWER:
    view_set_speed(v, speed_step(v->speed, -1));
    break;
  case VIEW_NEXT_EVENT:
    view_step(v, set, +1);
    break;
  case VIEW_PREV_EVENT:
    view_step(v, set, -1);
    break;
  case VIEW_HOME:
    view_seek(v, 0);
    view_reveal_now(v);
    break;
  case VIEW_END:
    view_seek(v, v->end);
    view_reveal_now(v);
    break;
  case VIEW_FIT:
    view_fit(v);
    break;
  case VIEW_ZOOM_IN:
  case VIEW_ZOOM_OUT: {
    double at = clampd(((double)v->now - v->vstart) / v->vlen, 0, 1);
    view_zoom(v, action == VIEW_ZOOM_IN ? 2.0 : 0.5, at);
    break;
  }
  case VIEW_TOGGLE_CRITICAL:
    v->critical = !v->critical;
    break;
  case VIEW_TOGGLE_HELP:
    v->help = !v->help;
    break;
  case VIEW_ACTION_COUNT:
    break;
  }
}

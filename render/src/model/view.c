/* view.c - the window's state machine: clock, speed, zoom, pan, stepping.
 * See view.h; nothing here draws or reads a clock.
 */
#include "render/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static sim_time shortest_run(const trk_set *set) {
  sim_time shortest = set->end;
  for (int k = 0; k < set->ntracks; k++)
    if (set->tracks[k].res.makespan > 0 && set->tracks[k].res.makespan < shortest)
      shortest = set->tracks[k].res.makespan;
  return shortest;
}

double view_open_speed(const trk_set *set) {
  double raw = (double)shortest_run(set) / (double)SIM_S / VIEW_OPEN_SECONDS;
  if (!(raw > VIEW_SPEED_MIN)) return VIEW_SPEED_MIN;
  if (raw >= VIEW_SPEED_MAX) return VIEW_SPEED_MAX;
  static const double mant[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
  double decade = pow(10, floor(log10(raw))), best = decade, bestd = INFINITY;
  for (size_t i = 0; i < sizeof mant / sizeof mant[0]; i++) {
    double d = fabs(log(mant[i] * decade / raw));
    if (d < bestd) bestd = d, best = mant[i] * decade;
  }
  /* Exact decimal values (0.12, not 0.12000000000000001). */
  double rounded = decade >= 1 ? best : round(best / decade * 10) / (10 / decade);
  return clampd(rounded, VIEW_SPEED_MIN, VIEW_SPEED_MAX);
}

double view_open_window(const trk_set *set, double speed) {
  double len = speed * VIEW_OPEN_WINDOW_SECONDS * (double)SIM_S;
  /* The median cycle of the shortest run's tasks. */
  const trk_track *t = NULL;
  sim_time shortest = shortest_run(set);
  for (int k = 0; k < set->ntracks && !t; k++)
    if (set->tracks[k].res.makespan == shortest) t = &set->tracks[k];
  if (t && t->ntasks > 0 && t->res.task_end) {
    double *cyc = malloc((size_t)t->ntasks * sizeof *cyc);
    int32_t n = 0;
    for (int32_t k = 0; cyc && k < t->ntasks; k++) {
      if (trk_row_len(t, k) == 0) continue;
      uint32_t reps = trk_row_span(t, k, trk_row_len(t, k) - 1)->rep + 1;
      cyc[n++] = (double)(t->res.task_end[k] - trk_row_span(t, k, 0)->start) / reps;
    }
    if (n > 0) {
      qsort(cyc, (size_t)n, sizeof *cyc, cmp_double);
      len = fmax(len, VIEW_OPEN_CYCLES * cyc[n / 2]);
    }
    free(cyc);
  }
  double whole = (set->end > 0 ? (double)set->end : (double)SIM_S) * 1.04;
  return clampd(len, VIEW_MIN_SPAN, whole);
}

void view_init(view_state *v, const trk_set *set) {
  memset(v, 0, sizeof *v);
  v->end = set->end;
  v->playing = v->end > 0;
  v->speed = v->speed_open = view_open_speed(set);
  v->follow = 1;
  v->ntracks = set->ntracks;
  for (int k = 0; k < set->ntracks; k++) v->shown[k] = 1;
  v->hover.kind = VIEW_HOVER_NONE;
  v->hover.track = -1;
  v->selected_track = -1;
  v->selected_task = -1;
  v->follow_rows = set->ntracks > 0 && set->tracks[0].res.open;
  /* A few cycles of the work around the playhead: the overview strips keep
   * the whole run in view, so the timeline can show single spans. */
  double len = view_open_window(set, v->speed);
  if (len >= (double)(set->end > 0 ? set->end : SIM_S)) {
    view_fit(v);
  } else {
    v->vlen = len;
    v->vstart = -0.02 * v->vlen;
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
  if (!(speed == speed)) speed = v->speed_open > 0 ? v->speed_open : 1; /* NaN: a broken slider */
  v->speed = clampd(speed, VIEW_SPEED_MIN, VIEW_SPEED_MAX);
}

/* Speeds the keys step through: 0.01, 0.02, 0.05, 0.1 ... 100000, and the
 * opening speed, so that it can always be reached again. */
static double speed_step(const view_state *v, int dir) {
  double speed = v->speed, best = dir > 0 ? VIEW_SPEED_MAX : VIEW_SPEED_MIN;
  static const double mant[] = {1, 2, 5};
  for (int e = -2; e <= 5; e++) {
    for (int i = 0; i < 4; i++) {
      double s = i < 3 ? mant[i] * pow(10, e) : v->speed_open;
      if (!(s >= VIEW_SPEED_MIN) || s > VIEW_SPEED_MAX) continue;
      /* A tolerance so that 100x -> 200x, not 100x again. */
      if (dir > 0 && s > speed * 1.0001 && s < best) best = s;
      if (dir < 0 && s < speed / 1.0001 && s > best) best = s;
    }
  }
  return best;
}

double view_speed_to_slider(double speed) {
  return clampd(log(clampd(speed, VIEW_SPEED_MIN, VIEW_SPEED_MAX) / VIEW_SPEED_MIN) /
                    log(VIEW_SPEED_MAX / VIEW_SPEED_MIN),
                0, 1);
}

double view_slider_to_speed(double pos) {
  return VIEW_SPEED_MIN * pow(VIEW_SPEED_MAX / VIEW_SPEED_MIN, clampd(pos, 0, 1));
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

int view_focus_track(const view_state *v) {
  int k = v->hover.track >= 0 ? v->hover.track : v->selected_track;
  return k >= 0 && k < v->ntracks && v->shown[k] ? k : -1;
}

int view_panel_track(const view_state *v) {
  if (!v->panel) return -1;
  int k = view_focus_track(v);
  for (int i = 0; k < 0 && i < v->ntracks; i++)
    if (v->shown[i]) k = i;
  return k;
}

void view_step(view_state *v, const trk_set *set, int dir) {
  v->playing = 0;
  int k = view_focus_track(v);
  view_seek(v, dir > 0 ? trk_next_event(set, k, v->now) : trk_prev_event(set, k, v->now));
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

void view_center(view_state *v, double t) {
  double e = (double)v->end;
  v->vstart = clampd(t - v->vlen / 2, -0.5 * v->vlen, e - 0.5 * v->vlen);
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

int32_t view_follow_row(const view_state *v, const trk_set *set) {
  int32_t first = -1;
  for (int k = 0; k < set->ntracks && k < v->ntracks; k++) {
    const trk_track *t = &set->tracks[k];
    if (!v->shown[k] || !t->res.task_end) continue;
    int32_t i = 0;
    while (i < t->ntasks && t->res.task_end[i] <= v->now) i++;
    if (first < 0 || i < first) first = i;
  }
  return first < 0 ? 0 : first;
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
    view_set_speed(v, speed_step(v, +1));
    break;
  case VIEW_SLOWER:
    view_set_speed(v, speed_step(v, -1));
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

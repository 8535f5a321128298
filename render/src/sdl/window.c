/* window.c - `simul view`: the SDL window and its main loop.
 *
 * One call to app_frame is one frame: drain input (turning it into view_
 * calls), advance the view by the real time elapsed, lay out, draw from the
 * const view, present. All state that moves is in view_state; this file only
 * translates SDL events and owns SDL objects.
 *
 * HiDPI: the window is created with SDL_WINDOW_ALLOW_HIGHDPI and everything
 * is laid out in output pixels (SDL_GetRendererOutputSize), at a scale of
 * output pixels per window point times the UI zoom ($SIMUL_SCALE, Ctrl +/-).
 * Mouse coordinates arrive in points and are scaled the same way.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "render/render.h"

typedef struct rnd_app {
  const trk_set *set;
  SDL_Window *win;
  SDL_Renderer *r;
  rnd_ctx ctx;
  view_state v;
  lay_layout lay;
  double ui_zoom; /* the user's factor on top of the HiDPI ratio */
  double ratio;   /* output pixels per window point */
  int quit, fullscreen, save_pending;
  int windowed_w, windowed_h; /* the size to return to from fullscreen */
  int press_x, press_y, press_button;
  int press_track;   /* where a press in the Gantt began: its track and */
  int32_t press_row; /* task row (-1 on a lane) */
  FILE *log;
  unsigned long frames;
} rnd_app;

static void app_log(rnd_app *a, const char *what) {
  if (!a->log) return;
  const view_state *v = &a->v;
  fprintf(a->log,
          "%s playing=%d speed=%g now=%lld vstart=%.0f vlen=%.0f help=%d scroll=%d selected=%d "
          "panel=%d\n",
          what, v->playing, v->speed, (long long)v->now, v->vstart, v->vlen, v->help,
          (int)v->row_scroll, (int)v->selected_task, v->panel);
  fflush(a->log);
}

/* Sizes and layout for the current window; called before input and drawing. */
static void app_layout(rnd_app *a) {
  int ow = 0, oh = 0, ww = 0, wh = 0;
  SDL_GetRendererOutputSize(a->r, &ow, &oh);
  SDL_GetWindowSize(a->win, &ww, &wh);
  a->ratio = ww > 0 ? (double)ow / ww : 1.0;
  lay_compute(&a->lay, ow, oh, a->ratio * a->ui_zoom, &a->v, a->set);
  int32_t max_scroll = 0;
  for (int i = 0; i < a->lay.npanels; i++)
    if (a->lay.panels[i].max_scroll > max_scroll) max_scroll = a->lay.panels[i].max_scroll;
  if (a->v.follow_rows) a->v.row_scroll = view_follow_row(&a->v, a->set);
  if (a->v.row_scroll > max_scroll) a->v.row_scroll = max_scroll;
  if (a->v.row_scroll < 0) a->v.row_scroll = 0;
}

static void app_hover(rnd_app *a) {
  if (a->v.mouse_in)
    a->v.hover = lay_hit_test(&a->lay, &a->v, a->set, a->v.mouse_x, a->v.mouse_y);
  else
    a->v.hover = (view_hover){VIEW_HOVER_NONE, -1, -1, -1, NULL};
}

static void app_save(rnd_app *a) {
  char path[1200], name[64];
  const char *dir = getenv("SIMUL_SHOT_DIR");
  time_t now = time(NULL);
  struct tm tmv;
  struct tm *tp = localtime(&now);
  if (tp)
    tmv = *tp;
  else
    memset(&tmv, 0, sizeof tmv);
  strftime(name, sizeof name, "simul-%Y%m%d-%H%M%S", &tmv);
  snprintf(path, sizeof path, "%s/%s.png", dir && *dir ? dir : ".", name);
  for (int k = 2; k < 100; k++) { /* never overwrite a shot taken the same second */
    FILE *f = fopen(path, "rb");
    if (!f) break;
    fclose(f);
    snprintf(path, sizeof path, "%s/%s-%d.png", dir && *dir ? dir : ".", name, k);
  }
  int ow = 0, oh = 0;
  SDL_GetRendererOutputSize(a->r, &ow, &oh);
  /* No alpha channel: a screenshot is opaque, and the PNG is smaller. */
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, ow, oh, 32, SDL_PIXELFORMAT_RGB888);
  char msg[1400];
  if (s && SDL_RenderReadPixels(a->r, NULL, SDL_PIXELFORMAT_RGB888, s->pixels, s->pitch) == 0 &&
      IMG_SavePNG(s, path) == 0) {
    snprintf(msg, sizeof msg, "saved %s", path);
  } else {
    SDL_Log("simul: cannot save %s: %s", path, SDL_GetError());
    snprintf(msg, sizeof msg, "could not save %s: %s", path, SDL_GetError());
  }
  if (s) SDL_FreeSurface(s);
  view_toast(&a->v, msg);
  app_log(a, msg);
}

static void app_button(rnd_app *a, int b) {
  static const view_action act[LAY_BTN_COUNT] = {
      [LAY_BTN_PREV] = VIEW_PREV_EVENT, [LAY_BTN_PLAY] = VIEW_PLAY_PAUSE,
      [LAY_BTN_NEXT] = VIEW_NEXT_EVENT, [LAY_BTN_SLOWER] = VIEW_SLOWER,
      [LAY_BTN_FASTER] = VIEW_FASTER,   [LAY_BTN_FIT] = VIEW_FIT,
      [LAY_BTN_HELP] = VIEW_TOGGLE_HELP};
  if (b == LAY_BTN_SAVE)
    a->save_pending = 1;
  else
    view_apply(&a->v, a->set, act[b]);
  app_log(a, "button");
}

/* A click on a tile selects its task (in every strategy); again, unselects. */
static void app_select(rnd_app *a, int track, int32_t task) {
  view_state *v = &a->v;
  if (v->selected_task == task) {
    v->selected_task = -1;
    v->selected_track = -1;
  } else {
    v->selected_task = task;
    v->selected_track = track;
  }
  app_log(a, "select");
}

static void app_fullscreen(rnd_app *a, int on) {
  /* The windowed size is kept, and put back on the way out: some window
   * managers report the screen's size until the next resize, which left the
   * title, headers and buttons laid out for the screen and cut off. */
  if (on && !a->fullscreen) SDL_GetWindowSize(a->win, &a->windowed_w, &a->windowed_h);
  if (SDL_SetWindowFullscreen(a->win, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
    SDL_Log("simul: fullscreen: %s", SDL_GetError());
  } else {
    a->fullscreen = on;
    if (!on && a->windowed_w > 0) SDL_SetWindowSize(a->win, a->windowed_w, a->windowed_h);
    SDL_RenderSetViewport(a->r, NULL);
  }
  app_layout(a);
  app_log(a, on ? "fullscreen" : "windowed");
}

/* Keys that map straight onto a view action (no modifier, repeat allowed
 * unless noted). Shift+arrows pan instead; see app_key. */
static const struct {
  SDL_Keycode key;
  view_action action;
  const char *what;
  int once; /* ignore key repeat */
} app_key_actions[] = {
    {SDLK_SPACE, VIEW_PLAY_PAUSE, "play-pause", 1},
    {SDLK_k, VIEW_PLAY_PAUSE, "play-pause", 1},
    {SDLK_RIGHT, VIEW_NEXT_EVENT, "next-event", 0},
    {SDLK_PERIOD, VIEW_NEXT_EVENT, "next-event", 0},
    {SDLK_LEFT, VIEW_PREV_EVENT, "prev-event", 0},
    {SDLK_COMMA, VIEW_PREV_EVENT, "prev-event", 0},
    {SDLK_UP, VIEW_FASTER, "faster", 0},
    {SDLK_RIGHTBRACKET, VIEW_FASTER, "faster", 0},
    {SDLK_DOWN, VIEW_SLOWER, "slower", 0},
    {SDLK_LEFTBRACKET, VIEW_SLOWER, "slower", 0},
    {SDLK_HOME, VIEW_HOME, "home", 0},
    {SDLK_END, VIEW_END, "end", 0},
    {SDLK_PLUS, VIEW_ZOOM_IN, "zoom-in", 0},
    {SDLK_EQUALS, VIEW_ZOOM_IN, "zoom-in", 0},
    {SDLK_KP_PLUS, VIEW_ZOOM_IN, "zoom-in", 0},
    {SDLK_MINUS, VIEW_ZOOM_OUT, "zoom-out", 0},
    {SDLK_KP_MINUS, VIEW_ZOOM_OUT, "zoom-out", 0},
    {SDLK_0, VIEW_FIT, "fit", 0},
    {SDLK_KP_0, VIEW_FIT, "fit", 0},
    {SDLK_h, VIEW_TOGGLE_HELP, "help", 1},
    {SDLK_F1, VIEW_TOGGLE_HELP, "help", 1},
    {SDLK_QUESTION, VIEW_TOGGLE_HELP, "help", 1},
};

/* Ctrl +/-/0: the UI's size, as in a browser. Returns 1 when handled. */
static int app_key_ui_zoom(rnd_app *a, SDL_Keycode key) {
  if (!(key == SDLK_EQUALS || key == SDLK_PLUS || key == SDLK_KP_PLUS || key == SDLK_MINUS ||
        key == SDLK_KP_MINUS || key == SDLK_0))
    return 0;
  a->ui_zoom = key == SDLK_0
                   ? 1.0
                   : a->ui_zoom * (key == SDLK_MINUS || key == SDLK_KP_MINUS ? 1 / 1.25 : 1.25);
  a->ui_zoom = fmax(0.5, fmin(4.0, a->ui_zoom));
  app_log(a, "ui-zoom");
  return 1;
}

/* Escape closes what is open, innermost first: the help, the selection,
 * fullscreen; then quits. */
static void app_key_escape(rnd_app *a) {
  view_state *v = &a->v;
  if (v->help) {
    v->help = 0;
    app_log(a, "help");
  } else if (v->selected_task >= 0) {
    v->selected_task = -1;
    v->selected_track = -1;
    app_log(a, "select");
  } else if (a->fullscreen) {
    app_fullscreen(a, 0);
  } else {
    a->quit = 1;
    app_log(a, "quit");
  }
}

/* 1..8: show or hide a strategy, keeping at least one on screen. */
static void app_key_toggle(rnd_app *a, int k) {
  view_state *v = &a->v;
  int shown = 0;
  for (int i = 0; i < a->set->ntracks; i++) shown += v->shown[i];
  if (!v->shown[k] || shown > 1) v->shown[k] = !v->shown[k];
  app_log(a, "toggle-strategy");
}

static void app_key(rnd_app *a, const SDL_KeyboardEvent *k) {
  view_state *v = &a->v;
  SDL_Keycode key = k->keysym.sym;
  int shift = (k->keysym.mod & KMOD_SHIFT) != 0, ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
  int repeat = k->repeat != 0;
  if (ctrl && app_key_ui_zoom(a, key)) return;
  if (shift && (key == SDLK_RIGHT || key == SDLK_PERIOD || key == SDLK_LEFT || key == SDLK_COMMA)) {
    int right = key == SDLK_RIGHT || key == SDLK_PERIOD;
    view_pan_px(v, (right ? -0.1 : 0.1) * a->lay.tl_w, a->lay.tl_w);
    app_log(a, "pan");
    return;
  }
  for (size_t i = 0; i < sizeof app_key_actions / sizeof app_key_actions[0]; i++) {
    if (app_key_actions[i].key != key) continue;
    if (repeat && app_key_actions[i].once) return;
    view_apply(v, a->set, app_key_actions[i].action);
    app_log(a, app_key_actions[i].what);
    return;
  }
  if (repeat && key != SDLK_q) return; /* the keys below act once per press */
  switch (key) {
  case SDLK_SLASH: /* '?' on layouts where it is Shift+/ */
    if (!shift) return;
    view_apply(v, a->set, VIEW_TOGGLE_HELP);
    app_log(a, "help");
    return;
  case SDLK_e:
    v->panel = !v->panel;
    app_log(a, "panel");
    return;
  case SDLK_s:
    a->save_pending = 1;
    return;
  case SDLK_c:
    view_apply(v, a->set, VIEW_TOGGLE_CRITICAL);
    view_toast(v, v->critical ? "critical path: on" : "critical path: off");
    app_log(a, "critical");
    return;
  case SDLK_f:
  case SDLK_F11:
    app_fullscreen(a, !a->fullscreen);
    return;
  case SDLK_q:
    a->quit = 1;
    app_log(a, "quit");
    return;
  case SDLK_ESCAPE:
    app_key_escape(a);
    return;
  default:
    if (key >= SDLK_1 && key <= SDLK_8 && key - SDLK_1 < a->set->ntracks)
      app_key_toggle(a, (int)(key - SDLK_1));
    return;
  }
}

static void app_mouse_to_output(const rnd_app *a, int x, int y, int *ox, int *oy) {
  *ox = (int)lround(x * a->ratio);
  *oy = (int)lround(y * a->ratio);
}

static void app_drag_to(rnd_app *a, int x) {
  view_state *v = &a->v;
  if (v->drag == VIEW_DRAG_SCRUB) {
    view_seek(v, (sim_time)llround(lay_x_time(&a->lay, v, x)));
  } else if (v->drag == VIEW_DRAG_PAN) {
    v->vstart = v->drag_vstart;
    view_pan_px(v, x - v->drag_x, a->lay.tl_w);
  } else if (v->drag == VIEW_DRAG_SLIDER) {
    view_set_speed(v, view_slider_to_speed((double)(x - a->lay.slider.x) / a->lay.slider.w));
  } else if (v->drag == VIEW_DRAG_OVERVIEW) {
    view_center(v, lay_overview_time(&a->lay, x));
  }
}

static void app_mouse_down(rnd_app *a, const SDL_MouseButtonEvent *e) {
  view_state *v = &a->v;
  int x, y, left = e->button == SDL_BUTTON_LEFT;
  app_mouse_to_output(a, e->x, e->y, &x, &y);
  v->mouse_x = x, v->mouse_y = y, v->mouse_in = 1;
  view_hover h = lay_hit_test(&a->lay, v, a->set, x, y);
  a->press_x = x, a->press_y = y, a->press_button = e->button;
  /* Left presses that start a drag: which drag, and what the log calls it. */
  static const struct {
    view_hover_kind on;
    view_drag drag;
    const char *what;
  } drags[] = {{VIEW_HOVER_SLIDER, VIEW_DRAG_SLIDER, "speed"},
               {VIEW_HOVER_AXIS, VIEW_DRAG_SCRUB, "scrub"},
               {VIEW_HOVER_OVERVIEW, VIEW_DRAG_OVERVIEW, "overview"}};
  for (size_t i = 0; left && i < sizeof drags / sizeof drags[0]; i++) {
    if (h.kind != drags[i].on) continue;
    v->drag = drags[i].drag;
    app_drag_to(a, x);
    app_log(a, drags[i].what);
    return;
  }
  if (left && h.kind == VIEW_HOVER_BUTTON) {
    app_button(a, h.button);
  } else if (left && h.kind == VIEW_HOVER_TILE && h.track != view_panel_track(v)) {
    app_select(a, h.track, h.row);
  } else if (h.kind == VIEW_HOVER_ROW) {
    a->press_row = h.track >= 0 && h.row < a->set->tracks[h.track].ntasks ? h.row : -1;
    a->press_track = h.track;
    v->drag = VIEW_DRAG_PAN;
    v->drag_x = x;
    v->drag_vstart = v->vstart;
  }
}

static void app_mouse_up(rnd_app *a, const SDL_MouseButtonEvent *e) {
  view_state *v = &a->v;
  int x, y;
  app_mouse_to_output(a, e->x, e->y, &x, &y);
  if (v->drag == VIEW_DRAG_PAN && a->press_button == SDL_BUTTON_LEFT && abs(x - a->press_x) < 4 &&
      abs(y - a->press_y) < 4) {
    /* A click, not a drag: the playhead jumps there, and a task's row
     * selects the task. */
    v->vstart = v->drag_vstart;
    view_seek(v, (sim_time)llround(lay_x_time(&a->lay, v, x)));
    app_log(a, "jump");
    if (a->press_row >= 0) {
      v->selected_task = a->press_row;
      v->selected_track = a->press_track;
      app_log(a, "select");
    }
  } else if (v->drag != VIEW_DRAG_NONE) {
    static const char *const what[] = {[VIEW_DRAG_PAN] = "pan",
                                       [VIEW_DRAG_SCRUB] = "scrub",
                                       [VIEW_DRAG_SLIDER] = "speed",
                                       [VIEW_DRAG_OVERVIEW] = "overview"};
    app_log(a, what[v->drag]);
  }
  v->drag = VIEW_DRAG_NONE;
}

static void app_wheel(rnd_app *a, const SDL_MouseWheelEvent *e) {
  view_state *v = &a->v;
  view_hover h = lay_hit_test(&a->lay, v, a->set, v->mouse_x, v->mouse_y);
  float wy = e->preciseY, wx = e->preciseX;
  if (e->direction == SDL_MOUSEWHEEL_FLIPPED) wy = -wy, wx = -wx;
  int shift = (SDL_GetModState() & KMOD_SHIFT) != 0;
  if (h.kind == VIEW_HOVER_GUTTER) {
    v->row_scroll -= (int32_t)lround(wy * 3);
    v->follow_rows = 0; /* the user's scroll wins */
    app_layout(a);
    app_log(a, "scroll");
  } else if (h.kind == VIEW_HOVER_SLIDER) {
    view_apply(v, a->set, wy > 0 ? VIEW_FASTER : VIEW_SLOWER);
    app_log(a, "speed");
  } else if (h.kind == VIEW_HOVER_ROW || h.kind == VIEW_HOVER_AXIS) {
    if (shift || fabsf(wx) > fabsf(wy)) {
      float d = fabsf(wx) > fabsf(wy) ? -wx : wy;
      view_pan_px(v, d * 40 * a->lay.scale, a->lay.tl_w);
      app_log(a, "pan");
    } else {
      double at = (v->mouse_x - a->lay.tl_x) / (double)a->lay.tl_w;
      view_zoom(v, pow(VIEW_ZOOM_STEP, wy), at);
      app_log(a, "zoom");
    }
  }
}

static void app_event(rnd_app *a, const SDL_Event *e) {
  view_state *v = &a->v;
  int x, y;
  switch (e->type) {
  case SDL_QUIT:
    a->quit = 1;
    app_log(a, "quit");
    break;
  case SDL_KEYDOWN:
    app_key(a, &e->key);
    break;
  case SDL_WINDOWEVENT:
    if (e->window.event == SDL_WINDOWEVENT_LEAVE) v->mouse_in = 0;
    if (e->window.event == SDL_WINDOWEVENT_ENTER) v->mouse_in = 1;
    if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
      SDL_RenderSetViewport(a->r, NULL); /* the whole new size, not the old one */
      app_layout(a);
    }
    break;
  case SDL_MOUSEMOTION:
    app_mouse_to_output(a, e->motion.x, e->motion.y, &x, &y);
    v->mouse_x = x, v->mouse_y = y, v->mouse_in = 1;
    app_drag_to(a, x);
    break;
  case SDL_MOUSEBUTTONDOWN:
    app_mouse_down(a, &e->button);
    break;
  case SDL_MOUSEBUTTONUP:
    app_mouse_up(a, &e->button);
    break;
  case SDL_MOUSEWHEEL:
    app_wheel(a, &e->wheel);
    break;
  default:
    break;
  }
}

static int app_frame(rnd_app *a, double dt) {
  SDL_Event e;
  app_layout(a);
  while (SDL_PollEvent(&e)) app_event(a, &e);
  view_update(&a->v, dt);
  app_layout(a);
  app_hover(a);
  rnd_draw_frame(&a->ctx, &a->lay, &a->v, a->set);
  if (a->save_pending) {
    a->save_pending = 0;
    app_save(a); /* reads the frame just drawn, before it is presented */
  }
  SDL_RenderPresent(a->r);
  if (a->frames++ == 0) app_log(a, "ready");
  return !a->quit;
}

/* A 32x32 chess-board icon, drawn rather than shipped as a file. */
static void app_icon(SDL_Window *win) {
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 32, 32, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!s) return;
  for (int y = 0; y < 32; y++)
    for (int x = 0; x < 32; x++) {
      int dark = ((x / 8) + (y / 8)) & 1;
      int edge = x < 2 || y < 2 || x > 29 || y > 29;
      uint32_t c = edge ? 0xffd55e00u : dark ? 0xff8a765eu : 0xffeee4d0u;
      ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x] = c;
    }
  SDL_SetWindowIcon(win, s);
  SDL_FreeSurface(s);
}

static void app_close(rnd_app *a) {
  txt_destroy(a->ctx.txt);
  rnd_ctx_free(&a->ctx);
  if (a->r) SDL_DestroyRenderer(a->r);
  if (a->win) SDL_DestroyWindow(a->win);
  if (a->log) fclose(a->log);
  SDL_Quit();
}

/* Video drivers that "open" windows nobody can see: SDL falls back to them
 * when the real one fails (with DISPLAY naming a server that is not there,
 * SDL 2.26 ends up on "offscreen" and the window runs invisibly forever). */
static int invisible_driver(const char *drv) {
  return drv &&
         (strcmp(drv, "dummy") == 0 || strcmp(drv, "offscreen") == 0 || strcmp(drv, "evdev") == 0);
}

/* Initialises SDL's video, or says why there is no display (SDL left shut). */
static int app_init_video(sim_error *err) {
  const char *drv_env = getenv("SDL_VIDEODRIVER");
  int chosen = drv_env && *drv_env;
#if defined(__unix__) && !defined(__APPLE__)
  /* With neither variable set there is no X11 or Wayland session to reach;
   * asking SDL anyway makes libwayland print its own complaint first. */
  const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
  if (!(x11 && *x11) && !(wl && *wl) && !chosen)
    return sim_fail(err, RND_NO_DISPLAY,
                    "error: cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are "
                    "unset); try `simul render` for a PNG");
  /* Only the session the environment names: a failed X11 connection must
   * not fall through to Wayland's complaint or an invisible driver. */
  if (!chosen) SDL_SetHint(SDL_HINT_VIDEODRIVER, wl && *wl ? "wayland,x11" : "x11");
#endif
  if (invisible_driver(drv_env)) /* refused before SDL opens anything */
    return sim_fail(err, RND_NO_DISPLAY,
                    "error: cannot open a window: no display (video driver %s)", drv_env);
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    const char *x = getenv("DISPLAY");
    sim_fail(err, RND_NO_DISPLAY,
             "error: cannot open a window on %s: %s; try `simul render` for a PNG",
             x && *x ? x : "this display", SDL_GetError());
    SDL_Quit();
    return RND_NO_DISPLAY;
  }
  const char *drv = SDL_GetCurrentVideoDriver();
  if (invisible_driver(drv)) {
    sim_fail(err, RND_NO_DISPLAY, "error: cannot open a window: no display (video driver %s)", drv);
    SDL_Quit();
    return RND_NO_DISPLAY;
  }
  return 0;
}

int rnd_view_probe(sim_error *err) {
  int rc = app_init_video(err);
  if (rc == 0) SDL_Quit();
  return rc;
}

int rnd_view_main(const trk_set *set, const rnd_view_opts *opts, sim_error *err) {
  rnd_app a;
  memset(&a, 0, sizeof a);
  a.set = set;
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
  int rc = app_init_video(err);
  if (rc != 0) return rc;
  char regular[1024], bold[1024];
  if (txt_find_fonts(regular, bold, sizeof regular) != 0) {
    SDL_Quit();
    return sim_fail(err, RND_ENOFONT, "error: " RND_NOFONT_MSG);
  }
  int w = opts && opts->width > 0 ? opts->width : 1280;
  int h = opts && opts->height > 0 ? opts->height : 760;
  char title[300];
  snprintf(title, sizeof title, "simul \xe2\x80\x94 %s",
           set->scn && set->scn->name ? set->scn->name : "view");
  a.win = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h,
                           SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!a.win) {
    sim_fail(err, RND_NO_DISPLAY, "error: cannot open a window: %s", SDL_GetError());
    app_close(&a);
    return RND_NO_DISPLAY;
  }
  SDL_SetWindowMinimumSize(a.win, 800, 520);
  app_icon(a.win);
  a.r = SDL_CreateRenderer(a.win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!a.r) {
    SDL_Log("simul: no accelerated renderer (%s); using software", SDL_GetError());
    a.r = SDL_CreateRenderer(a.win, -1, SDL_RENDERER_SOFTWARE);
  }
  if (!a.r) {
    sim_fail(err, RND_EFAIL, "error: cannot create a renderer: %s", SDL_GetError());
    app_close(&a);
    return RND_EFAIL;
  }
  a.ctx.r = a.r;
  a.ctx.txt = txt_create(a.r, regular, bold);
  if (!a.ctx.txt) {
    sim_fail(err, RND_ENOFONT, "%s: error: %s; " RND_NOFONT_MSG, regular, SDL_GetError());
    app_close(&a);
    return RND_ENOFONT;
  }
  const char *zoom = getenv("SIMUL_SCALE");
  a.ui_zoom = zoom && atof(zoom) > 0 ? fmax(0.5, fmin(4.0, atof(zoom))) : 1.0;
  const char *logp = getenv("SIMUL_VIEW_LOG");
  if (logp && *logp && !(a.log = fopen(logp, "w"))) SDL_Log("simul: cannot write %s", logp);

  view_init(&a.v, set);
  if (opts && opts->speed > 0) view_set_speed(&a.v, opts->speed);
  if (opts && opts->paused) a.v.playing = 0;

  /* Frames are paced by vsync when the renderer has it, else by a 60 Hz
   * sleep; when nothing moves (paused, no drag, no toast) the loop sleeps in
   * SDL_WaitEventTimeout instead of redrawing an identical frame. */
  SDL_RendererInfo info;
  int vsync = SDL_GetRendererInfo(a.r, &info) == 0 && (info.flags & SDL_RENDERER_PRESENTVSYNC);
  uint64_t freq = SDL_GetPerformanceFrequency(), prev = SDL_GetPerformanceCounter();
  app_frame(&a, 0); /* the first frame at once: the window never shows garbage */
  while (!a.quit) {
    int idle = !a.v.playing && a.v.drag == VIEW_DRAG_NONE && a.v.toast_left <= 0;
    if (idle) SDL_WaitEventTimeout(NULL, 250);
    uint64_t now = SDL_GetPerformanceCounter();
    double dt = (double)(now - prev) / (double)freq;
    prev = now;
    if (dt > 0.1) dt = 0.1; /* a stall (window drag, breakpoint) must not jump the clock */
    app_frame(&a, dt);
    if (!vsync) {
      double spent = (double)(SDL_GetPerformanceCounter() - now) / (double)freq;
      if (spent < 1.0 / 60) SDL_Delay((uint32_t)((1.0 / 60 - spent) * 1000));
    }
  }
  app_log(&a, "exit");
  app_close(&a);
  return RND_OK;
}

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
  int press_x, press_y, press_button;
  FILE *log;
  unsigned long frames;
} rnd_app;

static void app_log(rnd_app *a, const char *what) {
  if (!a->log) return;
  const view_state *v = &a->v;
  fprintf(a->log, "%s playing=%d speed=%g now=%lld vstart=%.0f vlen=%.0f help=%d scroll=%d\n", what,
          v->playing, v->speed, (long long)v->now, v->vstart, v->vlen, v->help, (int)v->row_scroll);
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

static void app_fullscreen(rnd_app *a, int on) {
  if (SDL_SetWindowFullscreen(a->win, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0)
    SDL_Log("simul: fullscreen: %s", SDL_GetError());
  else
    a->fullscreen = on;
  app_log(a, on ? "fullscreen" : "windowed");
}

static void app_key(rnd_app *a, const SDL_KeyboardEvent *k) {
  view_state *v = &a->v;
  SDL_Keycode key = k->keysym.sym;
  int shift = (k->keysym.mod & KMOD_SHIFT) != 0, ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
  int repeat = k->repeat != 0;
  const char *what = NULL;
  if (ctrl && (key == SDLK_EQUALS || key == SDLK_PLUS || key == SDLK_KP_PLUS || key == SDLK_MINUS ||
               key == SDLK_KP_MINUS || key == SDLK_0)) {
    /* Ctrl +/-/0: the UI's size, as in a browser. */
    a->ui_zoom = key == SDLK_0
                     ? 1.0
                     : a->ui_zoom * (key == SDLK_MINUS || key == SDLK_KP_MINUS ? 1 / 1.25 : 1.25);
    a->ui_zoom = fmax(0.5, fmin(4.0, a->ui_zoom));
    app_log(a, "ui-zoom");
    return;
  }
  switch (key) {
  case SDLK_SPACE:
  case SDLK_k:
    if (repeat) return;
    view_apply(v, a->set, VIEW_PLAY_PAUSE);
    what = "play-pause";
    break;
  case SDLK_RIGHT:
  case SDLK_PERIOD:
    if (shift) {
      view_pan_px(v, -a->lay.tl_w * 0.1, a->lay.tl_w);
      what = "pan";
    } else {
      view_apply(v, a->set, VIEW_NEXT_EVENT);
      what = "next-event";
    }
    break;
  case SDLK_LEFT:
  case SDLK_COMMA:
    if (shift) {
      view_pan_px(v, a->lay.tl_w * 0.1, a->lay.tl_w);
      what = "pan";
    } else {
      view_apply(v, a->set, VIEW_PREV_EVENT);
      what = "prev-event";
    }
    break;
  case SDLK_UP:
  case SDLK_RIGHTBRACKET:
    view_apply(v, a->set, VIEW_FASTER);
    what = "faster";
    break;
  case SDLK_DOWN:
  case SDLK_LEFTBRACKET:
    view_apply(v, a->set, VIEW_SLOWER);
    what = "slower";
    break;
  case SDLK_HOME:
    view_apply(v, a->set, VIEW_HOME);
    what = "home";
    break;
  case SDLK_END:
    view_apply(v, a->set, VIEW_END);
    what = "end";
    break;
  case SDLK_PLUS:
  case SDLK_EQUALS:
  case SDLK_KP_PLUS:
    view_apply(v, a->set, VIEW_ZOOM_IN);
    what = "zoom-in";
    break;
  case SDLK_MINUS:
  case SDLK_KP_MINUS:
    view_apply(v, a->set, VIEW_ZOOM_OUT);
    what = "zoom-out";
    break;
  case SDLK_0:
  case SDLK_KP_0:
    view_apply(v, a->set, VIEW_FIT);
    what = "fit";
    break;
  case SDLK_h:
  case SDLK_F1:
  case SDLK_QUESTION:
    if (repeat) return;
    view_apply(v, a->set, VIEW_TOGGLE_HELP);
    what = "help";
    break;
  case SDLK_SLASH:
    if (repeat || !shift) return;
    view_apply(v, a->set, VIEW_TOGGLE_HELP);
    what = "help";
    break;
  case SDLK_s:
    if (repeat) return;
    a->save_pending = 1;
    return;
  case SDLK_c:
    if (repeat) return;
    view_apply(v, a->set, VIEW_TOGGLE_CRITICAL);
    view_toast(v, v->critical ? "critical path: on" : "critical path: off");
    what = "critical";
    break;
  case SDLK_f:
  case SDLK_F11:
    if (repeat) return;
    app_fullscreen(a, !a->fullscreen);
    return;
  case SDLK_q:
    a->quit = 1;
    what = "quit";
    break;
  case SDLK_ESCAPE:
    if (repeat) return;
    if (v->help) {
      v->help = 0;
      what = "help";
    } else if (a->fullscreen) {
      app_fullscreen(a, 0);
      return;
    } else {
      a->quit = 1;
      what = "quit";
    }
    break;
  default:
    if (key >= SDLK_1 && key <= SDLK_8 && key - SDLK_1 < a->set->ntracks && !repeat) {
      int k2 = key - SDLK_1, shown = 0;
      for (int i = 0; i < a->set->ntracks; i++) shown += v->shown[i];
      if (!v->shown[k2] || shown > 1) v->shown[k2] = !v->shown[k2]; /* keep one on screen */
      what = "toggle-strategy";
      break;
    }
    return;
  }
  app_log(a, what);
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
    if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) app_layout(a);
    break;
  case SDL_MOUSEMOTION:
    app_mouse_to_output(a, e->motion.x, e->motion.y, &x, &y);
    v->mouse_x = x, v->mouse_y = y, v->mouse_in = 1;
    app_drag_to(a, x);
    break;
  case SDL_MOUSEBUTTONDOWN: {
    app_mouse_to_output(a, e->button.x, e->button.y, &x, &y);
    v->mouse_x = x, v->mouse_y = y, v->mouse_in = 1;
    view_hover h = lay_hit_test(&a->lay, v, a->set, x, y);
    a->press_x = x, a->press_y = y, a->press_button = e->button.button;
    if (e->button.button == SDL_BUTTON_LEFT && h.kind == VIEW_HOVER_BUTTON) {
      app_button(a, h.button);
    } else if (e->button.button == SDL_BUTTON_LEFT && h.kind == VIEW_HOVER_SLIDER) {
      v->drag = VIEW_DRAG_SLIDER;
      app_drag_to(a, x);
      app_log(a, "speed");
    } else if (e->button.button == SDL_BUTTON_LEFT && h.kind == VIEW_HOVER_AXIS) {
      v->drag = VIEW_DRAG_SCRUB;
      app_drag_to(a, x);
      app_log(a, "scrub");
    } else if (h.kind == VIEW_HOVER_ROW) {
      v->drag = VIEW_DRAG_PAN;
      v->drag_x = x;
      v->drag_vstart = v->vstart;
    }
    break;
  }
  case SDL_MOUSEBUTTONUP:
    app_mouse_to_output(a, e->button.x, e->button.y, &x, &y);
    if (v->drag == VIEW_DRAG_PAN && a->press_button == SDL_BUTTON_LEFT && abs(x - a->press_x) < 4 &&
        abs(y - a->press_y) < 4) {
      /* A click, not a drag: the playhead jumps there. */
      v->vstart = v->drag_vstart;
      view_seek(v, (sim_time)llround(lay_x_time(&a->lay, v, x)));
      app_log(a, "jump");
    } else if (v->drag != VIEW_DRAG_NONE) {
      app_log(a, v->drag == VIEW_DRAG_PAN ? "pan" : v->drag == VIEW_DRAG_SCRUB ? "scrub" : "speed");
    }
    v->drag = VIEW_DRAG_NONE;
    break;
  case SDL_MOUSEWHEEL: {
    view_hover h = lay_hit_test(&a->lay, v, a->set, v->mouse_x, v->mouse_y);
    float wy = e->wheel.preciseY, wx = e->wheel.preciseX;
    if (e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED) wy = -wy, wx = -wx;
    int shift = (SDL_GetModState() & KMOD_SHIFT) != 0;
    if (h.kind == VIEW_HOVER_GUTTER) {
      v->row_scroll -= (int32_t)lround(wy * 3);
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
    break;
  }
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

/* Initialises SDL's video, or says why there is no display (SDL left shut). */
static int app_init_video(sim_error *err) {
#if defined(__unix__) && !defined(__APPLE__)
  /* With neither variable set there is no X11 or Wayland session to reach;
   * asking SDL anyway makes libwayland print its own complaint first. */
  const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
  const char *drv_env = getenv("SDL_VIDEODRIVER");
  if (!(x11 && *x11) && !(wl && *wl) && !(drv_env && *drv_env))
    return sim_fail(err, RND_NO_DISPLAY,
                    "error: cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are "
                    "unset); try `simul render` for a PNG");
#endif
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    sim_fail(err, RND_NO_DISPLAY, "error: cannot open a window: %s", SDL_GetError());
    SDL_Quit();
    return RND_NO_DISPLAY;
  }
  /* The dummy driver opens "windows" nobody can see: that is no display. */
  const char *drv = SDL_GetCurrentVideoDriver();
  if (drv && strcmp(drv, "dummy") == 0) {
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

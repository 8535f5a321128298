/* render.h - the window (`simul view`) and the same frame drawn to a PNG with
 * no display (`simul render`).
 *
 * Both take a trk_set (see track.h: the runs, recorded once) and draw it with
 * the same code: layout.h places things, the draw modules paint a const
 * view_state. This header has no SDL in it, so the app and the tests need no
 * SDL headers; the library links SDL2, SDL2_ttf, SDL2_image and fontconfig.
 *
 * Return codes: 0, RND_EFAIL (1: an SDL failure, message in err), RND_ENOFONT
 * (2: no usable font; err says to install fonts-dejavu-core), RND_NO_DISPLAY
 * (3: no window can be opened; `simul` then falls back to the table).
 */
#ifndef RENDER_RENDER_H
#define RENDER_RENDER_H

#include <stdint.h>

#include "render/layout.h"
#include "render/palette.h"
#include "render/track.h"
#include "render/view.h"

enum { RND_OK = 0, RND_EFAIL = 1, RND_ENOFONT = 2, RND_NO_DISPLAY = 3 };

#define RND_NOFONT_MSG "cannot find a font: install fonts-dejavu-core"

/* The UI scale `simul render` uses for a size when none is given: 1 from
 * 800x520 to 1280x720-ish, growing with the image so a 3840x2160 frame looks
 * like a 1280x720 one drawn at 3x (crisp, not tiny), and shrinking below
 * 800x520 (to 0.6 at most) so a small image is a smaller frame, not a
 * jumble. */
double rnd_auto_scale(int width, int height);

typedef struct rnd_view_opts {
  int width, height; /* the window's initial size in points; 0: 1280x760 */
  double speed;      /* 0: view_open_speed (the shortest run in about 25 s) */
  int paused;        /* open paused at t = 0 */
} rnd_view_opts;

/* Whether a window could open here: 0, or RND_NO_DISPLAY with err saying
 * why. Cheap (initialises SDL's video and shuts it down), so `simul view`
 * asks before simulating, and plain `simul` falls back to the table at once. */
int rnd_view_probe(sim_error *err);

/* Opens the window and runs it until it is closed. Environment: SIMUL_FONT
 * (a font file instead of fontconfig's DejaVu Sans), SIMUL_SCALE (UI scale
 * factor), SIMUL_SHOT_DIR (where `s` saves), SIMUL_VIEW_LOG (a file that gets
 * one line per input and state change, for end-to-end tests). */
int rnd_view_main(const trk_set *set, const rnd_view_opts *opts, sim_error *err);

typedef struct rnd_image_opts {
  int width, height;                   /* 0: 1280x720 */
  double scale;                        /* 0: rnd_auto_scale */
  sim_time at;                         /* the playhead; < 0: half the shortest run ("mid-race") */
  unsigned char shown[TRK_MAX_TRACKS]; /* all zero: every strategy */
  int pointer, pointer_x, pointer_y;   /* draw the hover at (x, y), as the window would */
  int keys;                            /* draw the key overlay (`h`) */
  /* The timeline window: 0 the window's opening view, 1 [win_start,
   * win_end) as after zooming, 2 the whole run (Fit). */
  int window;
  sim_time win_start, win_end;
  int32_t select; /* the selected task + 1 (a click on its tile); 0: none */
  int panel;      /* draw the event-loop panel (`e`) */
} rnd_image_opts;

/* Draws one frame at opts->at to a PNG file, with the software renderer. */
int rnd_render_png(const trk_set *set, const rnd_image_opts *opts, const char *path,
                   sim_error *err);

/* The view `simul render` draws: the window's opening view, paused at `at`
 * (shown in the timeline). Tests use it to find where things are. */
void rnd_image_view(view_state *v, const trk_set *set, const rnd_image_opts *opts);

/* An offscreen canvas, for tests and the benchmark: draw a view, read pixels. */
typedef struct rnd_canvas rnd_canvas;

rnd_canvas *rnd_canvas_open(int width, int height, double scale, sim_error *err);
/* Lays out and draws one frame; the layout used is then rnd_canvas_layout's. */
void rnd_canvas_draw(rnd_canvas *cv, const view_state *v, const trk_set *set);
const lay_layout *rnd_canvas_layout(const rnd_canvas *cv);
rnd_rgb rnd_canvas_pixel(const rnd_canvas *cv, int x, int y);
int rnd_canvas_save(rnd_canvas *cv, const char *path, sim_error *err);
/* Strings rendered to textures so far, and cache hits: text is made once. */
void rnd_canvas_text_stats(const rnd_canvas *cv, unsigned long *misses, unsigned long *hits);
void rnd_canvas_close(rnd_canvas *cv);

/* Reads a PNG (e.g. one `simul render` wrote) as packed RGB rows; free() it. */
uint8_t *rnd_png_read(const char *path, int *width, int *height);

#endif

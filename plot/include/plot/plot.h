/* plot.h - line charts drawn with PLplot's cairo driver, as PNG, SVG or PDF.
 *
 * Plain data in, a file out: nothing here knows about scenarios or runs, and
 * the one entry point, plt_draw, is all a caller needs: simul loads the
 * module (simul-plot.so) with dlopen only when a plot is asked for.
 * Colours follow the window's palette: the dark background and the
 * Okabe-Ito colours, which stay distinct for the common colour-vision
 * deficiencies.
 */
#ifndef PLOT_PLOT_H
#define PLOT_PLOT_H

#include <stddef.h>
#include <string.h>

/* A line: y[i] at x[i] (NAN: a gap), err[i] the half-width of an error bar
 * (NULL: none). dashed: a bound, drawn thinner. */
typedef struct plt_series {
  const char *name;
  const double *y;
  const double *err;
  int color; /* index into the palette, cycled */
  int dashed;
} plt_series;

/* A marked point (a knee): a ring, and `text` beside it. */
typedef struct plt_marker {
  double x, y;
  const char *text;
  int color;
} plt_marker;

/* A vertical line across the plot (a capacity), named in the legend. */
typedef struct plt_vline {
  double x;
  const char *name;
  int color;
} plt_vline;

typedef struct plt_figure {
  const char *title;
  const char *subtitle; /* a smaller line under the title (why the knee is there); may be NULL */
  const char *xlabel, *ylabel; /* with their units: "boards", "makespan (h)" */
  int n;
  const double *x; /* [n], ascending */
  const plt_series *series;
  int nseries;
  const plt_marker *markers;
  int nmarkers;
  const plt_vline *vlines;
  int nvlines;
  int width, height; /* pixels (PNG) or points (SVG, PDF); 0: 1280 x 800 */
} plt_figure;

/* The format of `path` from its extension (any case): "pngcairo",
 * "svgcairo", "pdfcairo" (PLplot's device names), or NULL. Inline, so that
 * checking a --plot argument needs no symbol of the library. */
static inline const char *plt_device(const char *path) {
  static const char *const ext[] = {"png", "svg", "pdf"};
  static const char *const dev[] = {"pngcairo", "svgcairo", "pdfcairo"};
  const char *dot = path ? strrchr(path, '.') : NULL;
  if (!dot || strchr(dot, '/') || strlen(dot + 1) != 3) return NULL;
  for (int i = 0; i < 3; i++) {
    int same = 1;
    for (int k = 0; k < 3; k++) same &= (dot[1 + k] | 0x20) == ext[i][k];
    if (same) return dev[i];
  }
  return NULL;
}

/* Draws the figure into `path`, its format from the extension. Returns 0, or
 * -1 with a message in err ("cannot write 'x.png': ..."). */
int plt_draw(const plt_figure *fig, const char *path, char *err, size_t errsize);

/* plt_draw's type, for the dlsym of the module (simul-plot.so). */
typedef int (*plt_draw_fn)(const plt_figure *fig, const char *path, char *err, size_t errsize);

#endif

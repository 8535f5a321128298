/* plot.h - line charts drawn with PLplot's cairo driver, as PNG, SVG or PDF.
 *
 * Plain data in, a file out: nothing here knows about scenarios or runs, so
 * the one entry point, plt_draw, is all a caller needs (and all a later
 * change has to look up to load this library only when a plot is asked for).
 * Colours follow the window's palette: the dark background and the
 * Okabe-Ito colours, which stay distinct for the common colour-vision
 * deficiencies.
 */
#ifndef PLOT_PLOT_H
#define PLOT_PLOT_H

#include <stddef.h>

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

/* 0 when `path` ends in .png, .svg or .pdf (any case), else -1. */
int plt_format_ok(const char *path);

/* Draws the figure into `path`, its format from the extension. Returns 0, or
 * -1 with a message in err ("cannot write 'x.png': ..."). */
int plt_draw(const plt_figure *fig, const char *path, char *err, size_t errsize);

#endif

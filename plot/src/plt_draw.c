/* plt_draw.c - a line chart through PLplot's cairo driver; see plot.h.
 *
 * PLplot keeps one global stream and calls exit() on a fatal error, so the
 * file is checked for writability before PLplot sees it, and the function
 * is for one thread at a time (simul draws after the sweep's threads end).
 */
#include <errno.h>
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/plot.h"

/* The window's chrome (render/palette.h) and the Okabe-Ito series colours,
 * repeated here because plot/ links no window code. */
static const unsigned char plt_bg[3] = {0x17, 0x1a, 0x1f};
static const unsigned char plt_fg[3] = {0xe8, 0xea, 0xed};
static const unsigned char plt_dim[3] = {0x4a, 0x50, 0x5a};
static const unsigned char plt_colors[][3] = {
    {0xd5, 0x5e, 0x00}, /* vermillion */
    {0x56, 0xb4, 0xe9}, /* sky blue */
    {0x00, 0x9e, 0x73}, /* bluish green */
    {0xf0, 0xe4, 0x42}, /* yellow */
    {0xcc, 0x79, 0xa7}, /* reddish purple */
    {0xe6, 0x9f, 0x00}, /* orange */
    {0x00, 0x72, 0xb2}, /* blue */
};
enum { PLT_NCOLORS = sizeof plt_colors / sizeof plt_colors[0] };
enum { PLT_BG = 0, PLT_FG = 1, PLT_DIM = 2, PLT_FIRST = 3 };

static int plt_color(int i) {
  return PLT_FIRST + ((i % PLT_NCOLORS) + PLT_NCOLORS) % PLT_NCOLORS;
}

/* y range over the lines, their error bars and the markers; time-like
 * metrics start at 0 so the eye reads ratios right. */
static void plt_yrange(const plt_figure *fig, double *lo, double *hi) {
  double mn = INFINITY, mx = -INFINITY;
  for (int s = 0; s < fig->nseries; s++) {
    for (int i = 0; i < fig->n; i++) {
      double y = fig->series[s].y[i], e = fig->series[s].err ? fig->series[s].err[i] : 0;
      if (!isfinite(y)) continue;
      if (y - e < mn) mn = y - e;
      if (y + e > mx) mx = y + e;
    }
  }
  if (!isfinite(mn)) mn = 0, mx = 1;
  if (mn > 0) mn = 0;
  if (mx <= mn) mx = mn + 1;
  *lo = mn;
  *hi = mx + (mx - mn) * 0.06;
}

/* A log axis when the lines span more than PLT_LOG_RATIO and are all
 * positive: sync's 24 h would otherwise flatten async's knee at half an hour
 * into the floor. */
#define PLT_LOG_RATIO 20.0

static int plt_want_log(const plt_figure *fig) {
  double mn = INFINITY, mx = 0;
  for (int s = 0; s < fig->nseries; s++) {
    if (fig->series[s].dashed) continue;
    for (int i = 0; i < fig->n; i++) {
      double y = fig->series[s].y[i];
      if (!isfinite(y)) continue;
      if (y <= 0) return 0;
      if (y < mn) mn = y;
      if (y > mx) mx = y;
    }
  }
  return isfinite(mn) && mx / mn > PLT_LOG_RATIO;
}

/* log10 range over every positive value, widened to whole decades' edges. */
static void plt_log_range(const plt_figure *fig, double *lo, double *hi) {
  double mn = INFINITY, mx = -INFINITY;
  for (int s = 0; s < fig->nseries; s++)
    for (int i = 0; i < fig->n; i++) {
      double y = fig->series[s].y[i];
      if (!isfinite(y) || y <= 0) continue;
      if (y < mn) mn = y;
      if (y > mx) mx = y;
    }
  *lo = floor(log10(mn) * 4) / 4;
  *hi = ceil(log10(mx) * 4 + 0.2) / 4;
}

static double plt_y(double y, int logy);

/* Log ticks as plain numbers (0.1, 1, 10), not 10 to the power. */
static void plt_log_label(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data) {
  (void)axis;
  (void)data;
  snprintf(label, (size_t)length, "%g", pow(10, value));
}

/* Which corner the legend covers least of: the fraction of every line's
 * points inside a box of the legend's rough size there. */
static PLINT plt_legend_corner(const plt_figure *fig, double xmin, double xmax, double ylo,
                               double yhi, int logy) {
  static const PLINT corners[4] = {
      PL_POSITION_TOP | PL_POSITION_LEFT, PL_POSITION_TOP | PL_POSITION_RIGHT,
      PL_POSITION_BOTTOM | PL_POSITION_RIGHT, PL_POSITION_BOTTOM | PL_POSITION_LEFT};
  int count[4] = {0, 0, 0, 0};
  for (int s = 0; s < fig->nseries; s++) {
    for (int i = 0; i < fig->n; i++) {
      double y = plt_y(fig->series[s].y[i], logy);
      if (!isfinite(y)) continue;
      double u = (fig->x[i] - xmin) / (xmax - xmin), v = (y - ylo) / (yhi - ylo);
      int left = u<0.5, top = v> 0.62, bottom = v < 0.38;
      int w = fig->series[s].dashed ? 1 : 2; /* hiding a measured line costs more */
      if (top && left) count[0] += w;
      if (top && !left) count[1] += w;
      if (bottom && !left) count[2] += w;
      if (bottom && left) count[3] += w;
    }
  }
  int best = 0;
  for (int c = 1; c < 4; c++)
    if (count[c] < count[best]) best = c;
  return corners[best];
}

static double plt_y(double y, int logy) {
  if (!logy) return y;
  return y > 0 ? log10(y) : NAN;
}

/* A line with gaps where y is not finite. */
static void plt_polyline(const double *x, const double *y, int n) {
  int start = -1;
  for (int i = 0; i <= n; i++) {
    int ok = i < n && isfinite(y[i]);
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      if (i - start >= 2)
        plline(i - start, x + start, y + start);
      else
        plpoin(1, x + start, y + start, 17);
      start = -1;
    }
  }
}

int plt_draw(const plt_figure *fig, const char *path, char *err, size_t errsize) {
  const char *dev = plt_device(path);
  if (!dev) {
    snprintf(err, errsize, "cannot draw '%s': the name must end in .png, .svg or .pdf", path);
    return -1;
  }
  FILE *probe = fopen(path, "wb");
  if (!probe) {
    snprintf(err, errsize, "cannot write '%s': %s", path, strerror(errno));
    return -1;
  }
  fclose(probe);
  if (fig->n < 1 || fig->nseries < 1) {
    snprintf(err, errsize, "cannot draw '%s': nothing to plot", path);
    return -1;
  }
  int w = fig->width > 0 ? fig->width : 1280, h = fig->height > 0 ? fig->height : 800;
  char geometry[32];
  snprintf(geometry, sizeof geometry, "%dx%d", w, h);

  plsdev(dev);
  plsfnam(path);
  plsetopt("geometry", geometry);
  plscolbg(plt_bg[0], plt_bg[1], plt_bg[2]);
  plscol0(PLT_FG, plt_fg[0], plt_fg[1], plt_fg[2]);
  plscol0(PLT_DIM, plt_dim[0], plt_dim[1], plt_dim[2]);
  for (int i = 0; i < PLT_NCOLORS; i++)
    plscol0(PLT_FIRST + i, plt_colors[i][0], plt_colors[i][1], plt_colors[i][2]);
  plinit();
  pladv(0);
  /* Big type: the figure is meant for a slide. */
  plschr(0, 1.45);
  plvpor(0.14, 0.97, 0.15, fig->subtitle && *fig->subtitle ? 0.87 : 0.90);

  double xmin = fig->x[0], xmax = fig->x[fig->n - 1];
  if (xmax <= xmin) xmax = xmin + 1;
  double span = xmax - xmin, ylo, yhi;
  /* A capacity just past the sweep's end is worth showing: widen to it. */
  for (int v = 0; v < fig->nvlines; v++) {
    double x = fig->vlines[v].x;
    if (x > xmax && x <= xmax + span * 0.25) xmax = x + span * 0.02;
    if (x < xmin && x >= xmin - span * 0.25) xmin = x - span * 0.02;
  }
  plt_yrange(fig, &ylo, &yhi);
  int logy = plt_want_log(fig);
  if (logy) plt_log_range(fig, &ylo, &yhi);
  plwind(xmin, xmax, ylo, yhi);

  plcol0(PLT_DIM);
  plwidth(1);
  if (logy) plslabelfunc(plt_log_label, NULL);
  plbox("g", 0, 0, logy ? "gl" : "g", 0, 0);
  plcol0(PLT_FG);
  plbox("bcnst", 0, 0, logy ? "bcnstvlo" : "bcnstv", 0, 0);
  plslabelfunc(NULL, NULL);
  char ylabel[256];
  snprintf(ylabel, sizeof ylabel, "%s%s", fig->ylabel ? fig->ylabel : "",
           logy ? ", log scale" : "");
  pllab(fig->xlabel ? fig->xlabel : "", ylabel, "");
  plschr(0, 1.2);
  plmtex("t", fig->subtitle && *fig->subtitle ? 3.2 : 2.2, 0.5, 0.5, fig->title ? fig->title : "");
  if (fig->subtitle && *fig->subtitle) {
    plschr(0, strlen(fig->subtitle) > 90 ? 0.8 : 0.95);
    plcol0(PLT_FG);
    plmtex("t", 1.6, 0.5, 0.5, fig->subtitle);
  }
  plschr(0, 1.45);

  int nleg = fig->nseries + fig->nvlines + (fig->nmarkers > 0);
  PLINT *opt = calloc((size_t)nleg + 1, sizeof *opt);
  PLINT *tcol = calloc((size_t)nleg + 1, sizeof *tcol);
  PLINT *lcol = calloc((size_t)nleg + 1, sizeof *lcol);
  PLINT *lsty = calloc((size_t)nleg + 1, sizeof *lsty);
  PLFLT *lwid = calloc((size_t)nleg + 1, sizeof *lwid);
  PLINT *scol = calloc((size_t)nleg + 1, sizeof *scol);
  PLFLT *sscale = calloc((size_t)nleg + 1, sizeof *sscale);
  PLINT *snum = calloc((size_t)nleg + 1, sizeof *snum);
  const char **text = calloc((size_t)nleg + 1, sizeof *text);
  const char **sym = calloc((size_t)nleg + 1, sizeof *sym);
  char(*off)[160] = calloc((size_t)fig->nvlines + 1, sizeof *off);
  double *lo = malloc(((size_t)fig->n + 1) * sizeof *lo),
         *hi = malloc(((size_t)fig->n + 1) * sizeof *hi);
  double *ly = malloc(((size_t)fig->n + 1) * sizeof *ly);
  if (!ly || !opt || !tcol || !lcol || !lsty || !lwid || !scol || !sscale || !snum || !text ||
      !sym || !off || !lo || !hi) {
    plend();
    snprintf(err, errsize, "cannot draw '%s': out of memory", path);
    free(opt), free(tcol), free(lcol), free(lsty), free(lwid), free(scol), free(sscale);
    free(snum), free((void *)text), free((void *)sym), free(off), free(lo), free(hi), free(ly);
    return -1;
  }

  int k = 0, nsolid = 0;
  for (int s = 0; s < fig->nseries; s++) nsolid += !fig->series[s].dashed;
  /* Bounds first, under the measured lines; each measured line wider than
   * the ones drawn after it, so two that coincide (async and a thread pool
   * on the same curve) both stay visible. */
  for (int pass = 0, solid = 0; pass < 2; pass++) {
    for (int s = 0; s < fig->nseries; s++) {
      const plt_series *se = &fig->series[s];
      if ((pass == 0) != (se->dashed != 0)) continue;
      plcol0(plt_color(se->color));
      pllsty(se->dashed ? 2 : 1);
      plwidth(se->dashed ? 2.0 : 3.0 + 2.5 * (nsolid - 1 - solid));
      solid += !se->dashed;
      for (int i = 0; i < fig->n; i++) ly[i] = plt_y(se->y[i], logy);
      plt_polyline(fig->x, ly, fig->n);
      if (se->err) {
        pllsty(1);
        plwidth(1.5);
        for (int i = 0; i < fig->n; i++) {
          lo[i] = plt_y(se->y[i] - se->err[i], logy);
          hi[i] = plt_y(se->y[i] + se->err[i], logy);
        }
        plerry(fig->n, fig->x, lo, hi);
      }
    }
  }
  /* The legend names the measured lines first, then the bounds. */
  for (int pass = 0; pass < 2; pass++) {
    for (int s = 0; s < fig->nseries; s++) {
      const plt_series *se = &fig->series[s];
      if ((pass == 1) != (se->dashed != 0)) continue;
      opt[k] = PL_LEGEND_LINE;
      tcol[k] = PLT_FG;
      lcol[k] = plt_color(se->color);
      lsty[k] = se->dashed ? 2 : 1;
      lwid[k] = se->dashed ? 2.0 : 3.5;
      text[k] = se->name ? se->name : "";
      k++;
    }
  }
  pllsty(1);
  for (int v = 0; v < fig->nvlines; v++) {
    double x = fig->vlines[v].x;
    int inside = x >= xmin && x <= xmax;
    if (inside) {
      double xs[2] = {x, x}, ys[2] = {ylo, yhi};
      plcol0(plt_color(fig->vlines[v].color));
      pllsty(3);
      plwidth(2.0);
      plline(2, xs, ys);
      pllsty(1);
      snprintf(off[v], sizeof off[v], "%s (%.3g)", fig->vlines[v].name, x);
      opt[k] = PL_LEGEND_LINE;
      tcol[k] = PLT_FG;
      lcol[k] = plt_color(fig->vlines[v].color);
      lsty[k] = 3;
      lwid[k] = 2.0;
      text[k] = off[v];
      k++;
    }
    /* A line off the chart stays out of the legend too: the table says it. */
  }
  plssym(0, 2.2);
  for (int m = 0; m < fig->nmarkers; m++) {
    const plt_marker *mk = &fig->markers[m];
    PLFLT x = mk->x, y = plt_y(mk->y, logy);
    plcol0(PLT_FG);
    plwidth(2.5);
    plpoin(1, &x, &y, 4); /* a ring around the point */
    plschr(0, 1.3);
    plptex(x + (xmax - xmin) * 0.015, y - (yhi - ylo) * 0.06, 1, 0, 0, mk->text ? mk->text : "");
    plschr(0, 1.45);
  }
  if (fig->nmarkers > 0) {
    opt[k] = PL_LEGEND_SYMBOL;
    tcol[k] = PLT_FG;
    scol[k] = PLT_FG;
    sscale[k] = 2.2;
    snum[k] = 1;
    sym[k] = "\xe2\x97\x8b"; /* U+25CB WHITE CIRCLE */
    text[k] = "knee (Kneedle)";
    k++;
  }
  PLFLT lw, lh;
  plschr(0, 1.2);
  plwidth(1);
  pllegend(&lw, &lh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           plt_legend_corner(fig, xmin, xmax, ylo, yhi, logy) | PL_POSITION_INSIDE, 0.02, 0.02,
           0.06, PLT_BG, PLT_DIM, 1, 0, 0, k, opt, 1.0, 1.0, 2.0, 0.0, tcol,
           (const char *const *)text, NULL, NULL, NULL, NULL, lcol, lsty, lwid, scol, sscale, snum,
           (const char *const *)sym);
  plend();
  free(opt), free(tcol), free(lcol), free(lsty), free(lwid), free(scol), free(sscale);
  free(snum), free((void *)text), free((void *)sym), free(off), free(lo), free(hi), free(ly);
  return 0;
}

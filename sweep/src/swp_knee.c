/* swp_knee.c - Kneedle (Satopaa, Albrecht, Irwin, Raghavan: "Finding a
 * 'Kneedle' in a Haystack", ICDCSW 2011), offline, for one knee.
 *
 * Both axes are scaled to [0, 1]; y is scaled from its first value to its
 * last, so a rising curve (makespan against tasks: load starts to hurt) and a
 * falling one (makespan against workers: more stops paying) become the same
 * problem. The difference curve d = y' - x' is the scaled curve's distance
 * from the chord between its ends; the knee is the point where |d| is
 * largest. The paper's sensitivity threshold exists to find knees in a
 * stream; offline, one maximum is the answer, with SWP_KNEE_MIN so that a
 * straight line (sync's 1800 s per board) has none.
 */
#include <math.h>

#include "sweep/sweep.h"

int swp_knee(const double *x, const double *y, int n) {
  if (n < 3) return -1;
  double x0 = x[0], xr = x[n - 1] - x[0], y0 = y[0], yr = y[n - 1] - y[0];
  if (!(xr > 0) || yr == 0 || !isfinite(yr)) return -1;
  /* Scaling blows noise up to the full range: a curve that moves less than
   * SWP_KNEE_FLAT of its size end to end (async's p95 at 140 ms, give or
   * take half a millisecond) is flat, and a flat curve has no knee. */
  double big = 0;
  for (int i = 0; i < n; i++)
    if (fabs(y[i]) > big) big = fabs(y[i]);
  if (fabs(yr) < SWP_KNEE_FLAT * big) return -1;
  int best = -1;
  double best_d = SWP_KNEE_MIN;
  for (int i = 1; i < n - 1; i++) {
    double d = fabs((y[i] - y0) / yr - (x[i] - x0) / xr);
    /* Strictly greater: on a tie the first point wins, so the answer
     * depends on nothing but the curve. */
    if (d > best_d) {
      best_d = d;
      best = i;
    }
  }
  return best;
}

/**
 * Isotonic calibration of scores, as scikit-learn's
 * IsotonicRegression(y_min=0, y_max=1, increasing=True, out_of_bounds="clip"): fitted on labeled
 * reference records, it maps a raw score to the share of positives among records scored like it,
 * non-decreasing in the score.
 */

/** The fitted step-and-ramp function: knots in increasing x, linearly interpolated between. */
export interface IsotonicCalibration {
  x: Float64Array;
  y: Float64Array;
}

/** np.finfo(np.float64).resolution: scores closer than this to a run's first score join the run. */
const TIE_RESOLUTION = 1e-15;

/**
 * Fits label (0/1) on score. Step by step as scikit-learn's `_build_y`:
 * 1. sort by score, then label (np.lexsort);
 * 2. merge ties (`_make_unique`): a score less than 1e-15 above the current run's first score
 *    belongs to that run; each run becomes one point, its label the run's mean, its weight its size;
 * 3. pool adjacent violators (`_inplace_contiguous_isotonic_regression`): neighbours that are not
 *    strictly increasing merge into their weighted mean, backtracking so one pass suffices;
 * 4. clip to [0, 1] (a no-op for 0/1 labels) and drop knots equal to both neighbours.
 * Needs at least one record.
 */
export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicCalibration {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || labels[a] - labels[b]);

  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  let runX = scores[order[0]];
  let runSum = 0;
  let runWeight = 0;
  for (const i of order) {
    if (scores[i] - runX >= TIE_RESOLUTION) {
      xs.push(runX);
      ys.push(runSum / runWeight);
      ws.push(runWeight);
      runX = scores[i];
      runSum = 0;
      runWeight = 0;
    }
    runSum += labels[i];
    runWeight += 1;
  }
  xs.push(runX);
  ys.push(runSum / runWeight);
  ws.push(runWeight);

  poolAdjacentViolators(ys, ws);

  const clipped = ys.map((y) => Math.min(1, Math.max(0, y)));
  const keptX: number[] = [];
  const keptY: number[] = [];
  for (let i = 0; i < clipped.length; i++) {
    const interior = i > 0 && i < clipped.length - 1;
    if (interior && clipped[i] === clipped[i - 1] && clipped[i] === clipped[i + 1]) continue;
    keptX.push(xs[i]);
    keptY.push(clipped[i]);
  }
  return { x: Float64Array.from(keptX), y: Float64Array.from(keptY) };
}

/**
 * In place: replaces y by its weighted isotonic (non-decreasing) regression. Blocks are kept as
 * `end[start] = last index, end[last] = start`; the first entry of a block holds its mean and weight.
 */
function poolAdjacentViolators(y: number[], w: number[]): void {
  const n = y.length;
  const end = Array.from({ length: n }, (_, i) => i);
  let i = 0;
  while (i < n) {
    let k = end[i] + 1;
    if (k === n) break;
    if (y[i] < y[k]) {
      i = k;
      continue;
    }
    let sumWy = w[i] * y[i];
    let sumW = w[i];
    for (;;) {
      const previous = y[k];
      sumWy += w[k] * y[k];
      sumW += w[k];
      k = end[k] + 1;
      if (k === n || previous < y[k]) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        end[i] = k - 1;
        end[k - 1] = i;
        if (i > 0) i = end[i - 1];
        break;
      }
    }
  }
  for (let start = 0; start < n;) {
    const next = end[start] + 1;
    for (let j = start + 1; j < next; j++) y[j] = y[start];
    start = next;
  }
}

/**
 * The calibrated probability of one score: clipped to the fitted range, then linearly interpolated
 * between the two knots around it (scipy's interp1d: the first knot at or above the score and the
 * one before).
 */
export function calibrate(calibration: IsotonicCalibration, score: number): number {
  const { x, y } = calibration;
  if (x.length === 1) return y[0];
  const clipped = Math.min(Math.max(score, x[0]), x[x.length - 1]);
  let low = 0;
  let high = x.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (x[middle] < clipped) low = middle + 1;
    else high = middle;
  }
  const upper = Math.min(Math.max(low, 1), x.length - 1);
  const lower = upper - 1;
  const slope = (y[upper] - y[lower]) / (x[upper] - x[lower]);
  return slope * (clipped - x[lower]) + y[lower];
}

import type { Histogram } from "./binning";
import { sum } from "./float";

/**
 * Jensen–Shannon distance in bits between the two samples' bin frequencies
 * (scipy.spatial.distance.jensenshannon(ref, cur, base=2)): the square root of the mean
 * Kullback–Leibler divergence of each distribution from their average. Between 0 and 1.
 */
export function jensenShannonDistance({ reference, current }: Histogram): number {
  const nRef = sum(reference);
  const nCur = sum(current);
  let fromReference = 0;
  let fromCurrent = 0;
  for (let bin = 0; bin < reference.length; bin++) {
    const p = reference[bin] / nRef;
    const q = current[bin] / nCur;
    const mean = (p + q) / 2;
    fromReference += relativeEntropy(p, mean);
    fromCurrent += relativeEntropy(q, mean);
  }
  // Rounding can leave −1e-17 for identical distributions: the distance is then 0, not NaN.
  return Math.sqrt(Math.max(0, (fromReference + fromCurrent) / Math.LN2 / 2));
}

/** scipy.special.rel_entr: p·ln(p/m), and 0 where p is 0. */
function relativeEntropy(p: number, mean: number): number {
  return p > 0 ? p * Math.log(p / mean) : 0;
}

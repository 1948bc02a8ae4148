import { forEachDistinct } from "./sorted";

/** Floor on the reference's spread, so a constant reference does not divide by zero (Evidently's choice). */
const MIN_SCALE = 0.001;

/**
 * Earth mover's distance between the two samples (scipy.stats.wasserstein_distance), divided by
 * the reference's population standard deviation so that the 0.1 threshold means "a tenth of a
 * standard deviation" whatever the feature's unit. Both samples ascending.
 */
export function normalizedWasserstein(reference: Float64Array, current: Float64Array): number {
  return wassersteinDistance(reference, current) / Math.max(populationStd(reference), MIN_SCALE);
}

/** ∫ |F_ref(x) − F_cur(x)| dx: the area between the two empirical CDFs, step by step. */
function wassersteinDistance(a: Float64Array, b: Float64Array): number {
  let inA = 0;
  let inB = 0;
  let previous = Number.NaN;
  let area = 0;
  forEachDistinct(a, b, (value, countA, countB) => {
    if (inA + inB > 0) area += Math.abs(inA / a.length - inB / b.length) * (value - previous);
    inA += countA;
    inB += countB;
    previous = value;
  });
  return area;
}

/** numpy.std (ddof = 0), two-pass so that a large common offset does not swamp the spread. */
function populationStd(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  const mean = total / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

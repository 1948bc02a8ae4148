import type { Histogram } from "./binning";
import { sum } from "./float";

/** Stands in for an empty bin's share, which would otherwise make ln(cur/ref) infinite. */
const EMPTY_BIN_SHARE = 0.0001;

/** Population stability index: Σ (cur − ref)·ln(cur/ref) over bin shares. Never negative: each term is ≥ 0. */
export function populationStabilityIndex({ reference, current }: Histogram): number {
  const nRef = sum(reference);
  const nCur = sum(current);
  let index = 0;
  for (let bin = 0; bin < reference.length; bin++) {
    const ref = reference[bin] / nRef || EMPTY_BIN_SHARE;
    const cur = current[bin] / nCur || EMPTY_BIN_SHARE;
    index += (cur - ref) * Math.log(cur / ref);
  }
  return index;
}

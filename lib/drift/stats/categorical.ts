import type { CategoryCounts } from "./feature";
import { sum } from "./float";
import { chiSquareSf, normalSf } from "./special";

export interface TestOutcome {
  statistic: number | null;
  pValue: number;
}

/** Both samples hold one and the same value: nothing can have moved, and the test statistics would be 0/0. */
const NO_CHANGE: TestOutcome = { statistic: 0, pValue: 1 };

/**
 * Two-proportion z-test on the share of the first category (Evidently's proportions_diff_z_test):
 * statistic |z| with the pooled standard error, p = 2·P(Z > |z|). For two categories which
 * one is counted does not change |z|.
 */
export function twoProportionZTest(counts: CategoryCounts): TestOutcome {
  if (counts.keys.length === 1) return NO_CHANGE;
  const nRef = sum(counts.reference);
  const nCur = sum(counts.current);
  const pRef = counts.reference[0] / nRef;
  const pCur = counts.current[0] / nCur;
  const pooled = (pRef * nRef + pCur * nCur) / (nRef + nCur);
  const z = Math.abs((pRef - pCur) / Math.sqrt(pooled * (1 - pooled) * (1 / nRef + 1 / nCur)));
  return { statistic: z, pValue: 2 * normalSf(z) };
}

/**
 * Pearson's chi-square goodness of fit of the current counts to the reference's proportions
 * (scipy.stats.chisquare(current, reference · n_cur/n_ref)), k − 1 degrees of freedom over the
 * k categories of either sample. A category the reference never saw has expected count 0 and
 * an infinite statistic: reported as statistic null, p-value 0.
 */
export function chiSquareTest(counts: CategoryCounts): TestOutcome {
  const { reference, current } = counts;
  if (reference.some((expected, slot) => expected === 0 && current[slot] > 0)) return { statistic: null, pValue: 0 };
  if (counts.keys.length === 1) return NO_CHANGE;
  const scale = sum(current) / sum(reference);
  let statistic = 0;
  for (let slot = 0; slot < reference.length; slot++) {
    const expected = reference[slot] * scale;
    statistic += (current[slot] - expected) ** 2 / expected;
  }
  return { statistic, pValue: chiSquareSf(statistic, counts.keys.length - 1) };
}

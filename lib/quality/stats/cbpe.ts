/**
 * Confidence-based performance estimation (CBPE, as NannyML introduced it): a binary classifier's
 * quality estimated from its own calibrated probabilities, before any label has arrived. If a
 * record with calibrated probability p is positive with probability p, then in expectation it adds
 * p to TP and 1 − p to FP when predicted 1, and p to FN and 1 − p to TN when predicted 0.
 */
import type { Confusion } from "./binary";

/**
 * The expected confusion matrix of records with calibrated probabilities `p` and predictions (0/1):
 * TP = Σ_{ŷ=1} p, FP = Σ_{ŷ=1} (1 − p), FN = Σ_{ŷ=0} p, TN = Σ_{ŷ=0} (1 − p). Accuracy, precision,
 * recall and F1 follow from it with the same functions realized quality uses.
 */
export function expectedConfusion(p: ArrayLike<number>, predictions: ArrayLike<number>): Confusion {
  const matrix: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < p.length; i++) {
    if (predictions[i] === 1) {
      matrix.tp += p[i];
      matrix.fp += 1 - p[i];
    } else {
      matrix.fn += p[i];
      matrix.tn += 1 - p[i];
    }
  }
  return matrix;
}

/**
 * The area under the expected ROC curve. For each distinct calibrated probability t from high to
 * low, TPR(t) = Σ_{p≥t} p / Σ p and FPR(t) = Σ_{p≥t} (1 − p) / Σ (1 − p); the curve starts at
 * (0, 0) and its points are joined by the trapezoid rule. Null when Σ p or Σ (1 − p) is zero (every
 * record certainly negative, or certainly positive: no ROC curve exists).
 */
export function expectedRocAuc(p: ArrayLike<number>): number | null {
  const sorted = Float64Array.from(p).sort().reverse();
  let positive = 0;
  let negative = 0;
  let previousPositive = 0;
  let previousNegative = 0;
  let doubledArea = 0;
  for (let i = 0; i < sorted.length; i++) {
    positive += sorted[i];
    negative += 1 - sorted[i];
    if (i === sorted.length - 1 || sorted[i + 1] !== sorted[i]) {
      doubledArea += (negative - previousNegative) * (positive + previousPositive);
      previousPositive = positive;
      previousNegative = negative;
    }
  }
  if (positive === 0 || negative === 0) return null;
  return doubledArea / 2 / (positive * negative);
}

/**
 * Binary classification metrics, each equal to scikit-learn's on the same records (positive class
 * 1). Labels and predictions are 0 or 1; scores are the model's probability of class 1. Every
 * function answers null where the metric is undefined (no records, or one class only for ROC AUC),
 * never NaN.
 */
import type { DrawnStatistic } from "./intervals";
import { weightOf, type Weights } from "./weights";

/** A binary confusion matrix. Counts for realized quality; expected (fractional) counts for CBPE. */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function confusionOf(labels: ArrayLike<number>, predictions: ArrayLike<number>, weights?: Weights): Confusion {
  const matrix: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const weight = weightOf(weights, i);
    if (predictions[i] === 1) {
      if (labels[i] === 1) matrix.tp += weight;
      else matrix.fp += weight;
    } else if (labels[i] === 1) matrix.fn += weight;
    else matrix.tn += weight;
  }
  return matrix;
}

function total(matrix: Confusion): number {
  return matrix.tp + matrix.fp + matrix.fn + matrix.tn;
}

/** accuracy_score: the share of records predicted right. */
export function accuracyOf(matrix: Confusion): number | null {
  const n = total(matrix);
  return n === 0 ? null : (matrix.tp + matrix.tn) / n;
}

/** precision_score(zero_division=0): 0 when nothing was predicted positive. */
export function precisionOf(matrix: Confusion): number | null {
  if (total(matrix) === 0) return null;
  const predictedPositive = matrix.tp + matrix.fp;
  return predictedPositive === 0 ? 0 : matrix.tp / predictedPositive;
}

/** recall_score(zero_division=0): 0 when no record is positive. */
export function recallOf(matrix: Confusion): number | null {
  if (total(matrix) === 0) return null;
  const positive = matrix.tp + matrix.fn;
  return positive === 0 ? 0 : matrix.tp / positive;
}

/**
 * f1_score(zero_division=0) as scikit-learn computes it since 1.3: 2·tp / (true positives +
 * predicted positives), 0 when both are empty (not 2·P·R / (P + R), which differs in the last bits).
 */
export function f1Of(matrix: Confusion): number | null {
  if (total(matrix) === 0) return null;
  const denominator = matrix.tp + matrix.fn + (matrix.tp + matrix.fp);
  return denominator === 0 ? 0 : (2 * matrix.tp) / denominator;
}

/**
 * Each record's score as its position among the distinct scores, computed once so that each
 * bootstrap resample of ROC AUC only re-counts (no sort per resample).
 */
export interface RankedScores {
  labels: ArrayLike<number>;
  /** Index of each record's score among the distinct scores, ascending. */
  rank: Uint32Array;
  distinct: number;
}

export function rankByScore(labels: ArrayLike<number>, scores: ArrayLike<number>): RankedScores {
  const sorted = Float64Array.from(scores).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  const rank = new Uint32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    let low = 0;
    let high = distinct - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] < scores[i]) low = middle + 1;
      else high = middle;
    }
    rank[i] = low;
  }
  return { labels, rank, distinct };
}

/**
 * roc_auc_score on the scores: the area under the ROC curve through (0, 0) and one point per
 * distinct score from high to low, by the trapezoid rule, so that tied scores across the classes
 * count one half. Summed in counts and divided once at the end (Σ Δfp · (tp + tp′) / 2 ÷ (P · N)):
 * exact for any realistic number of records, where scikit-learn's rates carry rounding of order
 * 1e-16. Null with one class only (scikit-learn warns and answers NaN).
 */
export function rocAucOf(ranked: RankedScores, weights?: Weights): number | null {
  const positives = new Float64Array(ranked.distinct);
  const negatives = new Float64Array(ranked.distinct);
  for (let i = 0; i < ranked.rank.length; i++) {
    if (ranked.labels[i] === 1) positives[ranked.rank[i]] += weightOf(weights, i);
    else negatives[ranked.rank[i]] += weightOf(weights, i);
  }
  return rocAucOfCounts(positives, negatives);
}

/**
 * ROC AUC for the bootstrap, one drawn record at a time: the per-score counts of positives and
 * negatives are kept between draws (two arrays for all resamples), so a resample costs its draws
 * and one pass over the distinct scores. Equal to `rocAucOf` with the draws as weights.
 */
export function rocAucOfDraws(ranked: RankedScores): DrawnStatistic {
  const positives = new Float64Array(ranked.distinct);
  const negatives = new Float64Array(ranked.distinct);
  const { labels, rank } = ranked;
  return {
    start() {
      positives.fill(0);
      negatives.fill(0);
    },
    add(index) {
      if (labels[index] === 1) positives[rank[index]]++;
      else negatives[rank[index]]++;
    },
    finish: () => rocAucOfCounts(positives, negatives),
  };
}

/** The trapezoid sum over distinct scores from high to low, from each score's (weighted) counts of positives and negatives. */
function rocAucOfCounts(positives: Float64Array, negatives: Float64Array): number | null {
  let tp = 0;
  let fp = 0;
  let doubledArea = 0;
  for (let r = positives.length - 1; r >= 0; r--) {
    if (positives[r] === 0 && negatives[r] === 0) continue;
    doubledArea += negatives[r] * (2 * tp + positives[r]);
    tp += positives[r];
    fp += negatives[r];
  }
  if (tp === 0 || fp === 0) return null;
  return doubledArea / 2 / (tp * fp);
}

/** Float64 machine epsilon: log_loss clips probabilities to [ε, 1 − ε] (scikit-learn ≥ 1.5). */
const EPSILON = 2.220446049250313e-16;

/**
 * log_loss(labels=[0, 1]) on the scores: −mean(y·ln p + (1 − y)·ln(1 − p)), with p and 1 − p each
 * clipped to [ε, 1 − ε] as scikit-learn does, so that a confident wrong answer costs ln(1/ε) ≈ 36
 * instead of infinity. The labels are given, so a bucket of one class is defined.
 */
export function logLossOf(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: Weights): number | null {
  let loss = 0;
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    const weight = weightOf(weights, i);
    const probability = labels[i] === 1 ? scores[i] : 1 - scores[i];
    loss -= weight * Math.log(Math.min(Math.max(probability, EPSILON), 1 - EPSILON));
    count += weight;
  }
  return count === 0 ? null : loss / count;
}

/** brier_score_loss: mean squared difference between the positive-class probability and the label. */
export function brierOf(labels: ArrayLike<number>, scores: ArrayLike<number>, weights?: Weights): number | null {
  let squared = 0;
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    const weight = weightOf(weights, i);
    squared += weight * (labels[i] - scores[i]) ** 2;
    count += weight;
  }
  return count === 0 ? null : squared / count;
}

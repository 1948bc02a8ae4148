/**
 * Regression metrics, equal to scikit-learn's on the same records. Null where undefined (no
 * records; fewer than two for R²), never NaN.
 */
import { weightOf, type Weights } from "./weights";

/** mean_absolute_error. */
export function maeOf(actual: ArrayLike<number>, predicted: ArrayLike<number>, weights?: Weights): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const weight = weightOf(weights, i);
    sum += weight * Math.abs(predicted[i] - actual[i]);
    count += weight;
  }
  return count === 0 ? null : sum / count;
}

/** root_mean_squared_error: √(mean squared error). */
export function rmseOf(actual: ArrayLike<number>, predicted: ArrayLike<number>, weights?: Weights): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const weight = weightOf(weights, i);
    sum += weight * (actual[i] - predicted[i]) ** 2;
    count += weight;
  }
  return count === 0 ? null : Math.sqrt(sum / count);
}

/** Float64 machine epsilon: scikit-learn's floor under |y| in MAPE's denominator. */
const EPSILON = 2.220446049250313e-16;

/**
 * mean_absolute_percentage_error: mean of |ŷ − y| / max(|y|, ε), a fraction (0.1 is 10 %). A true
 * value of 0 does not make it infinite but very large, as in scikit-learn.
 */
export function mapeOf(actual: ArrayLike<number>, predicted: ArrayLike<number>, weights?: Weights): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const weight = weightOf(weights, i);
    sum += (weight * Math.abs(predicted[i] - actual[i])) / Math.max(Math.abs(actual[i]), EPSILON);
    count += weight;
  }
  return count === 0 ? null : sum / count;
}

/**
 * r2_score(force_finite=True): 1 − Σ(y − ŷ)² / Σ(y − ȳ)². Null below two records (scikit-learn
 * warns and answers NaN). When every true value is the same the denominator is zero: perfect
 * predictions score 1, any error scores 0, as scikit-learn's force_finite does. Constancy is
 * detected by comparing the values, not by the rounding of their mean, so [0.1, 0.1, 0.1] is
 * constant here (scikit-learn's mean of it is off in the last bit and it would answer ≈ −1e31).
 */
export function r2Of(actual: ArrayLike<number>, predicted: ArrayLike<number>, weights?: Weights): number | null {
  let count = 0;
  let sum = 0;
  let first: number | undefined;
  let constant = true;
  for (let i = 0; i < actual.length; i++) {
    const weight = weightOf(weights, i);
    if (weight === 0) continue;
    count += weight;
    sum += weight * actual[i];
    if (first === undefined) first = actual[i];
    else if (actual[i] !== first) constant = false;
  }
  if (count < 2) return null;
  const mean = sum / count;
  let residual = 0;
  let spread = 0;
  for (let i = 0; i < actual.length; i++) {
    const weight = weightOf(weights, i);
    residual += weight * (actual[i] - predicted[i]) ** 2;
    spread += weight * (actual[i] - mean) ** 2;
  }
  if (residual === 0) return 1;
  if (constant || spread === 0) return 0;
  return 1 - residual / spread;
}

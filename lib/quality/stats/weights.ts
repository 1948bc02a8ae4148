/**
 * How many times each record counts. Metrics take optional weights so that a bootstrap resample
 * (drawing n records with replacement) is evaluated as multiplicities of the original records,
 * without copying or re-sorting them; with integer weights the result is exactly the metric of the
 * resampled records. Omitted: every record counts once.
 */
export type Weights = ArrayLike<number> | undefined;

export function weightOf(weights: Weights, index: number): number {
  return weights === undefined ? 1 : weights[index];
}

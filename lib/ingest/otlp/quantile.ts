/**
 * The q-quantile of a histogram with explicit bounds, estimated as Prometheus' histogram_quantile
 * does: find the bucket holding rank q·total and interpolate linearly within it.
 *
 * `counts[i]` is the count of bucket (bounds[i-1], bounds[i]]; the first bucket is
 * (-∞, bounds[0]] and the last (bounds[n-1], +∞), so there is one more count than bounds.
 * `min` and `max`, when given, must be the smallest and largest observation. Null when there is
 * nothing to estimate from: no observations, or counts that do not fit the bounds.
 */
export function estimateQuantile(q: number, bounds: number[], counts: number[], min?: number, max?: number): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside [0, 1]`);
  if (counts.length !== bounds.length + 1) return null;
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;

  const rank = q * total;
  // The first non-empty bucket whose cumulative count reaches the rank. Skipping empty buckets keeps
  // q = 0 off an empty first bucket. Terminates: rank ≤ total, and `below` adds up like `total`.
  let bucket = 0;
  let below = 0;
  while (counts[bucket] === 0 || below + counts[bucket] < rank) {
    below += counts[bucket];
    bucket += 1;
  }

  // min and max bound every observation, so they narrow the bucket: above all the open-ended first
  // and last ones, but also any other, which keeps a p99 from exceeding the reported max.
  const lower = Math.max(bucket === 0 ? -Infinity : bounds[bucket - 1], min ?? -Infinity);
  const upper = Math.min(bucket === bounds.length ? Infinity : bounds[bucket], max ?? Infinity);
  // No max: like Prometheus, the +Inf bucket answers the highest finite bound (or min, if above it).
  if (upper === Infinity) return Number.isFinite(lower) ? lower : null;
  // No min: like Prometheus, the first bucket starts at 0, unless it lies entirely at or below 0.
  if (lower === -Infinity && upper <= 0) return upper;
  const start = lower === -Infinity ? 0 : lower;
  return start + (upper - start) * ((rank - below) / counts[bucket]);
}

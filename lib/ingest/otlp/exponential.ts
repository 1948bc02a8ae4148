import { parseDouble } from "./proto-json";
import type { OtlpExponentialHistogramDataPoint } from "./schema";

interface ValueRange {
  lower: number;
  upper: number;
  count: number;
}

/**
 * An exponential histogram as explicit bounds and counts, so that one quantile estimator serves
 * both kinds. At scale s, positive bucket i covers (base^i, base^(i+1)] with base = 2^(2^-s),
 * negative bucket i mirrors it below 0, and the zero bucket covers [-zeroThreshold, zeroThreshold].
 * Gaps between these become empty buckets, as do the open-ended first and last explicit buckets.
 */
export function explicitBucketsOf(point: OtlpExponentialHistogramDataPoint): { bounds: number[]; counts: number[] } {
  // 2^(i·2^-s) rather than base^i: one rounding instead of two.
  const edge = (index: number) => 2 ** (index * 2 ** -point.scale);
  const ranges: ValueRange[] = [];
  const negative = point.negative;
  if (negative) {
    for (let k = negative.bucketCounts.length - 1; k >= 0; k -= 1) {
      ranges.push({ lower: -edge(negative.offset + k + 1), upper: -edge(negative.offset + k), count: negative.bucketCounts[k] });
    }
  }
  if (point.zeroCount > 0) {
    const threshold = parseDouble(point.zeroThreshold);
    ranges.push({ lower: -threshold, upper: threshold, count: point.zeroCount });
  }
  const positive = point.positive;
  if (positive) {
    positive.bucketCounts.forEach((count, k) => ranges.push({ lower: edge(positive.offset + k), upper: edge(positive.offset + k + 1), count }));
  }

  const bounds: number[] = [];
  const counts: number[] = [];
  for (const range of ranges) {
    if (bounds.length === 0 || range.lower > bounds[bounds.length - 1]) {
      bounds.push(range.lower);
      counts.push(0);
    }
    bounds.push(range.upper);
    counts.push(range.count);
  }
  counts.push(0);
  return { bounds, counts };
}

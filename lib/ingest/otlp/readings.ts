import { explicitBucketsOf } from "./exponential";
import { parseDouble, parseInt64 } from "./proto-json";
import { estimateQuantile } from "./quantile";
import type { OtlpExponentialHistogramDataPoint, OtlpHistogramDataPoint, OtlpNumberDataPoint, OtlpSummaryDataPoint } from "./schema";

/**
 * What each kind of data point yields: named values, before they get their model, time and labels.
 * Values may be non-finite here; the conversion rejects the data point then.
 */
export interface Reading {
  metric: string;
  value: number;
}

/** The readings of a data point, or why the data point is rejected. */
export type Readings = { readings: Reading[] } | { rejection: string };

const PERCENTILES = [
  ["p50", 0.5],
  ["p95", 0.95],
  ["p99", 0.99],
] as const;

/** Gauges and sums: one value, named after the metric. */
export function numberReadings(name: string, point: OtlpNumberDataPoint): Readings {
  const value = point.asDouble !== undefined ? parseDouble(point.asDouble) : point.asInt !== undefined ? parseInt64(point.asInt) : undefined;
  if (value === undefined) return { rejection: "has neither asDouble nor asInt" };
  return { readings: [{ metric: name, value }] };
}

export function histogramReadings(name: string, point: OtlpHistogramDataPoint): Readings {
  const bounds = point.explicitBounds.map(parseDouble);
  // No buckets at all is allowed (count and sum only); otherwise there is one more count than bounds.
  if (point.bucketCounts.length > 0 && point.bucketCounts.length !== bounds.length + 1) {
    return { rejection: `has ${point.bucketCounts.length} bucketCounts for ${bounds.length} explicitBounds, rather than one more` };
  }
  if (!bounds.every((bound, i) => Number.isFinite(bound) && (i === 0 || bound > bounds[i - 1]))) {
    return { rejection: "explicitBounds are not finite and strictly increasing" };
  }
  return { readings: distributionReadings(name, point, bounds, point.bucketCounts) };
}

export function exponentialHistogramReadings(name: string, point: OtlpExponentialHistogramDataPoint): Readings {
  const { bounds, counts } = explicitBucketsOf(point);
  return { readings: distributionReadings(name, point, bounds, counts) };
}

/** count, sum, min and max where present, and p50, p95 and p99 estimated from the buckets. */
function distributionReadings(name: string, point: OtlpHistogramDataPoint | OtlpExponentialHistogramDataPoint, bounds: number[], counts: number[]): Reading[] {
  const min = point.min === undefined ? undefined : parseDouble(point.min);
  const max = point.max === undefined ? undefined : parseDouble(point.max);
  const readings: Reading[] = [{ metric: `${name}.count`, value: point.count }];
  if (point.sum !== undefined) readings.push({ metric: `${name}.sum`, value: parseDouble(point.sum) });
  if (min !== undefined) readings.push({ metric: `${name}.min`, value: min });
  if (max !== undefined) readings.push({ metric: `${name}.max`, value: max });
  if (point.count === 0) return readings;
  for (const [suffix, q] of PERCENTILES) {
    const estimate = estimateQuantile(q, bounds, counts, min, max);
    if (estimate !== null) readings.push({ metric: `${name}.${suffix}`, value: estimate });
  }
  return readings;
}

/** The summary's own quantiles under the names a histogram's get; quantiles 0 and 1 are the min and max. */
const SUMMARY_STATISTICS = new Map<number, string>([[0, "min"], [1, "max"], ...PERCENTILES.map(([suffix, q]): [number, string] => [q, suffix])]);

/** count, sum, and those of the summary's quantiles that Plumbline names; others are dropped. */
export function summaryReadings(name: string, point: OtlpSummaryDataPoint): Readings {
  const readings: Reading[] = [
    { metric: `${name}.count`, value: point.count },
    { metric: `${name}.sum`, value: parseDouble(point.sum) },
  ];
  for (const { quantile, value } of point.quantileValues) {
    const statistic = SUMMARY_STATISTICS.get(parseDouble(quantile));
    if (statistic) readings.push({ metric: `${name}.${statistic}`, value: parseDouble(value) });
  }
  return { readings };
}

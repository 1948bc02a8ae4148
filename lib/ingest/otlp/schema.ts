import { z } from "zod";

/**
 * The shape of an OTLP/HTTP JSON `ExportMetricsServiceRequest` (opentelemetry-proto
 * metrics.proto, in the proto3 JSON mapping: lowerCamelCase names, 64-bit integers as decimal
 * strings, enums as integers, fields at their default value often left out).
 *
 * The schema checks structure; what the contract rejects per data point (a missing model, a
 * value that is not a finite number, a timestamp that is not a time) is left to the conversion,
 * so one bad reading costs its data point rather than the whole export. That is why values and
 * timestamps are taken as any number or string here. Fields Plumbline does not read are left
 * out, and unknown fields are dropped, as OTLP receivers must ignore them.
 */

/** A double, a 64-bit integer or a timestamp as sent: proto3 JSON allows a number or a string. */
const numberOrString = z.union([z.number(), z.string()]);

/** fixed64/uint64 counts: a decimal string by the spec, a plain number from lenient encoders. */
const uint64 = z.union([z.string().regex(/^\d+$/, "must be a non-negative integer"), z.number().int().nonnegative()]).transform(Number);

export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number | string;
  bytesValue?: string;
  arrayValue?: { values: OtlpAnyValue[] };
  kvlistValue?: { values: OtlpKeyValue[] };
}

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

const anyValueSchema: z.ZodType<OtlpAnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: numberOrString.optional(),
    doubleValue: numberOrString.optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(anyValueSchema).default([]) }).optional(),
    kvlistValue: z.object({ values: z.array(keyValueSchema).default([]) }).optional(),
  }),
);

const keyValueSchema: z.ZodType<OtlpKeyValue> = z.lazy(() => z.object({ key: z.string(), value: anyValueSchema.optional() }));

const attributes = z.array(keyValueSchema).default([]);

const dataPointFields = {
  attributes,
  timeUnixNano: numberOrString.optional(),
  /** DataPointFlags bits; uint32, so a plain number. */
  flags: z.number().int().nonnegative().default(0),
};

const numberDataPointSchema = z.object({
  ...dataPointFields,
  asDouble: numberOrString.optional(),
  asInt: numberOrString.optional(),
});

/** Fields every distribution (histogram or exponential histogram) has; sum, min and max are `optional double`. */
const distributionFields = {
  ...dataPointFields,
  count: uint64.default(0),
  sum: numberOrString.optional(),
  min: numberOrString.optional(),
  max: numberOrString.optional(),
};

const histogramDataPointSchema = z.object({
  ...distributionFields,
  bucketCounts: z.array(uint64).default([]),
  explicitBounds: z.array(numberOrString).default([]),
});

const exponentialBucketsSchema = z.object({
  offset: z.number().int().default(0),
  bucketCounts: z.array(uint64).default([]),
});

const exponentialHistogramDataPointSchema = z.object({
  ...distributionFields,
  scale: z.number().int().default(0),
  zeroCount: uint64.default(0),
  zeroThreshold: numberOrString.default(0),
  positive: exponentialBucketsSchema.optional(),
  negative: exponentialBucketsSchema.optional(),
});

const summaryDataPointSchema = z.object({
  ...dataPointFields,
  count: uint64.default(0),
  // Unlike a histogram's, a summary's sum is a plain double: absent means 0.
  sum: numberOrString.default(0),
  quantileValues: z.array(z.object({ quantile: numberOrString.default(0), value: numberOrString.default(0) })).default([]),
});

const dataPointsOf = <T extends z.ZodType>(dataPoint: T) => z.object({ dataPoints: z.array(dataPoint).default([]) }).optional();

const metricSchema = z.object({
  name: z.string(),
  gauge: dataPointsOf(numberDataPointSchema),
  sum: dataPointsOf(numberDataPointSchema),
  histogram: dataPointsOf(histogramDataPointSchema),
  exponentialHistogram: dataPointsOf(exponentialHistogramDataPointSchema),
  summary: dataPointsOf(summaryDataPointSchema),
});

export const otlpMetricsRequestSchema = z.object({
  // Required although proto3 would allow it absent: a body without it is almost surely not an OTLP export.
  resourceMetrics: z.array(
    z.object({
      resource: z.object({ attributes }).optional(),
      scopeMetrics: z.array(z.object({ metrics: z.array(metricSchema).default([]) })).default([]),
    }),
  ),
});

export type OtlpMetricsRequest = z.infer<typeof otlpMetricsRequestSchema>;
export type OtlpMetric = z.infer<typeof metricSchema>;
export type OtlpNumberDataPoint = z.infer<typeof numberDataPointSchema>;
export type OtlpHistogramDataPoint = z.infer<typeof histogramDataPointSchema>;
export type OtlpExponentialHistogramDataPoint = z.infer<typeof exponentialHistogramDataPointSchema>;
export type OtlpSummaryDataPoint = z.infer<typeof summaryDataPointSchema>;
/** What all data points share: where conversion finds the time, the flags and the attributes. */
export type OtlpDataPoint = Pick<OtlpNumberDataPoint, keyof typeof dataPointFields>;

/** What a collector answers: empty when every point was stored, else how many were rejected and why. */
export const otlpExportResponseSchema = z.object({
  partialSuccess: z.object({ rejectedDataPoints: z.number().int(), errorMessage: z.string() }).optional(),
});

import { metricPointSchema } from "@/lib/ingest/schemas";
import { labelsOf, MODEL_NAME_ATTRIBUTE, MODEL_VERSION_ATTRIBUTE, modelOf } from "./attributes";
import { unixNanoToIso } from "./proto-json";
import { exponentialHistogramReadings, histogramReadings, numberReadings, type Readings, summaryReadings } from "./readings";
import type { OtlpDataPoint, OtlpKeyValue, OtlpMetric, OtlpMetricsRequest } from "./schema";

export interface OtlpPoint {
  model: string;
  version: string;
  metric: string;
  /** RFC 3339 UTC with milliseconds. */
  ts: string;
  value: number;
  labels: Record<string, string>;
}

export interface OtlpConversion {
  points: OtlpPoint[];
  /** Rejected OTLP data points (not Plumbline points): what an OTLP partial success counts. */
  rejected: number;
  /** The first few reasons, each naming the data point it is about. */
  errors: string[];
}

/** Enough reasons to diagnose an exporter, few enough for a response body. */
const MAX_ERRORS = 10;

/** DataPointFlags.FLAG_NO_RECORDED_VALUE: the point only marks a series that stopped, so it is neither a reading nor an error. */
const NO_RECORDED_VALUE = 1;

interface DataPointEntry {
  path: string;
  point: OtlpDataPoint;
  readings: Readings;
}

/**
 * Plumbline metric points from a validated OTLP export. A data point that cannot become valid
 * points is left out whole and counted, with its reason, rather than failing the export.
 */
export function convertOtlpMetrics(request: OtlpMetricsRequest): OtlpConversion {
  const conversion: OtlpConversion = { points: [], rejected: 0, errors: [] };
  request.resourceMetrics.forEach((resourceMetrics, r) => {
    const resourceAttributes = resourceMetrics.resource?.attributes ?? [];
    resourceMetrics.scopeMetrics.forEach((scopeMetrics, s) =>
      scopeMetrics.metrics.forEach((metric, m) => {
        for (const { path, point, readings } of dataPointsOf(metric)) {
          if ((point.flags & NO_RECORDED_VALUE) !== 0) continue;
          const points = pointsOf(point, readings, resourceAttributes);
          if (typeof points !== "string") {
            conversion.points.push(...points);
            continue;
          }
          conversion.rejected += 1;
          if (conversion.errors.length < MAX_ERRORS) {
            conversion.errors.push(`resourceMetrics[${r}].scopeMetrics[${s}].metrics[${m}].${path} (${metric.name}): ${points}`);
          }
        }
      }),
    );
  });
  return conversion;
}

function dataPointsOf(metric: OtlpMetric): DataPointEntry[] {
  const { name } = metric;
  const entries = <P extends OtlpDataPoint>(field: string, points: P[] | undefined, read: (name: string, point: P) => Readings) =>
    (points ?? []).map((point, i) => ({ path: `${field}.dataPoints[${i}]`, point, readings: read(name, point) }));
  return [
    ...entries("gauge", metric.gauge?.dataPoints, numberReadings),
    ...entries("sum", metric.sum?.dataPoints, numberReadings),
    ...entries("histogram", metric.histogram?.dataPoints, histogramReadings),
    ...entries("exponentialHistogram", metric.exponentialHistogram?.dataPoints, exponentialHistogramReadings),
    ...entries("summary", metric.summary?.dataPoints, summaryReadings),
  ];
}

/** The data point's Plumbline points, or why it is rejected. */
function pointsOf(point: OtlpDataPoint, readings: Readings, resourceAttributes: OtlpKeyValue[]): OtlpPoint[] | string {
  const { model, version } = modelOf(point.attributes, resourceAttributes);
  if (!model) return `no ${MODEL_NAME_ATTRIBUTE} attribute on the data point or its resource`;
  if (!version) return `no ${MODEL_VERSION_ATTRIBUTE} attribute on the data point or its resource`;
  if (point.timeUnixNano === undefined) return "has no timeUnixNano";
  const ts = unixNanoToIso(point.timeUnixNano);
  if (ts === null) return `timeUnixNano ${JSON.stringify(point.timeUnixNano)} is not a time in nanoseconds since the Unix epoch`;
  if ("rejection" in readings) return readings.rejection;

  const labels = labelsOf(point.attributes);
  const points: OtlpPoint[] = [];
  for (const { metric, value } of readings.readings) {
    if (!Number.isFinite(value)) return `${metric} is ${value}, not a finite number`;
    const candidate = { model, version, metric, ts, value, labels: { ...labels } };
    // The ingest contract's own check, so every point returned here is one the store accepts.
    const check = metricPointSchema.safeParse(candidate);
    if (!check.success) {
      const issue = check.error.issues[0];
      return `${metric}: ${issue.path.join(".")} ${issue.message}`;
    }
    points.push(candidate);
  }
  return points;
}

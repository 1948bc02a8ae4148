/**
 * Pure shaping of a fleet's last-24-hours health from hourly rollup rows: the averages the models
 * table shows and the sparklines beside them. No I/O, so it is unit-tested on its own.
 */
export const HEALTH_METRICS = ["latency_p95_ms", "error_rate", "requests_per_minute"] as const;
export type HealthMetric = (typeof HEALTH_METRICS)[number];

export interface SparkPoint {
  ts: string;
  value: number;
}

export interface ModelHealth {
  /** The production version the figures describe; null when nothing is in production. */
  version: string | null;
  window_from: string;
  p95_latency_ms: number | null;
  /** A fraction 0–1. */
  error_rate: number | null;
  requests_per_minute: number | null;
  /** Hourly averages, oldest first; hours without data are absent rather than zero. */
  sparklines: Record<HealthMetric, SparkPoint[]>;
}

export interface HealthRollupRow {
  model: string;
  version: string;
  metric: string;
  bucket_start: Date | string;
  count: number;
  sum: number;
}

const FIELD: Record<HealthMetric, "p95_latency_ms" | "error_rate" | "requests_per_minute"> = {
  latency_p95_ms: "p95_latency_ms",
  error_rate: "error_rate",
  requests_per_minute: "requests_per_minute",
};

export function emptyHealth(version: string | null, windowFrom: Date): ModelHealth {
  return {
    version,
    window_from: windowFrom.toISOString(),
    p95_latency_ms: null,
    error_rate: null,
    requests_per_minute: null,
    sparklines: { latency_p95_ms: [], error_rate: [], requests_per_minute: [] },
  };
}

function isHealthMetric(metric: string): metric is HealthMetric {
  return (HEALTH_METRICS as readonly string[]).includes(metric);
}

/** The window's averages weight every point equally: sum of sums over sum of counts. */
export function summariseHealth(rows: HealthRollupRow[], windowFrom: Date): Map<string, ModelHealth> {
  const totals = new Map<string, { count: number; sum: number }>();
  const byModel = new Map<string, ModelHealth>();
  const sorted = [...rows].sort((a, b) => new Date(a.bucket_start).getTime() - new Date(b.bucket_start).getTime());
  for (const row of sorted) {
    if (!isHealthMetric(row.metric)) continue;
    const count = Number(row.count);
    const sum = Number(row.sum);
    if (count <= 0) continue;
    const health = byModel.get(row.model) ?? emptyHealth(row.version, windowFrom);
    byModel.set(row.model, health);
    health.sparklines[row.metric].push({ ts: new Date(row.bucket_start).toISOString(), value: sum / count });
    const key = `${row.model}\u0000${row.metric}`;
    const total = totals.get(key) ?? { count: 0, sum: 0 };
    total.count += count;
    total.sum += sum;
    totals.set(key, total);
  }
  for (const [key, total] of totals) {
    const [model, metric] = key.split("\u0000") as [string, HealthMetric];
    byModel.get(model)![FIELD[metric]] = total.sum / total.count;
  }
  return byModel;
}

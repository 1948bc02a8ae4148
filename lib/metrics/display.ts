/**
 * How a metric is shown and judged, decided from its name alone (the registry stores free-form
 * metric names): its unit, whether its axis starts at zero, and whether lower is better.
 */
const LOWER_IS_BETTER_TOKENS = new Set(["latency", "loss", "logloss", "error", "errors", "rmse", "mae", "mse", "mape", "ms"]);
const ZERO_BASED_TOKENS = new Set(["rate", "count", "requests", "rpm", "minute", "second", "total"]);
/** Preferred quality metrics for the model page, most telling first. */
const QUALITY_PREFERENCE = ["auc", "accuracy", "f1", "ndcg", "precision", "recall", "r2", "rmse", "mae"];
export const OPERATIONAL_METRICS = ["latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "requests_per_minute", "error_rate"] as const;

function tokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function lowerIsBetter(name: string): boolean {
  return tokens(name).some((t) => LOWER_IS_BETTER_TOKENS.has(t) || t.endsWith("loss"));
}

export type MetricUnit = "ms" | "req/min" | "%" | "";

export function metricUnit(name: string): MetricUnit {
  const t = tokens(name);
  if (t.includes("ms") || t.includes("latency")) return "ms";
  if (name === "requests_per_minute" || t.includes("rpm")) return "req/min";
  if (t.includes("error") && t.includes("rate")) return "%";
  return "";
}

/** Counts and rates start at zero; latencies and quality scores zoom to their range, where change shows. */
export function axisFromZero(name: string): boolean {
  return metricUnit(name) !== "ms" && tokens(name).some((t) => ZERO_BASED_TOKENS.has(t));
}

const SIG3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/** Three significant digits with thousands separators (DESIGN.md): 2,410 · 18.2 · 0.00213. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (Math.abs(value) >= 1000) return Math.round(Number(value.toPrecision(3))).toLocaleString("en-US");
  return SIG3.format(value);
}

/** A value with its unit; error rates are stored as fractions 0–1 and shown as percentages. */
export function formatMetric(name: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const unit = metricUnit(name);
  if (unit === "%") return `${formatNumber(value * 100)} %`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** The chart grid's fourth panel: the preferred quality metric that has data, else one declared. */
export function pickQualityMetric(stored: string[], declared: string[]): string {
  const operational = new Set<string>(OPERATIONAL_METRICS);
  return (
    QUALITY_PREFERENCE.find((m) => stored.includes(m)) ??
    stored.find((m) => !operational.has(m) && declared.includes(m)) ??
    QUALITY_PREFERENCE.find((m) => declared.includes(m)) ??
    declared[0] ??
    "auc"
  );
}

export type Verdict = "better" | "worse" | "same";

/** Whether `value` improves on `baseline`, for this metric's direction. */
export function compareMetric(name: string, value: number, baseline: number): Verdict {
  if (value === baseline) return "same";
  return value < baseline === lowerIsBetter(name) ? "better" : "worse";
}

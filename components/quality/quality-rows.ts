/**
 * Reshapes the quality API's per-version buckets into chart rows, and says where the labels stop.
 * One row per bucket time with, for the i-th version, `r<i>` realized, `b<i>` its [low, high]
 * interval and `e<i>` estimated; `labeled` is the share of the bucket's predictions (all versions)
 * that have their label. Index keys, because Recharts reads dotted keys as paths. Pure.
 */
import type { QualityAnswer, QualityBucket } from "@/lib/quality/schemas";

export interface QualityRow {
  t: number;
  labeled: number | null;
  [key: string]: number | [number, number] | null;
}

export const BUCKET_MS: Record<QualityBucket, number> = { hour: 3_600_000, day: 86_400_000 };

export const QUALITY_RANGES = {
  "7d": { label: "Last 7 d", days: 7 },
  "14d": { label: "Last 14 d", days: 14 },
  "30d": { label: "Last 30 d", days: 30 },
  "90d": { label: "Last 90 d", days: 90 },
} as const;
export type QualityRangeKey = keyof typeof QUALITY_RANGES;
export const DEFAULT_QUALITY_RANGE: QualityRangeKey = "7d";

export function parseQualityRange(value: string | null | undefined): QualityRangeKey {
  return value && value in QUALITY_RANGES ? (value as QualityRangeKey) : DEFAULT_QUALITY_RANGE;
}

/**
 * Hours up to a week (168 points at most), days beyond (90 at most): never more points than the
 * narrowest chart the page has (half of a 1024 px screen) can draw apart.
 */
export function bucketFor(range: QualityRangeKey): QualityBucket {
  return QUALITY_RANGES[range].days <= 7 ? "hour" : "day";
}

export function qualityRows(answer: Pick<QualityAnswer, "series">, versions: string[]): QualityRow[] {
  const rows = new Map<number, QualityRow & { n: number; nLabeled: number }>();
  for (const series of answer.series) {
    const i = versions.indexOf(series.version);
    if (i < 0) continue;
    for (const p of series.points) {
      const t = Date.parse(p.ts);
      const row = rows.get(t) ?? { t, labeled: null, n: 0, nLabeled: 0 };
      row[`r${i}`] = p.realized;
      row[`b${i}`] = p.realized_low !== null && p.realized_high !== null ? [p.realized_low, p.realized_high] : null;
      row[`e${i}`] = p.estimated;
      row.n += p.n;
      row.nLabeled += p.n_labeled;
      rows.set(t, row);
    }
  }
  return [...rows.values()].sort((x, y) => x.t - y.t).map(({ n, nLabeled, ...row }) => ({ ...row, labeled: n > 0 ? nLabeled / n : null }));
}

export interface LabelCoverage {
  n: number;
  n_labeled: number;
  /** End of the last bucket that holds a label; null without any label. */
  labels_until: number | null;
  /** Whether predictions go on after that: then the labels stop there, and only estimates follow. */
  stops: boolean;
}

export function labelCoverage(answer: Pick<QualityAnswer, "series" | "bucket">): LabelCoverage {
  let n = 0;
  let nLabeled = 0;
  let lastLabeled = -Infinity;
  let lastPredicted = -Infinity;
  for (const series of answer.series) {
    for (const p of series.points) {
      const t = Date.parse(p.ts);
      n += p.n;
      nLabeled += p.n_labeled;
      if (p.n > 0) lastPredicted = Math.max(lastPredicted, t);
      if (p.n_labeled > 0) lastLabeled = Math.max(lastLabeled, t);
    }
  }
  const labelsUntil = Number.isFinite(lastLabeled) ? lastLabeled + BUCKET_MS[answer.bucket] : null;
  return { n, n_labeled: nLabeled, labels_until: labelsUntil, stops: labelsUntil !== null && lastPredicted >= labelsUntil };
}

/** The latest value of a series of one version: what the summary above the chart reports. */
export function latest(answer: Pick<QualityAnswer, "series">, version: string, key: "realized" | "estimated"): { ts: string; value: number } | null {
  const points = answer.series.find((s) => s.version === version)?.points ?? [];
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i][key];
    if (value !== null) return { ts: points[i].ts, value };
  }
  return null;
}

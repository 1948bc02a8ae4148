/**
 * The fleet table's quality figure: a model's primary metric over the last 24 hours against its
 * 7-day baseline, from the quality domain's own per-window computation. Estimated (CBPE) where the
 * model has one, since the last day's labels have mostly not arrived; realized otherwise. Pure.
 */
import type { BucketQuality } from "@/lib/quality/evaluate";
import type { QualityMetric } from "@/lib/quality/metrics";

/** A change this large, relative to the baseline and in the worse direction, is a quality drop. */
export const QUALITY_DROP = 0.03;

export interface FleetQuality {
  metric: QualityMetric;
  /** Estimated from calibrated scores (binary classifiers) or realized on labels. */
  kind: "estimated" | "realized";
  lower_is_better: boolean;
  /** Last 24 hours; null without predictions (or, when realized, without labels) in it. */
  value: number | null;
  /** The 7 days before the last 24 hours. */
  baseline: number | null;
  /** value − baseline, in the metric's own unit; null when either is missing. */
  change: number | null;
  /** The change is a drop of QUALITY_DROP or more of the baseline, whichever way the metric improves. */
  dropped: boolean;
}

export function fleetQuality(metric: QualityMetric, lowerIsBetter: boolean, last24: BucketQuality | null, week: BucketQuality | null): FleetQuality {
  const kind = (last24?.estimated ?? week?.estimated ?? null) !== null ? "estimated" : "realized";
  const of = (q: BucketQuality | null) => (q === null ? null : kind === "estimated" ? q.estimated : q.realized);
  const value = of(last24);
  const baseline = of(week);
  const change = value !== null && baseline !== null ? value - baseline : null;
  const worse = change === null ? 0 : lowerIsBetter ? change : -change;
  const dropped = change !== null && baseline !== 0 && worse / Math.abs(baseline!) >= QUALITY_DROP;
  return { metric, kind, lower_is_better: lowerIsBetter, value, baseline, change, dropped };
}

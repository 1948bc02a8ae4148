/**
 * The `quality` alert kind's verdict, pure: the window's realized or estimated metric, computed by
 * the same bucketQuality the Quality section draws (the whole window as one bucket), against the
 * rule's threshold. Estimated values exist before any label, so a drop can page before the labels.
 */
import { compare, negate, type Comparison, type Observation } from "@/lib/incidents/evaluate";
import type { BucketQuality } from "./evaluate";
import { ESTIMATED_METRICS, isQualityTask, METRIC_LABELS, metricFitsTask } from "./metrics";

export const QUALITY_SOURCES = ["estimated", "realized"] as const;

export interface QualityCondition {
  metric: string;
  source: (typeof QUALITY_SOURCES)[number];
  window_seconds: number;
  op: Comparison;
  threshold: number;
}

const windowWords = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`);
const noData = (text: string): Observation => ({ breached: null, value: null, text: `No data: ${text}` });
const shown = (value: number) => Number(value.toPrecision(4)).toString();

/** `point` is the window's quality (null: no predictions in it); `task` the model's task now. */
export function judgeQuality(condition: QualityCondition, task: string, point: BucketQuality | null): Observation {
  const window = `the last ${windowWords(condition.window_seconds)}`;
  if (!isQualityTask(task)) return noData(`the model's task ${JSON.stringify(task)} has no quality metrics`);
  if (!metricFitsTask(condition.metric, task)) return noData(`${condition.metric} does not fit the task ${task}`);
  const metric = condition.metric;
  const estimated = condition.source === "estimated";
  if (estimated && (task !== "binary_classification" || !ESTIMATED_METRICS.has(metric)))
    return noData(`${metric} is not estimated before labels arrive; use source realized`);
  if (point === null || point.n === 0) return noData(`no predictions in ${window}`);
  const label = METRIC_LABELS[metric];
  const value = estimated ? point.estimated : point.realized;
  if (value === null) {
    if (estimated) return noData(`estimated ${label} needs scores on the predictions of ${window}`);
    if (point.n_labeled === 0) return noData(`no labeled predictions in ${window}`);
    return noData(`${label} is undefined on the ${point.n_labeled} labeled predictions of ${window}`);
  }
  const breached = compare(value, condition.op, condition.threshold);
  const sign = breached ? condition.op : negate(condition.op);
  const basis = estimated ? `${point.n.toLocaleString("en")} predictions` : `${point.n_labeled.toLocaleString("en")} labeled predictions`;
  return {
    breached,
    value,
    text: `${condition.source} ${label} over ${windowWords(condition.window_seconds)} is ${shown(value)} ${sign} ${shown(condition.threshold)} (${basis})`,
  };
}

/**
 * One bucket's quality from its predictions: realized on the labeled ones (with a 95 % interval),
 * estimated by CBPE on all of them for binary classifiers with scores. Pure.
 */
import { ESTIMATED_METRICS, SCORE_METRICS, type QualityMetric, type QualityTask } from "./metrics";
import {
  accuracyOf,
  bootstrapInterval,
  bootstrapOfDraws,
  brierOf,
  confusionOf,
  encodeClasses,
  expectedConfusion,
  expectedRocAuc,
  f1Of,
  logLossOf,
  macroF1Of,
  maeOf,
  mapeOf,
  multiclassAccuracyOf,
  precisionOf,
  r2Of,
  rankByScore,
  recallOf,
  rmseOf,
  rocAucOf,
  rocAucOfDraws,
  wilsonInterval,
  type Confusion,
  type Interval,
} from "./stats";

/** A prediction as stored: number outputs for binary (0/1) and regression, class outputs for multiclass. */
export interface QualityRecord {
  prediction: number | string;
  score: number | null;
  label: number | string | null;
}

export interface Realized {
  value: number | null;
  interval: Interval | null;
}

export interface BucketQuality {
  n: number;
  n_labeled: number;
  realized: number | null;
  realized_low: number | null;
  realized_high: number | null;
  estimated: number | null;
}

const NONE: Realized = { value: null, interval: null };

/** The metric on labeled records, with its 95 % interval: Wilson for proportions, a bootstrap (seeded) otherwise. */
export function realizedQuality(task: QualityTask, metric: QualityMetric, labeled: readonly QualityRecord[], seed: number): Realized {
  const records = SCORE_METRICS.has(metric) ? labeled.filter((r) => r.score !== null) : labeled;
  if (records.length === 0) return NONE;
  if (task === "regression") {
    const actual = Float64Array.from(records, (r) => r.label as number);
    const predicted = Float64Array.from(records, (r) => r.prediction as number);
    const of = { mae: maeOf, rmse: rmseOf, mape: mapeOf, r2: r2Of }[metric as "mae" | "rmse" | "mape" | "r2"];
    return withBootstrap(records.length, (weights) => of(actual, predicted, weights), seed);
  }
  if (task === "multiclass_classification") {
    const encoded = encodeClasses(
      records.map((r) => r.label as string),
      records.map((r) => r.prediction as string),
    );
    if (metric === "accuracy") {
      const correct = records.filter((r) => r.label === r.prediction).length;
      return { value: multiclassAccuracyOf(encoded), interval: wilsonInterval(correct, records.length) };
    }
    return withBootstrap(records.length, (weights) => macroF1Of(encoded, weights), seed);
  }
  return realizedBinary(metric, records, seed);
}

function realizedBinary(metric: QualityMetric, records: readonly QualityRecord[], seed: number): Realized {
  const labels = Uint8Array.from(records, (r) => r.label as number);
  const predictions = Uint8Array.from(records, (r) => r.prediction as number);
  const scores = Float64Array.from(records, (r) => r.score ?? 0);
  const matrix = confusionOf(labels, predictions);
  switch (metric) {
    case "accuracy":
      return { value: accuracyOf(matrix), interval: wilsonInterval(matrix.tp + matrix.tn, records.length) };
    case "precision":
      return { value: precisionOf(matrix), interval: wilsonInterval(matrix.tp, matrix.tp + matrix.fp) };
    case "recall":
      return { value: recallOf(matrix), interval: wilsonInterval(matrix.tp, matrix.tp + matrix.fn) };
    case "f1":
      return withBootstrap(records.length, (weights) => f1Of(confusionOf(labels, predictions, weights)), seed);
    case "roc_auc": {
      const ranked = rankByScore(labels, scores);
      const value = rocAucOf(ranked);
      // Resampled within each class, so that every resample has both and its AUC is defined.
      return value === null ? NONE : { value, interval: bootstrapOfDraws(records.length, rocAucOfDraws(ranked), { seed, strata: labels }) };
    }
    case "log_loss":
      return withBootstrap(records.length, (weights) => logLossOf(labels, scores, weights), seed);
    case "brier":
      return withBootstrap(records.length, (weights) => brierOf(labels, scores, weights), seed);
    default:
      throw new Error(`${metric} is not a binary classification metric`);
  }
}

function withBootstrap(n: number, statistic: (weights?: Float64Array) => number | null, seed: number): Realized {
  const value = statistic();
  return value === null ? NONE : { value, interval: bootstrapInterval(n, statistic, { seed }) };
}

/**
 * CBPE: the metric expected from the calibrated probabilities of every scored prediction, labeled
 * or not. Null for metrics CBPE does not estimate, for other tasks, and without scores.
 */
export function estimatedQuality(
  task: QualityTask,
  metric: QualityMetric,
  records: readonly QualityRecord[],
  calibrated: (score: number) => number,
): number | null {
  if (task !== "binary_classification" || !ESTIMATED_METRICS.has(metric)) return null;
  const scored = records.filter((r) => r.score !== null);
  if (scored.length === 0) return null;
  const p = Float64Array.from(scored, (r) => calibrated(r.score!));
  if (metric === "roc_auc") return expectedRocAuc(p);
  const matrix: Confusion = expectedConfusion(
    p,
    Uint8Array.from(scored, (r) => r.prediction as number),
  );
  return { accuracy: accuracyOf, precision: precisionOf, recall: recallOf, f1: f1Of }[metric as "accuracy" | "precision" | "recall" | "f1"](matrix);
}

/** Everything a quality point reports about one bucket of one version. */
export function bucketQuality(
  task: QualityTask,
  metric: QualityMetric,
  records: readonly QualityRecord[],
  calibrated: (score: number) => number,
  seed: number,
): BucketQuality {
  const labeled = records.filter((r) => r.label !== null);
  const realized = realizedQuality(task, metric, labeled, seed);
  return {
    n: records.length,
    n_labeled: labeled.length,
    realized: realized.value,
    realized_low: realized.interval?.low ?? null,
    realized_high: realized.interval?.high ?? null,
    estimated: estimatedQuality(task, metric, records, calibrated),
  };
}

/**
 * Which quality metrics a model has: by its task. A model whose task is other text has none.
 */
export const QUALITY_TASKS = ["binary_classification", "multiclass_classification", "regression"] as const;
export type QualityTask = (typeof QUALITY_TASKS)[number];

export const METRICS_BY_TASK = {
  binary_classification: ["roc_auc", "accuracy", "precision", "recall", "f1", "log_loss", "brier"],
  multiclass_classification: ["accuracy", "macro_f1"],
  regression: ["mae", "rmse", "mape", "r2"],
} as const satisfies Record<QualityTask, readonly string[]>;

export type QualityMetric = (typeof METRICS_BY_TASK)[QualityTask][number];

export const QUALITY_METRICS = [...new Set(Object.values(METRICS_BY_TASK).flat())] as QualityMetric[];

export const DEFAULT_PRIMARY_METRIC: Record<QualityTask, QualityMetric> = {
  binary_classification: "roc_auc",
  multiclass_classification: "accuracy",
  regression: "rmse",
};

/** Losses and errors: a smaller value is a better model. */
const LOWER_IS_BETTER: ReadonlySet<QualityMetric> = new Set(["log_loss", "brier", "mae", "rmse", "mape"]);

export function qualityLowerIsBetter(metric: QualityMetric): boolean {
  return LOWER_IS_BETTER.has(metric);
}

/** Metrics CBPE estimates from calibrated scores before labels arrive (binary classification only). */
export const ESTIMATED_METRICS: ReadonlySet<QualityMetric> = new Set(["roc_auc", "accuracy", "precision", "recall", "f1"]);

/** Metrics computed on the score rather than the predicted class: records without a score are left out. */
export const SCORE_METRICS: ReadonlySet<QualityMetric> = new Set(["roc_auc", "log_loss", "brier"]);

export const METRIC_LABELS: Record<QualityMetric, string> = {
  roc_auc: "ROC AUC",
  accuracy: "Accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F1",
  log_loss: "Log loss",
  brier: "Brier score",
  macro_f1: "Macro F1",
  mae: "MAE",
  rmse: "RMSE",
  mape: "MAPE",
  r2: "R²",
};

export function isQualityTask(task: string): task is QualityTask {
  return (QUALITY_TASKS as readonly string[]).includes(task);
}

export function metricFitsTask(metric: string, task: QualityTask): metric is QualityMetric {
  return (METRICS_BY_TASK[task] as readonly string[]).includes(metric);
}

/** The metric a model is judged by: its own choice when it fits the task, else the task's default; null without a quality task. */
export function primaryMetricOf(task: string, chosen: string | null): QualityMetric | null {
  if (!isQualityTask(task)) return null;
  return chosen !== null && metricFitsTask(chosen, task) ? chosen : DEFAULT_PRIMARY_METRIC[task];
}

const TASK_SPELLINGS: Record<string, QualityTask> = {
  binary_classification: "binary_classification",
  binary: "binary_classification",
  multiclass_classification: "multiclass_classification",
  multi_class_classification: "multiclass_classification",
  multiclass: "multiclass_classification",
  regression: "regression",
};

/**
 * A task as stored: spellings of a quality task ("Binary classification", "multi-class
 * classification") become its identifier; other text is kept as written. The migration that
 * introduced quality tasks applied the same rule to existing models.
 */
export function normalizeTask(task: string): string {
  return (
    TASK_SPELLINGS[
      task
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, "_")
    ] ?? task
  );
}

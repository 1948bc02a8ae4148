/**
 * Predictions and labels as a task stores them, and what makes two deliveries of a record the same.
 */
import { createHash } from "node:crypto";
import type { OutputValue } from "./fields";
import type { QualityTask } from "./metrics";

/** Binary and regression outputs are numbers (0/1 for binary); multiclass outputs are classes. */
export type StoredOutput = { kind: "number"; value: number } | { kind: "class"; value: string };

/** The stored form of a prediction or label for the task, or why it does not fit the task. */
export function outputForTask(task: QualityTask, value: OutputValue): StoredOutput | string {
  switch (task) {
    case "binary_classification":
      if (value === 0 || value === 1) return { kind: "number", value };
      if (typeof value === "boolean") return { kind: "number", value: value ? 1 : 0 };
      return "must be 0, 1, false or true for binary classification (1 and true are the positive class)";
    case "multiclass_classification":
      // Classes are compared by their text: 3 and "3" are one class.
      if (typeof value === "string" || typeof value === "boolean" || Number.isInteger(value)) return { kind: "class", value: String(value) };
      return "must be a class (a string or an integer) for multiclass classification";
    case "regression":
      if (typeof value === "number") return { kind: "number", value };
      return "must be a number for regression";
  }
}

export interface PredictionContent {
  version: string;
  ts: Date;
  prediction: StoredOutput;
  score: number | null;
  features: Record<string, unknown> | null;
}

/**
 * What identifies a delivery of a prediction: sha256 of its version, instant (however it was
 * written), stored prediction, score and features (in key order). Equal hashes are an exact
 * repeat, stored once; a different hash for a known id is a conflict.
 */
export function contentHash(content: PredictionContent): string {
  const features = content.features === null ? null : Object.fromEntries(Object.entries(content.features).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const canonical = JSON.stringify([content.version, content.ts.toISOString(), content.prediction.kind, content.prediction.value, content.score, features]);
  return createHash("sha256").update(canonical).digest("hex");
}

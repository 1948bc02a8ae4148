import { describe, expect, it } from "vitest";
import { judgeQuality, type QualityCondition } from "./alert";
import type { BucketQuality } from "./evaluate";

const point = (realized: number | null, estimated: number | null, n = 1000, n_labeled = 400): BucketQuality => ({
  n,
  n_labeled,
  realized,
  realized_low: null,
  realized_high: null,
  estimated,
});

const cond = (over: Partial<QualityCondition> = {}): QualityCondition => ({
  metric: "roc_auc",
  source: "estimated",
  window_seconds: 86_400,
  op: "<",
  threshold: 0.8,
  ...over,
});

describe("judgeQuality: the value the Quality section shows for the window, against the threshold", () => {
  it.each([
    ["estimated", "<", 0.8, point(0.9, 0.79), true],
    ["estimated", "<", 0.8, point(0.9, 0.8), false],
    ["estimated", "<=", 0.8, point(0.9, 0.8), true],
    ["realized", "<", 0.8, point(0.79, 0.9), true],
    ["realized", "<", 0.8, point(0.81, 0.5), false],
    ["realized", ">", 0.8, point(0.81, 0.5), true],
    ["realized", ">=", 0.81, point(0.81, 0.5), true],
  ] as const)("%s %s %s with %j → %s", (source, op, threshold, seen, breached) => {
    expect(judgeQuality(cond({ source, op, threshold }), "binary_classification", seen)).toMatchObject({ breached });
  });

  it.each([
    ["no predictions in the window", cond(), "binary_classification", null, "No data: no predictions in the last 24 h"],
    ["no labels yet", cond({ source: "realized" }), "binary_classification", point(null, 0.9, 1000, 0), "No data: no labeled predictions in the last 24 h"],
    [
      "labels of one class only",
      cond({ source: "realized" }),
      "binary_classification",
      point(null, 0.9, 1000, 30),
      "No data: ROC AUC is undefined on the 30 labeled predictions of the last 24 h",
    ],
    [
      "no scores to estimate from",
      cond(),
      "binary_classification",
      point(0.9, null),
      "No data: estimated ROC AUC needs scores on the predictions of the last 24 h",
    ],
    [
      "a metric CBPE does not estimate",
      cond({ metric: "log_loss" }),
      "binary_classification",
      point(0.3, null),
      "No data: log_loss is not estimated before labels arrive; use source realized",
    ],
    ["a task without quality metrics", cond(), "learning to rank", null, 'No data: the model\'s task "learning to rank" has no quality metrics'],
    ["a metric the task does not have", cond({ metric: "rmse" }), "binary_classification", null, "No data: rmse does not fit the task binary_classification"],
  ] as const)("%s is no data, not clear", (_, condition, task, seen, text) => {
    expect(judgeQuality(condition, task, seen)).toEqual({ breached: null, value: null, text });
  });

  it("says what crossed, with its source and how many predictions it rests on", () => {
    expect(judgeQuality(cond(), "binary_classification", point(0.9, 0.7412))).toEqual({
      breached: true,
      value: 0.7412,
      text: "estimated ROC AUC over 24 h is 0.7412 < 0.8 (1,000 predictions)",
    });
    expect(judgeQuality(cond({ source: "realized", metric: "rmse", op: ">", threshold: 6, window_seconds: 7200 }), "regression", point(5.5, null)).text).toBe(
      "realized RMSE over 2 h is 5.5 ≤ 6 (400 labeled predictions)",
    );
  });
});

import { describe, expect, it } from "vitest";
import { axisFromZero, compareMetric, formatMetric, formatNumber, lowerIsBetter, pickQualityMetric } from "./display";

describe("metric direction", () => {
  it("treats latency, loss, error, rmse, mae and ms as lower-is-better, everything else higher", () => {
    for (const name of ["latency_p95_ms", "log_loss", "logloss", "error_rate", "rmse", "mae", "inference_ms", "val_loss"])
      expect(lowerIsBetter(name), name).toBe(true);
    for (const name of ["auc", "accuracy", "precision", "recall", "ndcg_at_10", "items_scored", "requests_per_minute"])
      expect(lowerIsBetter(name), name).toBe(false);
  });

  it("calls a lower latency better and a lower AUC worse", () => {
    expect(compareMetric("latency_p95_ms", 10, 12)).toBe("better");
    expect(compareMetric("auc", 0.9, 0.91)).toBe("worse");
    expect(compareMetric("auc", 0.92, 0.91)).toBe("better");
    expect(compareMetric("rmse", 3, 3)).toBe("same");
  });
});

describe("metric formatting", () => {
  it("keeps three significant digits with thousands separators", () => {
    expect(formatNumber(2412.7)).toBe("2,410");
    expect(formatNumber(18.234)).toBe("18.2");
    expect(formatNumber(0.002134)).toBe("0.00213");
    expect(formatNumber(123456)).toBe("123,000");
  });

  it("shows units, and error rates as percentages", () => {
    expect(formatMetric("latency_p95_ms", 18.23)).toBe("18.2 ms");
    expect(formatMetric("error_rate", 0.00213)).toBe("0.213 %");
    expect(formatMetric("requests_per_minute", 2400)).toBe("2,400 req/min");
    expect(formatMetric("auc", 0.9412)).toBe("0.941");
    expect(formatMetric("auc", null)).toBe("—");
  });

  it("starts the axis at zero for counts and rates, not for latencies or scores", () => {
    expect(axisFromZero("requests_per_minute")).toBe(true);
    expect(axisFromZero("error_rate")).toBe(true);
    expect(axisFromZero("latency_p99_ms")).toBe(false);
    expect(axisFromZero("auc")).toBe(false);
  });
});

describe("pickQualityMetric", () => {
  it("prefers a quality metric that has data over one only declared", () => {
    expect(pickQualityMetric(["latency_p95_ms", "accuracy"], ["auc", "accuracy"])).toBe("accuracy");
    expect(pickQualityMetric(["latency_p95_ms", "auc"], ["auc", "precision"])).toBe("auc");
  });

  it("falls back to a declared metric, then to auc", () => {
    expect(pickQualityMetric([], ["ndcg_at_10"])).toBe("ndcg_at_10");
    expect(pickQualityMetric([], [])).toBe("auc");
  });
});

import { describe, expect, it } from "vitest";
import { MIN_LABELED_FOR_GATE, qualityGate } from "./gate";

const enough = MIN_LABELED_FOR_GATE;

describe("quality_vs_production", () => {
  it("passes as not applicable below 200 labeled predictions on either side: not enough labeled traffic", () => {
    const gate = qualityGate(
      {
        metric: "roc_auc",
        candidate: { version: "v4", n_labeled: 199, interval: null, value: 0.5 },
        production: { version: "v3", n_labeled: 5000, interval: null, value: 0.9 },
      },
      0.02,
    );
    expect(gate).toMatchObject({ name: "quality_vs_production", passed: true, status: "not_applicable" });
    expect(gate.detail).toContain("not enough labeled traffic");
    expect(gate.detail).toContain("199");
    const thinProduction = qualityGate(
      {
        metric: "rmse",
        candidate: { version: "v4", n_labeled: enough, interval: null, value: 9 },
        production: { version: "v3", n_labeled: 10, interval: null, value: 1 },
      },
      0,
    );
    expect(thinProduction.status).toBe("not_applicable");
  });

  it("fails when the candidate is worse beyond the tolerance, in the metric's own direction", () => {
    const auc = qualityGate(
      {
        metric: "roc_auc",
        candidate: { version: "v4", n_labeled: 800, interval: null, value: 0.8 },
        production: { version: "v3", n_labeled: 900, interval: null, value: 0.9 },
      },
      0.05,
    );
    expect(auc).toMatchObject({ passed: false, status: "failed" });
    expect(auc.detail).toContain("worse by 11.11%");
    const withInterval = qualityGate(
      {
        metric: "accuracy",
        candidate: { version: "v4", n_labeled: 800, value: 0.9, interval: { low: 0.88, high: 0.92 } },
        production: { version: "v3", n_labeled: 900, value: 0.9, interval: null },
      },
      0,
    );
    expect(withInterval).toMatchObject({ status: "passed", detail: expect.stringContaining("0.9 (800 labeled, 95 % 0.88–0.92)") });
    // RMSE: lower is better, so a rise is the regression.
    expect(
      qualityGate(
        {
          metric: "rmse",
          candidate: { version: "v4", n_labeled: enough, interval: null, value: 10.4 },
          production: { version: "v3", n_labeled: enough, interval: null, value: 10 },
        },
        0.05,
      ).status,
    ).toBe("passed");
    expect(
      qualityGate(
        {
          metric: "rmse",
          candidate: { version: "v4", n_labeled: enough, interval: null, value: 10.6 },
          production: { version: "v3", n_labeled: enough, interval: null, value: 10 },
        },
        0.05,
      ).status,
    ).toBe("failed");
    expect(
      qualityGate(
        {
          metric: "rmse",
          candidate: { version: "v4", n_labeled: enough, interval: null, value: 8 },
          production: { version: "v3", n_labeled: enough, interval: null, value: 10 },
        },
        0,
      ).status,
    ).toBe("passed");
  });

  it("is not applicable without production, without a quality task, or when the metric is undefined", () => {
    expect(qualityGate({ metric: "accuracy", candidate: { version: "v1", n_labeled: 5000, interval: null, value: 0.9 }, production: null }, 0).status).toBe(
      "not_applicable",
    );
    expect(qualityGate({ missing: "the model's task has no quality metrics" }, 0)).toEqual({
      name: "quality_vs_production",
      passed: true,
      status: "not_applicable",
      detail: "the model's task has no quality metrics",
    });
    const oneClass = qualityGate(
      {
        metric: "roc_auc",
        candidate: { version: "v4", n_labeled: 500, interval: null, value: null },
        production: { version: "v3", n_labeled: 500, interval: null, value: 0.9 },
      },
      0,
    );
    expect(oneClass.status).toBe("not_applicable");
  });
});

import { describe, expect, it } from "vitest";
import { driftGate, evaluateGates, lowerIsBetter, metricsGate, modelCardGate, pipelineGate, withWaiver } from "./gates";
import { NO_REQUIREMENTS } from "./gate-status";

describe("model card gate", () => {
  it.each([
    ["# fraud-detector v4\nIntended use …", true],
    ["", false],
    ["   \n ", false],
    [null, false],
  ])("%j → passed %s", (card, passed) => {
    expect(modelCardGate(card)).toMatchObject({ passed, status: passed ? "passed" : "failed" });
  });
});

describe("metric direction", () => {
  it.each([
    ["auc", false],
    ["accuracy", false],
    ["ndcg_at_10", false],
    ["ks", false],
    ["val_loss", true],
    ["log_loss", true],
    ["error_rate", true],
    ["latency_p95_ms", true],
    ["rmse", true],
    ["MAE", true],
  ])("%s is lower-is-better: %s", (name, lower) => {
    expect(lowerIsBetter(name)).toBe(lower);
  });
});

describe("metrics no worse than production", () => {
  const production = { version: "v3", metrics: { auc: 0.9, latency_p95_ms: 100 } };
  const cases: { name: string; candidate: Record<string, number>; tolerance: number; passed: boolean; mentions?: string }[] = [
    { name: "better on every metric", candidate: { auc: 0.92, latency_p95_ms: 90 }, tolerance: 0, passed: true },
    { name: "equal on every metric with zero tolerance", candidate: { auc: 0.9, latency_p95_ms: 100 }, tolerance: 0, passed: true },
    { name: "auc lower within tolerance (1%)", candidate: { auc: 0.8911, latency_p95_ms: 100 }, tolerance: 0.01, passed: true },
    { name: "auc lower beyond tolerance", candidate: { auc: 0.88, latency_p95_ms: 100 }, tolerance: 0.01, passed: false, mentions: "auc" },
    {
      name: "latency higher beyond tolerance (lower is better)",
      candidate: { auc: 0.9, latency_p95_ms: 105 },
      tolerance: 0.01,
      passed: false,
      mentions: "latency_p95_ms",
    },
    { name: "latency lower is an improvement, not a regression", candidate: { auc: 0.9, latency_p95_ms: 50 }, tolerance: 0, passed: true },
    { name: "a metric production declares is missing", candidate: { auc: 0.95 }, tolerance: 0.5, passed: false, mentions: "latency_p95_ms not declared" },
    { name: "extra candidate metrics do not count", candidate: { auc: 0.9, latency_p95_ms: 100, f1: 0.1 }, tolerance: 0, passed: true },
  ];
  it.each(cases)("$name → passed $passed", ({ candidate, tolerance, passed, mentions }) => {
    const result = metricsGate(candidate, production, tolerance);
    expect(result).toMatchObject({ passed, status: passed ? "passed" : "failed" });
    if (mentions) expect(result.detail).toContain(mentions);
  });

  it("is not applicable when nothing is in production, or production declares no metrics, and says so", () => {
    expect(metricsGate({ auc: 0.1 }, null, 0)).toEqual({
      name: "metrics_no_worse",
      passed: true,
      status: "not_applicable",
      detail: "no version in production to compare against",
    });
    expect(metricsGate({ auc: 0.1 }, { version: "v2", metrics: {} }, 0)).toMatchObject({
      status: "not_applicable",
      detail: "production v2 declares no metrics to compare against",
    });
  });

  it("compares against a production value of zero without dividing by it", () => {
    expect(metricsGate({ error_rate: 0 }, { version: "v1", metrics: { error_rate: 0 } }, 0).passed).toBe(true);
    expect(metricsGate({ error_rate: 0.01 }, { version: "v1", metrics: { error_rate: 0 } }, 0.5).passed).toBe(false);
  });
});

describe("drift gate", () => {
  it("is not applicable without drift data, with the reason", () => {
    expect(driftGate({ missing: "no feature traffic in the last 24 h" })).toEqual({
      name: "no_drift",
      passed: true,
      status: "not_applicable",
      detail: "no feature traffic in the last 24 h",
    });
  });
  it("passes when no feature drifted", () => {
    expect(driftGate({ drifting: [] })).toMatchObject({ passed: true, status: "passed" });
  });
  it("fails naming the drifting features", () => {
    expect(driftGate({ drifting: ["hour", "amount"] })).toEqual({
      name: "no_drift",
      passed: false,
      status: "failed",
      detail: "drifting in the last 24 h: amount, hour",
    });
  });
});

describe("pipeline gate", () => {
  const run = { pipeline: "fraud-features", run_id: "r1", status: "succeeded", checks: [{ name: "row_count", passed: true }] };
  it("is not applicable without a producing run, never passed, saying so", () => {
    expect(pipelineGate([], false)).toEqual({ name: "pipeline_run", passed: true, status: "not_applicable", detail: "no producing pipeline run recorded" });
  });
  it("fails without a producing run when the policy requires one", () => {
    expect(pipelineGate([], true)).toEqual({
      name: "pipeline_run",
      passed: false,
      status: "failed",
      detail: "no producing pipeline run recorded, and the policy requires it",
    });
  });
  it.each([false, true])("passes a succeeded run with every check passing (require_producing_run %s)", (required) => {
    expect(pipelineGate([run], required)).toMatchObject({ passed: true, status: "passed" });
  });
  it.each(["failed", "running"])("fails a %s run", (status) => {
    expect(pipelineGate([{ ...run, status }], false)).toMatchObject({ passed: false, status: "failed", detail: `fraud-features run r1 is ${status}` });
  });
  it("fails a succeeded run with a failing check, naming it", () => {
    const result = pipelineGate([{ ...run, checks: [...run.checks, { name: "null_share", passed: false }] }], false);
    expect(result).toMatchObject({ passed: false, status: "failed" });
    expect(result.detail).toContain("null_share");
  });
  it("fails when any run that reports producing the version failed, whatever later runs say", () => {
    const retry = { ...run, run_id: "r2" };
    expect(pipelineGate([retry, { ...run, status: "failed" }], false)).toMatchObject({ status: "failed", detail: "fraud-features run r1 is failed" });
    expect(pipelineGate([retry, run], false)).toMatchObject({
      status: "passed",
      detail: "fraud-features run r2, fraud-features run r1 each succeeded with all checks passing",
    });
  });
});

describe("evaluateGates", () => {
  const noEvidence = {
    modelCard: "card",
    candidateMetrics: {},
    production: null,
    tolerance: 0,
    drift: { missing: "no reference sample" },
    producingRuns: [],
    required: NO_REQUIREMENTS,
    quality: { missing: "the model had no quality task when the request was made" },
  };
  it("answers every gate, in the contract's order, missing evidence as not applicable", () => {
    expect(evaluateGates(noEvidence).map((g) => [g.name, g.status, g.passed])).toEqual([
      ["model_card", "passed", true],
      ["metrics_no_worse", "not_applicable", true],
      ["no_drift", "not_applicable", true],
      ["pipeline_run", "not_applicable", true],
      ["quality_vs_production", "not_applicable", true],
    ]);
  });
  it("turns a missing producing run into a failure under require_producing_run, and nothing else", () => {
    expect(evaluateGates({ ...noEvidence, required: { ...NO_REQUIREMENTS, producingRun: true } }).map((g) => g.status)).toEqual([
      "passed",
      "not_applicable",
      "not_applicable",
      "failed",
      "not_applicable",
    ]);
  });
  it("judges realized quality by the policy's metric tolerance", () => {
    const quality = {
      metric: "roc_auc" as const,
      candidate: { version: "v4", n_labeled: 500, value: 0.85, interval: null },
      production: { version: "v3", n_labeled: 500, value: 0.9, interval: null },
    };
    const gate = (tolerance: number) => evaluateGates({ ...noEvidence, quality, tolerance }).find((g) => g.name === "quality_vs_production");
    expect(gate(0.01)).toMatchObject({ status: "failed", passed: false });
    expect(gate(0.1)).toMatchObject({ status: "passed", passed: true });
  });
});

describe("waivers", () => {
  const failing = driftGate({ drifting: ["amount"] });
  it("shows a waived failing gate as waived, no longer blocking", () => {
    expect(withWaiver(failing, true)).toEqual({ ...failing, passed: true, status: "waived" });
  });
  it("leaves a gate without a waiver, and a gate that does not fail, as it is", () => {
    expect(withWaiver(failing, false)).toBe(failing);
    const notApplicable = pipelineGate([], false);
    expect(withWaiver(notApplicable, true)).toBe(notApplicable);
  });
});

describe("production's value beside each gate", () => {
  const evidence = {
    modelCard: "card",
    candidateMetrics: { auc: 0.91 },
    production: { version: "v3", metrics: { auc: 0.9, latency_p95_ms: 101.25 } },
    tolerance: 0.01,
    drift: { drifting: ["amount"] },
    producingRuns: [],
    required: NO_REQUIREMENTS,
    quality: {
      metric: "roc_auc" as const,
      candidate: { version: "v4", n_labeled: 500, value: 0.9, interval: null },
      production: { version: "v3", n_labeled: 400, value: 0.912345, interval: null },
    },
    productionDrift: { drifting: ["amount 1.02"] },
    productionRuns: [{ pipeline: "train", run_id: "r7", status: "failed", checks: [] }],
  };
  it("names production's metrics, drift, producing run and realized quality", () => {
    expect(Object.fromEntries(evaluateGates(evidence).map((g) => [g.name, g.production]))).toEqual({
      model_card: null,
      metrics_no_worse: "v3: auc 0.9, latency_p95_ms 101",
      no_drift: "v3 is drifting too: amount 1.02",
      pipeline_run: "v3: train run r7 is failed",
      quality_vs_production: "v3: ROC AUC 0.912 on 400 labeled predictions",
    });
  });
  it("says drifting without 'too' when the candidate does not drift, and nothing without production", () => {
    expect(evaluateGates({ ...evidence, drift: { drifting: [] } }).find((g) => g.name === "no_drift")?.production).toBe("v3 is drifting: amount 1.02");
    expect(evaluateGates({ ...evidence, production: null }).every((g) => g.production === null)).toBe(true);
  });
});

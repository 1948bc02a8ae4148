import { describe, expect, it } from "vitest";
import { driftGate, evaluateGates, lowerIsBetter, metricsGate, modelCardGate, pipelineGate } from "./gates";

describe("model card gate", () => {
  it.each([
    ["# fraud-detector v4\nIntended use …", true],
    ["", false],
    ["   \n ", false],
    [null, false],
  ])("%j → passed %s", (card, passed) => {
    expect(modelCardGate(card).passed).toBe(passed);
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
    expect(result.passed).toBe(passed);
    if (mentions) expect(result.detail).toContain(mentions);
  });

  it("passes when nothing is in production, and says so", () => {
    expect(metricsGate({ auc: 0.1 }, null, 0)).toEqual({ name: "metrics_no_worse", passed: true, detail: "no version in production to compare against" });
  });

  it("compares against a production value of zero without dividing by it", () => {
    expect(metricsGate({ error_rate: 0 }, { version: "v1", metrics: { error_rate: 0 } }, 0).passed).toBe(true);
    expect(metricsGate({ error_rate: 0.01 }, { version: "v1", metrics: { error_rate: 0 } }, 0.5).passed).toBe(false);
  });
});

describe("drift gate", () => {
  it("passes without feature data, saying so", () => {
    expect(driftGate(null)).toEqual({ name: "no_drift", passed: true, detail: "no feature data" });
  });
  it("passes when no feature drifted", () => {
    expect(driftGate([]).passed).toBe(true);
  });
  it("fails naming the drifting features", () => {
    expect(driftGate(["hour", "amount"])).toEqual({ name: "no_drift", passed: false, detail: "drifting in the last 24 h: amount, hour" });
  });
});

describe("pipeline gate", () => {
  const run = { pipeline: "fraud-features", run_id: "r1", status: "succeeded", checks: [{ name: "row_count", passed: true }] };
  it("passes without a producing run, saying so", () => {
    expect(pipelineGate(null)).toMatchObject({ passed: true, detail: "no producing pipeline run recorded" });
  });
  it("passes a succeeded run with every check passing", () => {
    expect(pipelineGate(run).passed).toBe(true);
  });
  it.each(["failed", "running"])("fails a %s run", (status) => {
    expect(pipelineGate({ ...run, status })).toMatchObject({ passed: false, detail: `fraud-features run r1 is ${status}` });
  });
  it("fails a succeeded run with a failing check, naming it", () => {
    const result = pipelineGate({ ...run, checks: [...run.checks, { name: "null_share", passed: false }] });
    expect(result.passed).toBe(false);
    expect(result.detail).toContain("null_share");
  });
});

describe("evaluateGates", () => {
  it("answers every gate, in the contract's order", () => {
    const gates = evaluateGates({ modelCard: "card", candidateMetrics: {}, production: null, tolerance: 0, drifting: null, producingRun: null });
    expect(gates.map((g) => [g.name, g.passed])).toEqual([
      ["model_card", true],
      ["metrics_no_worse", true],
      ["no_drift", true],
      ["pipeline_run", true],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { driftGate, evaluateGates, pipelineGate, type GateEvidence } from "./gates";
import { missingEvidence, NO_REQUIREMENTS, type EvidenceRequirements } from "./gate-status";

describe("missing evidence", () => {
  it("is not applicable, not blocking, with its reason, when the policy does not require it", () => {
    expect(missingEvidence("no_drift", "no feature traffic in the last 24 h", false)).toEqual({
      name: "no_drift",
      passed: true,
      status: "not_applicable",
      detail: "no feature traffic in the last 24 h",
    });
  });
  it("fails, saying the policy requires it, when it does", () => {
    expect(missingEvidence("no_drift", "no feature traffic in the last 24 h", true)).toEqual({
      name: "no_drift",
      passed: false,
      status: "failed",
      detail: "no feature traffic in the last 24 h, and the policy requires it",
    });
  });
});

/** Every gate's status for each evidence case, with each requirement off and on. */
describe("gate status for each evidence case", () => {
  const production = { version: "v3", metrics: { auc: 0.9 } };
  const run = { pipeline: "train", run_id: "r1", status: "succeeded", checks: [{ name: "auc", passed: true }] };
  const labeled = (n: number, value: number | null = 0.9) => ({ version: "v4", n_labeled: n, value, interval: null });
  const full: GateEvidence = {
    modelCard: "# card",
    candidateMetrics: { auc: 0.91 },
    production,
    tolerance: 0.01,
    drift: { drifting: [] },
    producingRuns: [run],
    required: NO_REQUIREMENTS,
    quality: { metric: "roc_auc", candidate: labeled(500), production: { ...labeled(500), version: "v3" } },
  };
  const status = (evidence: Partial<GateEvidence>, required: Partial<EvidenceRequirements> = {}) =>
    Object.fromEntries(evaluateGates({ ...full, ...evidence, required: { ...NO_REQUIREMENTS, ...required } }).map((g) => [g.name, g.status]));

  it("passes every gate when every piece of evidence exists and is good, whatever the policy requires", () => {
    const all = { model_card: "passed", metrics_no_worse: "passed", no_drift: "passed", pipeline_run: "passed", quality_vs_production: "passed" };
    expect(status({})).toEqual(all);
    expect(status({}, { producingRun: true, driftData: true, labeledTraffic: true })).toEqual(all);
  });

  const cases: { name: string; gate: string; evidence: Partial<GateEvidence>; requirement: keyof EvidenceRequirements }[] = [
    { name: "no producing pipeline run recorded", gate: "pipeline_run", evidence: { producingRuns: [] }, requirement: "producingRun" },
    { name: "no reference sample", gate: "no_drift", evidence: { drift: { missing: "no reference sample" } }, requirement: "driftData" },
    { name: "no feature traffic", gate: "no_drift", evidence: { drift: { missing: "no feature traffic in the last 24 h" } }, requirement: "driftData" },
    {
      name: "not enough labeled traffic for the candidate",
      gate: "quality_vs_production",
      evidence: { quality: { metric: "roc_auc", candidate: labeled(199), production: { ...labeled(500), version: "v3" } } },
      requirement: "labeledTraffic",
    },
    {
      name: "not enough labeled traffic for production",
      gate: "quality_vs_production",
      evidence: { quality: { metric: "roc_auc", candidate: labeled(500), production: { ...labeled(10), version: "v3" } } },
      requirement: "labeledTraffic",
    },
    {
      name: "labels of one class only (the metric is undefined)",
      gate: "quality_vs_production",
      evidence: { quality: { metric: "roc_auc", candidate: labeled(500, null), production: { ...labeled(500), version: "v3" } } },
      requirement: "labeledTraffic",
    },
    {
      name: "no quality task to judge labeled traffic by",
      gate: "quality_vs_production",
      evidence: { quality: { missing: "the model had no quality task when the request was made" } },
      requirement: "labeledTraffic",
    },
  ];
  it.each(cases)("$name: not applicable, failed when the policy requires it, and only that gate moves", ({ gate, evidence, requirement }) => {
    expect(status(evidence)[gate]).toBe("not_applicable");
    const required = status(evidence, { [requirement]: true });
    expect(required[gate]).toBe("failed");
    // The other requirements leave it not applicable: each setting answers for its own evidence.
    const others = (Object.keys(NO_REQUIREMENTS) as (keyof EvidenceRequirements)[]).filter((k) => k !== requirement);
    expect(status(evidence, Object.fromEntries(others.map((k) => [k, true])))[gate]).toBe("not_applicable");
    for (const [name, s] of Object.entries(required)) if (name !== gate) expect(s).toBe("passed");
  });

  it("nothing in production to compare against is not applicable even when every evidence is required: it is no missing evidence of the candidate", () => {
    const strict = { producingRun: true, driftData: true, labeledTraffic: true };
    expect(status({ production: null, quality: { metric: "roc_auc", candidate: labeled(500), production: null } }, strict)).toMatchObject({
      metrics_no_worse: "not_applicable",
      quality_vs_production: "not_applicable",
    });
  });

  it("failing evidence fails whatever the policy requires", () => {
    expect(status({ drift: { drifting: ["amount"] } }).no_drift).toBe("failed");
    expect(status({ producingRuns: [{ ...run, status: "failed" }] }).pipeline_run).toBe("failed");
    expect(status({ modelCard: null }).model_card).toBe("failed");
    expect(status({ candidateMetrics: { auc: 0.5 } }).metrics_no_worse).toBe("failed");
    expect(status({ quality: { metric: "roc_auc", candidate: labeled(500, 0.5), production: { ...labeled(500), version: "v3" } } }).quality_vs_production).toBe(
      "failed",
    );
  });

  it("the single-gate functions take the requirement too", () => {
    expect(driftGate({ missing: "no reference sample" }, true)).toMatchObject({ status: "failed", passed: false });
    expect(pipelineGate([], true)).toMatchObject({ status: "failed", detail: "no producing pipeline run recorded, and the policy requires it" });
  });
});

/**
 * The policy gates (contract 4.5) as pure functions of the evidence gathered for a request.
 * Evaluated when a request is made and again at each approval and waiver, so a request never
 * executes on evidence that has gone stale since it was filed.
 */
import type { GateResult } from "@/drizzle/schema/governance";
import { lowerIsBetter } from "@/lib/metrics/display";
import { QUALITY_GATE, QUALITY_GATE_LABEL, qualityGate, type QualityEvidence } from "@/lib/quality/gate";
import { METRIC_LABELS } from "@/lib/quality/metrics";
import { missingEvidence, type EvidenceRequirements } from "./gate-status";

export const GATE_NAMES = ["model_card", "metrics_no_worse", "no_drift", "pipeline_run", QUALITY_GATE] as const;
export type GateName = (typeof GATE_NAMES)[number];

export const GATE_LABELS: Record<GateName, string> = {
  model_card: "Model card present",
  metrics_no_worse: "Declared metrics no worse than production",
  no_drift: "No drifting features in the last 24 h",
  pipeline_run: "Producing pipeline run succeeded with all checks",
  [QUALITY_GATE]: QUALITY_GATE_LABEL,
};

const passed = (name: GateName, detail: string): GateResult => ({ name, passed: true, status: "passed", detail });
const failed = (name: GateName, detail: string): GateResult => ({ name, passed: false, status: "failed", detail });
/** The gate's evidence does not exist: said so, never shown as passed, and it does not block. */
const notApplicable = (name: GateName, detail: string): GateResult => ({ name, passed: true, status: "not_applicable", detail });

export function modelCardGate(card: string | null): GateResult {
  return card?.trim() ? passed("model_card", "model card present") : failed("model_card", "the version has no model card");
}

// Which direction is better comes from the metric's name, as everywhere in the product
// (lib/metrics/display.ts): names with a token such as loss, error, latency, rmse, mae, mse, mape
// or ms are lower-is-better; everything else (auc, accuracy, precision, recall, ndcg, ks, …) higher.
export { lowerIsBetter };

/** How much worse the candidate is, as a fraction of production's value (negative: better). */
export function relativeRegression(metric: string, candidate: number, production: number): number {
  const worseBy = lowerIsBetter(metric) ? candidate - production : production - candidate;
  // A production value of 0 would make every change infinite; compare against a tiny floor instead.
  return worseBy / Math.max(Math.abs(production), 1e-9);
}

function percent(fraction: number): string {
  return `${(fraction * 100).toPrecision(3).replace(/\.?0+$/, "")}%`;
}

/**
 * Every metric production declares must be declared by the candidate and be no worse than
 * production's value by more than `tolerance` (a fraction of production's value). A metric only
 * the candidate declares has nothing to be compared against and does not count.
 */
export function metricsGate(
  candidate: Record<string, number>,
  production: { version: string; metrics: Record<string, number> } | null,
  tolerance: number,
): GateResult {
  const name = "metrics_no_worse";
  if (!production) return notApplicable(name, "no version in production to compare against");
  const names = Object.keys(production.metrics).sort();
  if (names.length === 0) return notApplicable(name, `production ${production.version} declares no metrics to compare against`);
  const problems: string[] = [];
  for (const metric of names) {
    const value = candidate[metric];
    if (value === undefined) {
      problems.push(`${metric} not declared (production ${production.version}: ${production.metrics[metric]})`);
      continue;
    }
    const regression = relativeRegression(metric, value, production.metrics[metric]);
    if (regression > tolerance + 1e-12) {
      problems.push(`${metric} ${value} vs ${production.metrics[metric]} in production ${production.version}: worse by ${percent(regression)}`);
    }
  }
  if (problems.length) return failed(name, `${problems.join("; ")} (tolerance ${percent(tolerance)})`);
  return passed(name, `${names.join(", ")} no worse than production ${production.version} beyond ${percent(tolerance)}`);
}

/** The features that drifted, or why drift could not be judged (no reference sample, no traffic). */
export type DriftFinding = { drifting: readonly string[] } | { missing: string };

export function driftGate(finding: DriftFinding, requireDriftData = false): GateResult {
  const name = "no_drift";
  if ("missing" in finding) return missingEvidence(name, finding.missing, requireDriftData);
  if (finding.drifting.length === 0) return passed(name, "no drifting features in the last 24 h");
  return failed(name, `drifting in the last 24 h: ${[...finding.drifting].sort().join(", ")}`);
}

export interface ProducingRunEvidence {
  pipeline: string;
  run_id: string;
  status: string;
  checks: { name: string; passed: boolean }[];
}

function runProblem(run: ProducingRunEvidence): string | null {
  const label = `${run.pipeline} run ${run.run_id}`;
  if (run.status !== "succeeded") return `${label} is ${run.status}`;
  const failedChecks = run.checks.filter((c) => !c.passed).map((c) => c.name);
  return failedChecks.length ? `${label} succeeded but checks failed: ${failedChecks.join(", ")}` : null;
}

/**
 * Every run that reports producing the version must have succeeded with all its checks: a later
 * run claiming the same version adds evidence, it never replaces a failure. No run at all (the
 * version may have been registered by hand) is not applicable, unless the policy requires one.
 */
export function pipelineGate(runs: readonly ProducingRunEvidence[], requireProducingRun: boolean): GateResult {
  const name = "pipeline_run";
  if (runs.length === 0) return missingEvidence(name, "no producing pipeline run recorded", requireProducingRun);
  const problems = runs.map(runProblem).filter((p) => p !== null);
  if (problems.length) return failed(name, problems.join("; "));
  if (runs.length > 1) return passed(name, `${runs.map((r) => `${r.pipeline} run ${r.run_id}`).join(", ")} each succeeded with all checks passing`);
  const [run] = runs;
  return passed(name, `${run.pipeline} run ${run.run_id} succeeded with ${run.checks.length} check${run.checks.length === 1 ? "" : "s"} passing`);
}

export interface GateEvidence {
  modelCard: string | null;
  candidateMetrics: Record<string, number>;
  production: { version: string; metrics: Record<string, number> } | null;
  tolerance: number;
  drift: DriftFinding;
  producingRuns: readonly ProducingRunEvidence[];
  /** The missing evidence the policy turns into a failure. */
  required: EvidenceRequirements;
  /** Realized quality of candidate and production on labeled traffic, judged by the same tolerance as declared metrics. */
  quality: QualityEvidence;
  /** The production version's own drift ("amount 1.02" per drifting feature) and producing runs, shown beside the candidate's. */
  productionDrift?: DriftFinding;
  productionRuns?: readonly ProducingRunEvidence[];
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}

/**
 * Production's value for what each gate judges, where there is one, so a reviewer reads the
 * candidate against it ("v3 is drifting too: amount 1.02"). Null without a production version.
 */
export function productionValues(evidence: GateEvidence, candidateGates: readonly GateResult[]): Partial<Record<GateName, string>> {
  const production = evidence.production;
  if (!production) return {};
  const v = production.version;
  const out: Partial<Record<GateName, string>> = {};
  const metrics = Object.entries(production.metrics).sort(([a], [b]) => a.localeCompare(b));
  out.metrics_no_worse = metrics.length ? `${v}: ${metrics.map(([name, value]) => `${name} ${formatValue(value)}`).join(", ")}` : `${v} declares no metrics`;
  const drift = evidence.productionDrift;
  if (drift) {
    if ("missing" in drift) out.no_drift = `${v}: ${drift.missing}`;
    else if (drift.drifting.length === 0) out.no_drift = `${v}: no drifting features in the last 24 h`;
    else {
      const candidateDrifts = candidateGates.some((g) => g.name === "no_drift" && g.status === "failed");
      out.no_drift = `${v} is drifting${candidateDrifts ? " too" : ""}: ${[...drift.drifting].sort().join(", ")}`;
    }
  }
  const runs = evidence.productionRuns;
  if (runs) {
    const problems = runs.map(runProblem).filter((p) => p !== null);
    out.pipeline_run =
      runs.length === 0
        ? `${v}: no producing pipeline run recorded`
        : problems.length
          ? `${v}: ${problems.join("; ")}`
          : `${v}: ${runs.map((r) => `${r.pipeline} run ${r.run_id}`).join(", ")} succeeded with all checks passing`;
  }
  const quality = evidence.quality;
  if (!("missing" in quality) && quality.production) {
    const p = quality.production;
    const label = METRIC_LABELS[quality.metric];
    out[QUALITY_GATE] =
      p.value === null
        ? `${v}: ${label} undefined on ${p.n_labeled} labeled predictions`
        : `${v}: ${label} ${formatValue(p.value)} on ${p.n_labeled} labeled predictions`;
  }
  return out;
}

export function evaluateGates(evidence: GateEvidence): GateResult[] {
  const gates = [
    modelCardGate(evidence.modelCard),
    metricsGate(evidence.candidateMetrics, evidence.production, evidence.tolerance),
    driftGate(evidence.drift, evidence.required.driftData),
    pipelineGate(evidence.producingRuns, evidence.required.producingRun),
    qualityGate(evidence.quality, evidence.tolerance, evidence.required.labeledTraffic),
  ];
  const production = productionValues(evidence, gates);
  return gates.map((g) => ({ ...g, production: production[g.name as GateName] ?? null }));
}

/** A failing gate compliance waived no longer blocks: shown as waived, with `passed` true. */
export function withWaiver(gate: GateResult, waived: boolean): GateResult {
  return waived && gate.status === "failed" ? { ...gate, passed: true, status: "waived" } : gate;
}

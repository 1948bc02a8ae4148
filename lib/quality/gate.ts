/**
 * The promotion gate on realized quality: the candidate's primary metric on its labeled traffic of
 * the last 7 days against production's over the same window. Pure.
 */
import { missingEvidence } from "@/lib/governance/gate-status";
import { METRIC_LABELS, qualityLowerIsBetter, type QualityMetric } from "./metrics";

export const QUALITY_GATE = "quality_vs_production";
export const QUALITY_GATE_LABEL = "Realized quality no worse than production (last 7 days)";
export const QUALITY_GATE_WINDOW_MS = 7 * 86_400_000;
/** Below this many labeled predictions on either side a comparison says more about noise than about the models. */
export const MIN_LABELED_FOR_GATE = 200;

export interface RealizedEvidence {
  version: string;
  n_labeled: number;
  /** The metric on those labeled predictions; null where undefined (e.g. ROC AUC with one class). */
  value: number | null;
  /** Its 95 % interval, when there is one. */
  interval: { low: number; high: number } | null;
}

export type QualityEvidence = { missing: string } | { metric: QualityMetric; candidate: RealizedEvidence; production: RealizedEvidence | null };

export interface QualityGateResult {
  name: typeof QUALITY_GATE;
  /** True when the gate does not block the request. */
  passed: boolean;
  status: "passed" | "failed" | "not_applicable";
  detail: string;
}

const notApplicable = (detail: string): QualityGateResult => ({ name: QUALITY_GATE, passed: true, status: "not_applicable", detail });

function formatted(value: number): string {
  return value
    .toPrecision(4)
    .replace(/(\.\d*?)0+$/, "$1")
    .replace(/\.$/, "");
}

function described(evidence: RealizedEvidence & { value: number }): string {
  const interval = evidence.interval ? `, 95 % ${formatted(evidence.interval.low)}–${formatted(evidence.interval.high)}` : "";
  return `${formatted(evidence.value)} (${evidence.n_labeled} labeled${interval})`;
}

/**
 * Not applicable without a production version to compare with. Without a quality task, with fewer
 * than MIN_LABELED_FOR_GATE labeled predictions on either side ("not enough labeled traffic"), or
 * with labels that leave the metric undefined, the labeled evidence is missing: not applicable, or
 * failed when the policy requires labeled traffic (`requireLabeledTraffic`). Fails when the candidate is worse than production by more than `tolerance`, a
 * fraction of production's value (the policy's metric tolerance).
 */
export function qualityGate(evidence: QualityEvidence, tolerance: number, requireLabeledTraffic = false): QualityGateResult {
  const missing = (reason: string) => missingEvidence(QUALITY_GATE, reason, requireLabeledTraffic) as QualityGateResult;
  if ("missing" in evidence) return missing(evidence.missing);
  const { metric, candidate, production } = evidence;
  const label = METRIC_LABELS[metric];
  if (production === null) return notApplicable("no version in production to compare against");
  if (candidate.n_labeled < MIN_LABELED_FOR_GATE || production.n_labeled < MIN_LABELED_FOR_GATE) {
    return missing(
      `not enough labeled traffic: ${candidate.n_labeled} labeled predictions for ${candidate.version} and ${production.n_labeled} for production ${production.version} in the last 7 days (${MIN_LABELED_FOR_GATE} needed on each side)`,
    );
  }
  if (candidate.value === null || production.value === null) {
    const undefinedFor = candidate.value === null ? candidate.version : `production ${production.version}`;
    return missing(`${label} is undefined for ${undefinedFor} in the last 7 days (its labels hold one class only)`);
  }
  const worseBy = qualityLowerIsBetter(metric) ? candidate.value - production.value : production.value - candidate.value;
  const relative = worseBy / Math.max(Math.abs(production.value), 1e-9);
  const comparison = `${label} ${described({ ...candidate, value: candidate.value })} vs ${described({ ...production, value: production.value })} in production ${production.version}, last 7 days`;
  const allowance = `tolerance ${formatted(tolerance * 100)}%`;
  if (relative > tolerance + 1e-12) {
    return { name: QUALITY_GATE, passed: false, status: "failed", detail: `${comparison}: worse by ${formatted(relative * 100)}% (${allowance})` };
  }
  return { name: QUALITY_GATE, passed: true, status: "passed", detail: `${comparison}: no worse beyond the ${allowance}` };
}

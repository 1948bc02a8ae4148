/**
 * What a gate says when the evidence it judges does not exist (no producing pipeline run, no drift
 * data, not enough labeled traffic). Pure, shared by every gate whose evidence can be missing.
 */
import type { GateResult } from "@/drizzle/schema/governance";

/** Which missing evidence the policy turns from not applicable into a failure. */
export interface EvidenceRequirements {
  producingRun: boolean;
  driftData: boolean;
  labeledTraffic: boolean;
}

export const NO_REQUIREMENTS: EvidenceRequirements = { producingRun: false, driftData: false, labeledTraffic: false };

/**
 * Missing evidence is never a pass: it is `not_applicable` (shown grey with its reason, and it does
 * not block), or `failed` when the policy requires that evidence.
 */
export function missingEvidence(name: string, reason: string, required: boolean): GateResult {
  return required
    ? { name, passed: false, status: "failed", detail: `${reason}, and the policy requires it` }
    : { name, passed: true, status: "not_applicable", detail: reason };
}

import "server-only";
import { and, eq } from "drizzle-orm";
import { modelVersions, type GateResult, type QualityGateRules } from "@/drizzle/schema";
import type { Db, DbOrTx } from "@/lib/db";
import { driftEvidenceInForce, type DriftEvidence } from "@/lib/drift/evaluate";
import { modelDrift } from "@/lib/drift/queries";
import { DriftInputError } from "@/lib/drift/stats/errors";
import { producingRuns } from "@/lib/pipelines/queries";
import { qualityGateEvidence } from "@/lib/quality/queries";
import type { VersionRow } from "@/lib/registry/queries";
import { evaluateGates, type DriftFinding, type ProducingRunEvidence } from "./gates";
import type { PolicyRow } from "./queries";

export const DRIFT_WINDOW_MS = 24 * 3_600_000;

/** The version currently in production, if any: what the candidate is measured against. */
export async function productionVersion(db: DbOrTx, modelId: string): Promise<VersionRow | undefined> {
  return db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, modelId), eq(modelVersions.stage, "production")) });
}

/**
 * What the drift gate finds for the version over the last 24 h, judged by the reference sample and
 * settings the request bound: the drifting features, or why drift cannot be judged.
 */
async function driftInWindow(db: DbOrTx, model: string, version: string, evidence: DriftEvidence, now: Date): Promise<DriftFinding> {
  if (evidence.referenceSampleId === null) return { missing: "no reference sample when the request was made: drift cannot be judged" };
  try {
    // A transaction is a database for these reads; the gate must read inside the decision's transaction.
    const answer = await modelDrift(db as Db, model, { version, from: new Date(now.getTime() - DRIFT_WINDOW_MS), to: now }, evidence);
    if (answer.current_size === 0) return { missing: "no feature traffic in the last 24 h: drift cannot be judged" };
    return { drifting: answer.features.filter((f) => f.drifted).map((f) => f.feature) };
  } catch (error) {
    // Degenerate samples are reported, not hidden: the gate fails with the reason and compliance may waive it.
    if (error instanceof DriftInputError) return { drifting: [`(drift could not be computed: ${error.message})`] };
    throw error;
  }
}

/** The production version's own drift over the same window, by its own reference and the settings in force: "amount 1.02". */
async function productionDrift(db: DbOrTx, model: string, production: VersionRow, now: Date): Promise<DriftFinding> {
  const evidence = await driftEvidenceInForce(db, production);
  if (evidence.referenceSampleId === null) return { missing: "no reference sample: drift cannot be judged" };
  try {
    const answer = await modelDrift(db as Db, model, { version: production.version, from: new Date(now.getTime() - DRIFT_WINDOW_MS), to: now }, evidence);
    if (answer.current_size === 0) return { missing: "no feature traffic in the last 24 h" };
    return {
      drifting: answer.features.filter((f) => f.drifted).map((f) => `${f.feature} ${f.statistic === null ? "∞" : Number(f.statistic.toPrecision(3))}`),
    };
  } catch (error) {
    if (error instanceof DriftInputError) return { missing: `drift could not be computed: ${error.message}` };
    throw error;
  }
}

async function producingRunEvidence(db: DbOrTx, model: string, version: string): Promise<ProducingRunEvidence[]> {
  const produced = await producingRuns(db, model, version);
  return produced.map(({ pipeline, run }) => ({ pipeline, run_id: run.run_id, status: run.status, checks: run.checks }));
}

/** The rules a request is judged by, fixed when it is made: its policy version, its drift evidence and its quality metric. */
export interface BoundRules {
  policy: Pick<PolicyRow, "metricTolerance" | "requireProducingRun" | "requireDriftData" | "requireLabeledTraffic">;
  drift: DriftEvidence;
  quality: QualityGateRules | null;
}

/** Gathers the evidence for a version and evaluates every gate by the rules bound to the request. */
export async function gatesFor(db: DbOrTx, model: string, candidate: VersionRow, rules: BoundRules): Promise<GateResult[]> {
  const found = await productionVersion(db, candidate.modelId);
  const production = found && found.id !== candidate.id ? found : null;
  const now = new Date();
  return evaluateGates({
    modelCard: candidate.modelCard,
    candidateMetrics: candidate.metrics,
    production: production ? { version: production.version, metrics: production.metrics } : null,
    tolerance: rules.policy.metricTolerance,
    drift: await driftInWindow(db, model, candidate.version, rules.drift, now),
    producingRuns: await producingRunEvidence(db, model, candidate.version),
    required: {
      producingRun: rules.policy.requireProducingRun,
      driftData: rules.policy.requireDriftData,
      labeledTraffic: rules.policy.requireLabeledTraffic,
    },
    quality: await qualityGateEvidence(db, rules.quality, candidate, production, now),
    productionDrift: production ? await productionDrift(db, model, production, now) : undefined,
    productionRuns: production ? await producingRunEvidence(db, model, production.version) : undefined,
  });
}

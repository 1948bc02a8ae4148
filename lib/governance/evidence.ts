import "server-only";
import { and, eq } from "drizzle-orm";
import { modelVersions, type GateResult } from "@/drizzle/schema";
import type { Db, DbOrTx } from "@/lib/db";
import { DriftInputError } from "@/lib/drift/stats/errors";
import { modelDrift } from "@/lib/drift/queries";
import { producingRun } from "@/lib/pipelines/queries";
import type { VersionRow } from "@/lib/registry/queries";
import { evaluateGates, type ProducingRunEvidence } from "./gates";

export const DRIFT_WINDOW_MS = 24 * 3_600_000;

/** The version currently in production, if any: what the candidate is measured against. */
export async function productionVersion(db: DbOrTx, modelId: string): Promise<VersionRow | undefined> {
  return db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, modelId), eq(modelVersions.stage, "production")) });
}

/**
 * The features of the version that drifted in the last 24 h; `null` when there is no feature data
 * to judge by (no reference sample or no traffic). Reads lib/drift's modelDrift, the query behind
 * its driftingFeatures, because the gate must also tell "no data" from "no drift".
 */
async function driftingInWindow(db: DbOrTx, model: string, version: string, now: Date): Promise<string[] | null> {
  try {
    // A transaction is a database for these reads; the gate must read inside the decision's transaction.
    const answer = await modelDrift(db as Db, model, { version, from: new Date(now.getTime() - DRIFT_WINDOW_MS), to: now });
    if (answer.reference_size === 0 || answer.current_size === 0) return null;
    return answer.features.filter((f) => f.drifted).map((f) => f.feature);
  } catch (error) {
    // Degenerate samples are reported, not hidden: the gate fails with the reason and compliance may waive it.
    if (error instanceof DriftInputError) return [`(drift could not be computed: ${error.message})`];
    throw error;
  }
}

async function producingRunEvidence(db: DbOrTx, model: string, version: string): Promise<ProducingRunEvidence | null> {
  const produced = await producingRun(db, model, version);
  if (!produced) return null;
  return { pipeline: produced.pipeline, run_id: produced.run.run_id, status: produced.run.status, checks: produced.run.checks };
}

/** Gathers the evidence for a version and evaluates every gate against the bound policy's tolerance. */
export async function gatesFor(db: DbOrTx, model: string, candidate: VersionRow, tolerance: number): Promise<GateResult[]> {
  const production = await productionVersion(db, candidate.modelId);
  return evaluateGates({
    modelCard: candidate.modelCard,
    candidateMetrics: candidate.metrics,
    production: production && production.id !== candidate.id ? { version: production.version, metrics: production.metrics } : null,
    tolerance,
    drifting: await driftingInWindow(db, model, candidate.version, new Date()),
    producingRun: await producingRunEvidence(db, model, candidate.version),
  });
}

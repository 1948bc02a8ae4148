import "server-only";
import { and, eq } from "drizzle-orm";
import type { GateResult } from "@/drizzle/schema";
import { modelVersions } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db";
import type { VersionRow } from "@/lib/registry/models";
import { evaluateGates, type ProducingRunEvidence } from "./gates";

export const DRIFT_WINDOW_MS = 24 * 3_600_000;

/** The version currently in production, if any: what the candidate is measured against. */
export async function productionVersion(db: DbOrTx, modelId: string): Promise<VersionRow | undefined> {
  return db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, modelId), eq(modelVersions.stage, "production")) });
}

/**
 * Which features of the version drifted since `since`; `null` when no feature data exists.
 * Drift storage is being built in lib/drift; until its query lands there is no feature data.
 */
async function driftingFeatures(): Promise<string[] | null> {
  return null;
}

/** The pipeline run that produced the version; `null` when none says so. Wired to lib/pipelines once it lands. */
async function producingRun(): Promise<ProducingRunEvidence | null> {
  return null;
}

/** Gathers the evidence for a version and evaluates every gate against the bound policy's tolerance. */
export async function gatesFor(db: DbOrTx, candidate: VersionRow, tolerance: number): Promise<GateResult[]> {
  const production = await productionVersion(db, candidate.modelId);
  return evaluateGates({
    modelCard: candidate.modelCard,
    candidateMetrics: candidate.metrics,
    production: production && production.id !== candidate.id ? { version: production.version, metrics: production.metrics } : null,
    tolerance,
    drifting: await driftingFeatures(),
    producingRun: await producingRun(),
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import { models, modelVersions } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { evaluateDrift, loadCurrent, loadReference, loadSettings } from "./evaluate";
import type { DriftSummary } from "./types";

export const STATUS_WINDOW_MS = 24 * 3_600_000;

/**
 * Per model name, the drift verdict of its production version over the last 24 hours, for
 * models whose production version has features to judge (a reference and traffic). Models
 * missing from the map have nothing to judge: their status stays unknown.
 */
export async function modelDriftStatus(db: Db, now = new Date()): Promise<Map<string, DriftSummary & { features: number }>> {
  const production = await db
    .select({ name: models.name, modelId: models.id, versionId: modelVersions.id })
    .from(modelVersions)
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .where(eq(modelVersions.stage, "production"));
  const status = new Map<string, DriftSummary & { features: number }>();
  for (const p of production) {
    const reference = await loadReference(db, p.versionId);
    if (reference.length === 0) continue;
    const drift = evaluateDrift(
      reference,
      await loadCurrent(db, p.versionId, new Date(now.getTime() - STATUS_WINDOW_MS), now),
      await loadSettings(db, p.modelId),
    );
    if (drift.features.length === 0) continue;
    status.set(p.name, { share_drifted: drift.share_drifted, drifted: drift.drifted, features: drift.features.length });
  }
  return status;
}

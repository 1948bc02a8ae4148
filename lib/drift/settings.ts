import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, eq, inArray, sql } from "drizzle-orm";
import { driftDaily, driftSettings, modelVersions } from "@/drizzle/schema";
import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db";
import { requireModel } from "@/lib/registry/models";
import type { DriftSettingsInput } from "./schemas";

export interface DriftSettingView {
  feature: string;
  method: string | null;
  threshold: number | null;
  updated_at: string;
  updated_by: string;
}

export async function listDriftSettings(db: Db, modelName: string): Promise<{ model: string; settings: DriftSettingView[] }> {
  const model = await requireModel(db, modelName);
  const rows = await db.select().from(driftSettings).where(eq(driftSettings.modelId, model.id)).orderBy(driftSettings.feature);
  return {
    model: model.name,
    settings: rows.map((r) => ({
      feature: r.feature,
      method: r.method,
      threshold: r.threshold,
      updated_at: r.updatedAt.toISOString(),
      updated_by: r.updatedBy,
    })),
  };
}

/**
 * Sets (or, with method and threshold both null, clears) per-feature overrides, audited in the
 * same transaction. The cached daily drift of those features is dropped: it used the old setting.
 */
export async function putDriftSettings(db: Db, modelName: string, input: DriftSettingsInput, by: Caller) {
  const model = await requireModel(db, modelName);
  await db.transaction(async (tx) => {
    for (const s of input.settings) {
      const method = s.method ?? null;
      const threshold = s.threshold ?? null;
      if (method === null && threshold === null) {
        await tx.delete(driftSettings).where(and(eq(driftSettings.modelId, model.id), eq(driftSettings.feature, s.feature)));
      } else {
        await tx
          .insert(driftSettings)
          .values({ modelId: model.id, feature: s.feature, method, threshold, updatedBy: by.actor })
          .onConflictDoUpdate({
            target: [driftSettings.modelId, driftSettings.feature],
            set: { method, threshold, updatedBy: by.actor, updatedAt: sql`now()` },
          });
      }
    }
    const versionIds = tx.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.modelId, model.id));
    await tx.delete(driftDaily).where(
      and(
        inArray(driftDaily.modelVersionId, versionIds),
        inArray(
          driftDaily.feature,
          input.settings.map((s) => s.feature),
        ),
      ),
    );
    await appendAudit(tx, by, {
      action: "drift.settings_changed",
      target: model.name,
      detail: { settings: input.settings.map((s) => ({ feature: s.feature, method: s.method ?? null, threshold: s.threshold ?? null })) },
    });
  });
  return listDriftSettings(db, modelName);
}

import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, asc, eq, lte } from "drizzle-orm";
import { modelVersions, stageHistory, type Stage } from "@/drizzle/schema";
import { apiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import type { Db, Tx } from "@/lib/db";
import { requireModel } from "./models";

/**
 * Moves a version into staging or production inside the caller's transaction. The former holder
 * of that stage is archived, and every move lands in stage_history, which `as_of` reads back.
 * Only governance (an approved promotion, a rollback) and the demo seed call this.
 */
export async function moveToStage(
  tx: Tx,
  input: { model: string; version: string; to: "staging" | "production"; promotionId?: string; reason?: string; at?: Date },
  by: Caller,
): Promise<void> {
  const model = await requireModel(tx, input.model);
  const at = input.at ?? new Date();
  const target = await tx.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, input.version)) });
  if (!target) throw apiError(404, `No version ${input.version} of model ${input.model}`);
  if (target.stage === input.to) throw apiError(409, `${input.model} ${input.version} is already in ${input.to}`);
  const holders = await tx.query.modelVersions.findMany({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, input.to)) });
  const moves: { version: string; from: Stage; to: Stage }[] = [
    ...holders.map((h) => ({ version: h.version, from: h.stage, to: "archived" as const })),
    { version: target.version, from: target.stage, to: input.to },
  ];
  for (const move of moves) {
    await tx
      .update(modelVersions)
      .set({ stage: move.to })
      .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, move.version)));
    await tx.insert(stageHistory).values({
      modelId: model.id,
      version: move.version,
      fromStage: move.from,
      toStage: move.to,
      at,
      by: by.actor,
      promotionId: input.promotionId ?? null,
      reason: input.reason ?? null,
    });
  }
  await appendAudit(tx, by, {
    action: "model.stage_changed",
    target: model.name,
    detail: { moves, promotion_id: input.promotionId ?? null, reason: input.reason ?? null },
  });
}

/** Which version held production and staging at an instant, replayed from stage history. */
export async function stagesAsOf(db: Db, modelName: string, asOf: Date) {
  const model = await requireModel(db, modelName);
  const history = await db
    .select()
    .from(stageHistory)
    .where(and(eq(stageHistory.modelId, model.id), lte(stageHistory.at, asOf)))
    .orderBy(asc(stageHistory.at), asc(stageHistory.id));
  const holder: Record<"production" | "staging", string | null> = { production: null, staging: null };
  for (const change of history) {
    for (const stage of ["production", "staging"] as const) {
      if (change.toStage === stage) holder[stage] = change.version;
      else if (change.fromStage === stage && holder[stage] === change.version) holder[stage] = null;
    }
  }
  return { as_of: asOf.toISOString(), production_version: holder.production, staging_version: holder.staging };
}

import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, eq } from "drizzle-orm";
import { modelVersions, stageHistory, type Stage, models } from "@/drizzle/schema";
import { apiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import { isUniqueViolation, type Db, type Tx } from "@/lib/db";
import { requireModel, summarise, versionView } from "./queries";
import type { CreateModelInput, CreateVersionInput, ModelSummary, VersionView } from "./schemas";

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

export async function createModel(db: Db, input: CreateModelInput, by: Caller): Promise<ModelSummary> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(models)
        .values({ name: input.name, description: input.description ?? "", owner: input.owner ?? "", task: input.task ?? "", createdBy: by.actor })
        .returning();
      await appendAudit(tx, by, { action: "model.created", target: row.name, detail: { ...input } });
      return summarise(row, []);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw apiError(409, `Model ${input.name} already exists`, [{ path: "name", message: "already exists" }]);
    throw error;
  }
}

/** Versions are immutable: registering the same version twice is a conflict, never an update. */
export async function createVersion(db: Db, modelName: string, input: CreateVersionInput, by: Caller): Promise<VersionView> {
  try {
    return await db.transaction(async (tx) => {
      const model = await requireModel(tx, modelName);
      const [row] = await tx
        .insert(modelVersions)
        .values({
          modelId: model.id,
          version: input.version,
          artifactUri: input.artifact_uri ?? null,
          metrics: input.metrics ?? {},
          modelCard: input.model_card ?? null,
          featureImportance: input.feature_importance ?? null,
          trainingRun: input.training_run ?? null,
          createdBy: by.actor,
        })
        .returning();
      await appendAudit(tx, by, {
        action: "model.version_created",
        target: model.name,
        detail: { version: input.version, metrics: input.metrics ?? {}, artifact_uri: input.artifact_uri ?? null },
      });
      return versionView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw apiError(409, `Version ${input.version} of ${modelName} already exists; versions are immutable`, [{ path: "version", message: "already exists" }]);
    }
    throw error;
  }
}

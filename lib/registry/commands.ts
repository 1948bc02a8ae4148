import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, eq } from "drizzle-orm";
import { modelVersions, predictions, stageHistory, type Stage, models } from "@/drizzle/schema";
import { appendAudit } from "@/lib/audit/append";
import { isUniqueViolation, type Db, type DbOrTx, type Tx } from "@/lib/db";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { isQualityTask, METRICS_BY_TASK, metricFitsTask, normalizeTask } from "@/lib/quality/metrics";
import { requireModel, summarise, versionView } from "./queries";
import type { CreateModelInput, CreateVersionInput, ModelSummary, UpdateModelInput, VersionView } from "./schemas";

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
  if (!target) throw new NotFound("version", input.version, `No version ${input.version} of model ${input.model}`);
  if (target.stage === input.to) throw new Conflict(`${input.model} ${input.version} is already in ${input.to}`);
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
        .values({
          name: input.name,
          description: input.description ?? "",
          owner: input.owner ?? "",
          task: normalizeTask(input.task ?? ""),
          createdBy: by.actor,
        })
        .returning();
      await appendAudit(tx, by, { action: "model.created", target: row.name, detail: { ...input } });
      return summarise(row, []);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`Model ${input.name} already exists`, [{ path: "name", message: "already exists" }]);
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
      throw new Conflict(`Version ${input.version} of ${modelName} already exists; versions are immutable`, [{ path: "version", message: "already exists" }]);
    }
    throw error;
  }
}

/**
 * Changes a model's description, owner, task or primary metric, audited. A primary metric must fit
 * the task in force after the change; a task change drops a chosen metric that no longer fits (the
 * new task's default applies). A model with stored predictions keeps its quality task: they were
 * validated and stored for it.
 */
export async function updateModel(db: Db, name: string, input: UpdateModelInput, by: Caller): Promise<ModelSummary> {
  return db.transaction(async (tx) => {
    const model = await requireModel(tx, name);
    const task = input.task === undefined ? model.task : normalizeTask(input.task);
    if (input.primary_metric != null && !(isQualityTask(task) && metricFitsTask(input.primary_metric, task))) {
      const allowed = isQualityTask(task) ? `one of ${METRICS_BY_TASK[task].join(", ")}` : "none: the task has no quality metrics";
      throw new Invalid([{ path: "primary_metric", message: `does not fit the task ${task || "(none)"}: ${allowed}` }]);
    }
    if (task !== model.task && isQualityTask(model.task) && isQualityTask(task) && (await hasPredictions(tx, model.id))) {
      throw new Conflict(`${name} has predictions stored for ${model.task}; its task cannot become ${task}`, [
        { path: "task", message: `predictions are stored for ${model.task}` },
      ]);
    }
    const chosen = input.primary_metric === undefined ? model.primaryMetric : input.primary_metric;
    const [row] = await tx
      .update(models)
      .set({
        description: input.description ?? model.description,
        owner: input.owner ?? model.owner,
        task,
        primaryMetric: chosen !== null && isQualityTask(task) && metricFitsTask(chosen, task) ? chosen : null,
      })
      .where(eq(models.id, model.id))
      .returning();
    await appendAudit(tx, by, { action: "model.updated", target: name, detail: { ...input } });
    const staged = await tx
      .select({ version: modelVersions.version, stage: modelVersions.stage })
      .from(modelVersions)
      .where(eq(modelVersions.modelId, model.id));
    return summarise(row, staged);
  });
}

async function hasPredictions(db: DbOrTx, modelId: string): Promise<boolean> {
  const [row] = await db.select({ modelId: predictions.modelId }).from(predictions).where(eq(predictions.modelId, modelId)).limit(1);
  return row !== undefined;
}

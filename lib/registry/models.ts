import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { models, modelVersions, stageHistory } from "@/drizzle/schema";
import { apiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import type { Db, DbOrTx } from "@/lib/db";
import type { CreateModelInput, CreateVersionInput, ModelSummary, ModelStatus, StageChangeView, VersionView } from "./schemas";

export type { ModelStatus, ModelSummary, StageChangeView, VersionView } from "./schemas";

export type ModelRow = typeof models.$inferSelect;
export type VersionRow = typeof modelVersions.$inferSelect;
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === "23505";
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

export async function requireModel(db: DbOrTx, name: string): Promise<ModelRow> {
  const row = await db.query.models.findFirst({ where: eq(models.name, name) });
  if (!row) throw apiError(404, `No model named ${name}`);
  return row;
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

export function versionView(row: VersionRow): VersionView {
  return {
    version: row.version,
    stage: row.stage,
    created_at: row.createdAt.toISOString(),
    metrics: row.metrics,
    artifact_uri: row.artifactUri,
    training_run: row.trainingRun,
    has_model_card: Boolean(row.modelCard?.trim()),
  };
}

function summarise(model: ModelRow, versions: Pick<VersionRow, "version" | "stage">[], status: ModelStatus = "unknown"): ModelSummary {
  return {
    name: model.name,
    description: model.description,
    owner: model.owner,
    task: model.task,
    production_version: versions.find((v) => v.stage === "production")?.version ?? null,
    staging_version: versions.find((v) => v.stage === "staging")?.version ?? null,
    // The registry knows no health; the fleet derives the status from metrics and drift.
    status,
  };
}

export async function listModels(db: Db): Promise<ModelSummary[]> {
  const rows = await db.select().from(models).orderBy(asc(models.name));
  if (rows.length === 0) return [];
  const staged = await db
    .select({ modelId: modelVersions.modelId, version: modelVersions.version, stage: modelVersions.stage })
    .from(modelVersions)
    .where(inArray(modelVersions.stage, ["production", "staging"]));
  return rows.map((m) =>
    summarise(
      m,
      staged.filter((v) => v.modelId === m.id),
    ),
  );
}

export async function getModel(db: Db, name: string) {
  const model = await requireModel(db, name);
  const versions = await db.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)).orderBy(desc(modelVersions.createdAt));
  const history = await db.select().from(stageHistory).where(eq(stageHistory.modelId, model.id)).orderBy(desc(stageHistory.at));
  return {
    ...summarise(model, versions),
    created_at: model.createdAt.toISOString(),
    versions: versions.map(versionView),
    stage_history: history.map(stageChangeView),
  };
}

export async function getVersion(db: Db, modelName: string, version: string): Promise<VersionRow & { modelName: string }> {
  const model = await requireModel(db, modelName);
  const row = await db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, version)) });
  if (!row) throw apiError(404, `No version ${version} of model ${modelName}`);
  return { ...row, modelName: model.name };
}

export function stageChangeView(row: typeof stageHistory.$inferSelect): StageChangeView {
  return {
    version: row.version,
    from_stage: row.fromStage,
    to_stage: row.toStage,
    at: row.at.toISOString(),
    by: row.by,
    promotion_id: row.promotionId,
    reason: row.reason,
  };
}

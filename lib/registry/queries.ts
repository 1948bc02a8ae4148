import "server-only";
import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import { models, modelVersions, stageHistory } from "@/drizzle/schema";
import { NotFound } from "@/lib/errors";
import type { ModelSummary, ModelStatus, StageChangeView, VersionView } from "./schemas";
import type { Db, DbOrTx } from "@/lib/db";
import { primaryMetricOf } from "@/lib/quality/metrics";

export type ModelRow = typeof models.$inferSelect;
export type VersionRow = typeof modelVersions.$inferSelect;

export async function requireModel(db: DbOrTx, name: string): Promise<ModelRow> {
  const row = await db.query.models.findFirst({ where: eq(models.name, name) });
  if (!row) throw new NotFound("model", name, `No model named ${name}`);
  return row;
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

export function summarise(model: ModelRow, versions: Pick<VersionRow, "version" | "stage">[], status: ModelStatus = "unknown"): ModelSummary {
  return {
    name: model.name,
    description: model.description,
    owner: model.owner,
    task: model.task,
    primary_metric: primaryMetricOf(model.task, model.primaryMetric),
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
  if (!row) throw new NotFound("version", version, `No version ${version} of model ${modelName}`);
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

import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/db";
import { modelDriftStatus } from "@/lib/drift/queries";
import { listModels } from "@/lib/registry/queries";
import { type ModelSummary } from "@/lib/registry/schemas";
import { deriveModelStatus } from "./status";
import { emptyHealth, HEALTH_METRICS, summariseHealth, type HealthRollupRow, type ModelHealth } from "./health-summary";
import { rolesGrant } from "@/lib/auth/permissions";
import { listPromotions, listReviews } from "@/lib/governance/queries";
import { waitsForViewer, type Viewer } from "@/lib/governance/viewer";
import { listPipelines } from "@/lib/pipelines/queries";
import { UNHEALTHY_PIPELINE_STATUSES } from "@/lib/pipelines/schemas";
import { needsAttention, type AttentionItem } from "./attention";

export type { ModelHealth, SparkPoint } from "./health-summary";

const HOUR_MS = 3_600_000;
export const HEALTH_WINDOW_HOURS = 24;

export type ModelWithHealth = ModelSummary & { health: ModelHealth };

/** The first hour of the window: the current (partial) hour and the 23 before it. */
export function healthWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (HEALTH_WINDOW_HOURS - 1) * HOUR_MS);
}

/**
 * Last-24-hours p95 latency, error rate and volume of every model's production version, from the
 * hourly rollups in ONE query: a few dozen rows per model, whatever the raw volume.
 */
export async function modelHealthSummary(db: Db, now = new Date()): Promise<{ windowFrom: Date; byModel: Map<string, ModelHealth> }> {
  const windowFrom = healthWindowStart(now);
  const metrics = sql.join(
    HEALTH_METRICS.map((m) => sql`${m}`),
    sql`, `,
  );
  const rows = await queryRows<HealthRollupRow>(
    db,
    sql`select m.name as model, v.version, r.metric, r.bucket_start, r.count::float8 as count, r.sum
        from metric_rollups r
        join model_versions v on v.id = r.model_version_id
        join models m on m.id = v.model_id
        where v.stage = 'production' and r.resolution_seconds = 3600 and r.metric in (${metrics})
          and r.bucket_start >= ${windowFrom.toISOString()}::timestamptz`,
  );
  return { windowFrom, byModel: summariseHealth(rows, windowFrom) };
}

/** `listModels` with each model's health attached (`GET /models`, the overview and the models page). */
export async function listModelsWithHealth(db: Db, now = new Date()): Promise<ModelWithHealth[]> {
  const [models, { windowFrom, byModel }, drift] = await Promise.all([listModels(db), modelHealthSummary(db, now), modelDriftStatus(db, now)]);
  return models.map((m) => {
    const health = byModel.get(m.name) ?? emptyHealth(m.production_version, windowFrom);
    return { ...m, status: deriveModelStatus(drift.get(m.name), health), health };
  });
}

export interface FleetOverview {
  generated_at: string;
  kpis: { models: number; models_in_production: number; drifting_models: number; unhealthy_pipelines: number; approvals_waiting_for_you: number };
  attention: AttentionItem[];
  models: ModelWithHealth[];
}

/**
 * Everything the Overview page shows, in one answer. "For you" parts need a person: an API key
 * reading the fleet sees what is broken, but nothing waits for a key.
 */
export async function fleetOverview(db: Db, viewer: Viewer | null): Promise<FleetOverview> {
  const now = new Date();
  const [models, pipelines, pending, reviews] = await Promise.all([
    listModelsWithHealth(db),
    listPipelines(db, now),
    viewer ? listPromotions(db, { status: "pending" }) : Promise.resolve([]),
    viewer && rolesGrant(viewer.roles, "gate.waive") ? listReviews(db) : Promise.resolve([]),
  ]);
  const approvalsForViewer = viewer ? pending.filter((p) => waitsForViewer(p, viewer)) : [];
  const reviewsForViewer = reviews.filter((r) => !r.acknowledged_by && r.by !== viewer?.email);
  return {
    generated_at: now.toISOString(),
    kpis: {
      models: models.length,
      models_in_production: models.filter((m) => m.production_version).length,
      drifting_models: models.filter((m) => m.status === "drifting").length,
      unhealthy_pipelines: pipelines.filter((p) => UNHEALTHY_PIPELINE_STATUSES.has(p.status)).length,
      approvals_waiting_for_you: approvalsForViewer.length,
    },
    attention: needsAttention({ pipelines, models, approvalsForViewer, reviewsForViewer }),
    models,
  };
}

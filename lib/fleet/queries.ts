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
import { listIncidents, openIncidentCounts } from "@/lib/incidents/queries";
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

async function modelsWithHealthAndDrift(db: Db, now: Date) {
  const [models, { windowFrom, byModel }, drift] = await Promise.all([listModels(db), modelHealthSummary(db, now), modelDriftStatus(db, now)]);
  const withHealth = models.map((m) => {
    const health = byModel.get(m.name) ?? emptyHealth(m.production_version, windowFrom);
    return { ...m, status: deriveModelStatus(drift.get(m.name), health), health };
  });
  return { models: withHealth, drift };
}

/** `listModels` with each model's health attached (`GET /models`, the overview and the models page). */
export async function listModelsWithHealth(db: Db, now = new Date()): Promise<ModelWithHealth[]> {
  return (await modelsWithHealthAndDrift(db, now)).models;
}

/** When each model last had a version promoted to production (rollbacks are not promotions). */
async function lastPromotions(db: Db): Promise<Map<string, string>> {
  const rows = await queryRows<{ model: string; at: string | Date }>(
    db,
    sql`select m.name as model, max(h.at) as at from stage_history h join models m on m.id = h.model_id
        where h.to_stage = 'production' and (h.reason is null or h.reason not like 'rollback%') group by m.name`,
  );
  return new Map(rows.map((r) => [r.model, new Date(r.at).toISOString()]));
}

/** A row of the Overview's fleet table: the model's health, its drift share (24 h) and its last promotion. */
export type FleetModel = ModelWithHealth & { drift_share: number | null; last_promotion_at: string | null };

export interface FleetOverview {
  generated_at: string;
  kpis: {
    models: number;
    models_in_production: number;
    drifting_models: number;
    unhealthy_pipelines: number;
    approvals_waiting_for_you: number;
    /** Incidents not yet resolved, by severity. */
    open_incidents: Record<"critical" | "warning" | "info", number>;
  };
  attention: AttentionItem[];
  models: FleetModel[];
}

/**
 * Everything the Overview page shows, in one answer. "For you" parts need a person: an API key
 * reading the fleet sees what is broken, but nothing waits for a key.
 */
export async function fleetOverview(db: Db, viewer: Viewer | null): Promise<FleetOverview> {
  const now = new Date();
  const [{ models: withHealth, drift }, pipelines, pending, reviews, openIncidents, incidentCounts, promoted] = await Promise.all([
    modelsWithHealthAndDrift(db, now),
    listPipelines(db, now),
    viewer ? listPromotions(db, { status: "pending" }) : Promise.resolve([]),
    viewer && rolesGrant(viewer.roles, "gate.waive") ? listReviews(db) : Promise.resolve([]),
    listIncidents(db, { status: "open" }),
    openIncidentCounts(db),
    lastPromotions(db),
  ]);
  const models = withHealth.map((m) => ({ ...m, drift_share: drift.get(m.name)?.share_drifted ?? null, last_promotion_at: promoted.get(m.name) ?? null }));
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
      open_incidents: incidentCounts,
    },
    attention: needsAttention({ pipelines, models, approvalsForViewer, reviewsForViewer, openIncidents }),
    models,
  };
}

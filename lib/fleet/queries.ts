import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/db";
import { modelDriftStatus } from "@/lib/drift/queries";
import { listModels } from "@/lib/registry/queries";
import { type ModelSummary } from "@/lib/registry/schemas";
import { judgeModel, type ServingBaseline } from "./status";
import { baselineWindow, productionSpells, type ProductionSpell, type StageMove } from "./baseline";
import { fleetQuality, type FleetQuality } from "./quality";
import { bySeverity } from "./severity";
import { dailyDrift, dailyShares } from "@/lib/drift/daily";
import { qualityInWindow } from "@/lib/quality/queries";
import { primaryMetricOf, qualityLowerIsBetter } from "@/lib/quality/metrics";
import { emptyHealth, HEALTH_METRICS, summariseHealth, type HealthRollupRow, type ModelHealth } from "./health-summary";
import { rolesGrant } from "@/lib/auth/permissions";
import { listPromotions, listReviews } from "@/lib/governance/queries";
import { waitsForViewer, type Viewer } from "@/lib/governance/viewer";
import { listPipelines } from "@/lib/pipelines/queries";
import { UNHEALTHY_PIPELINE_STATUSES } from "@/lib/pipelines/schemas";
import { listIncidents, openIncidentCounts } from "@/lib/incidents/queries";
import { driftOnset, needsAttention, type AttentionItem } from "./attention";

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

interface ModelSpells {
  modelId: string;
  spells: ProductionSpell[];
}

/** Every model's production spells, from its whole stage history (a few rows per move). */
async function spellsByModel(db: Db): Promise<Map<string, ModelSpells>> {
  const rows = await queryRows<StageMove & { model: string; model_id: string; at: number | string | Date }>(
    db,
    sql`select m.name as model, m.id as model_id, h.version, v.id as version_id, h.from_stage, h.to_stage, h.at
        from stage_history h join models m on m.id = h.model_id join model_versions v on v.model_id = h.model_id and v.version = h.version
        where h.from_stage = 'production' or h.to_stage = 'production'`,
  );
  const grouped = new Map<string, { modelId: string; moves: StageMove[] }>();
  for (const row of rows) {
    const entry = grouped.get(row.model) ?? { modelId: row.model_id, moves: [] };
    grouped.set(row.model, entry);
    entry.moves.push({ ...row, at: new Date(row.at).getTime() });
  }
  return new Map([...grouped].map(([model, { modelId, moves }]) => [model, { modelId, spells: productionSpells(moves) }]));
}

/**
 * Each model's serving baseline (see baseline.ts): the windows from the stage history, then the
 * p95 and error rate of the production spells inside them in ONE aggregate over the hourly rollups.
 */
async function servingBaselines(db: Db, spells: Map<string, ModelSpells>, windowFrom: Date): Promise<Map<string, ServingBaseline>> {
  const windows = [...spells].flatMap(([model, s]) => {
    const window = baselineWindow(s.spells, windowFrom.getTime());
    return window ? [{ model, window }] : [];
  });
  const segments = windows.flatMap(({ model, window }) =>
    window.segments.map((seg) => ({ model, version_id: seg.version_id, from_ts: new Date(seg.from).toISOString(), to_ts: new Date(seg.to).toISOString() })),
  );
  const rows = segments.length
    ? await queryRows<{ model: string; metric: string; sum: number; count: number }>(
        db,
        sql`select s.model, r.metric, sum(r.sum)::float8 as sum, sum(r.count)::float8 as count
            from json_to_recordset(${JSON.stringify(segments)}::json) as s(model text, version_id uuid, from_ts timestamptz, to_ts timestamptz)
            -- An hour that overlaps the spell counts: a spell rarely starts on the hour.
            join metric_rollups r on r.model_version_id = s.version_id and r.bucket_start > s.from_ts - interval '1 hour' and r.bucket_start < s.to_ts
            where r.resolution_seconds = 3600 and r.metric in ('latency_p95_ms', 'error_rate')
            group by s.model, r.metric`,
      )
    : [];
  const average = (model: string, metric: string) => {
    const row = rows.find((r) => r.model === model && r.metric === metric);
    return row && Number(row.count) > 0 ? Number(row.sum) / Number(row.count) : null;
  };
  return new Map(
    windows.map(({ model, window }) => [
      model,
      {
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
        before_promotion_of: window.before_promotion_of,
        promoted_at: window.promoted_at === null ? null : new Date(window.promoted_at).toISOString(),
        p95_latency_ms: average(model, "latency_p95_ms"),
        error_rate: average(model, "error_rate"),
      },
    ]),
  );
}

async function modelsWithHealthAndDrift(db: Db, now: Date) {
  const [models, { windowFrom, byModel }, drift, spells] = await Promise.all([
    listModels(db),
    modelHealthSummary(db, now),
    modelDriftStatus(db, now),
    spellsByModel(db),
  ]);
  const baselines = await servingBaselines(db, spells, windowFrom);
  const withHealth = models.map((m) => {
    const health = byModel.get(m.name) ?? emptyHealth(m.production_version, windowFrom);
    const baseline = m.production_version ? (baselines.get(m.name) ?? null) : null;
    const verdict = judgeModel(drift.get(m.name), health, baseline);
    return { model: { ...m, status: verdict.status, health }, verdict, baseline };
  });
  return { models: withHealth, drift, spells, windowFrom };
}

/** `listModels` with each model's health attached (`GET /models`, the overview and the models page). */
export async function listModelsWithHealth(db: Db, now = new Date()): Promise<ModelWithHealth[]> {
  return (await modelsWithHealthAndDrift(db, now)).models.map((m) => m.model);
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

/**
 * A row of the Overview's fleet table: the model's health against its own baseline, why and since
 * when it is degraded, its drift share (24 h), its primary quality metric and its last promotion.
 */
export type FleetModel = ModelWithHealth & {
  baseline: ServingBaseline | null;
  status_reason: string | null;
  status_since: string | null;
  drift_share: number | null;
  quality: FleetQuality | null;
  last_promotion_at: string | null;
};

const DAY_MS = 86_400_000;
const QUALITY_BASELINE_DAYS = 7;

/**
 * The production version's primary metric over the last 24 hours against the 7 days before, each
 * window computed by the quality domain as one bucket; null without a quality task or production.
 */
async function primaryQuality(db: Db, model: ModelSummary, versionId: string | undefined, now: Date): Promise<FleetQuality | null> {
  const metric = primaryMetricOf(model.task, model.primary_metric);
  if (metric === null || !model.production_version || !versionId) return null;
  const version = { id: versionId, version: model.production_version };
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [last24, week] = await Promise.all([
    qualityInWindow(db, model.name, version, metric, dayAgo, now),
    qualityInWindow(db, model.name, version, metric, new Date(dayAgo.getTime() - QUALITY_BASELINE_DAYS * DAY_MS), dayAgo),
  ]);
  return fleetQuality(metric, qualityLowerIsBetter(metric), last24.point, week.point);
}

/** When a drifting model's episode began, from its production version's daily drift. */
async function driftSince(db: Db, spells: ModelSpells | undefined, windowFrom: Date, now: Date): Promise<string> {
  const current = spells?.spells.findLast((s) => s.to === null);
  if (!spells || !current) return windowFrom.toISOString();
  return driftOnset(dailyShares(await dailyDrift(db, { id: current.version_id, modelId: spells.modelId }, now)), windowFrom.toISOString());
}

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
  const [{ models: withHealth, drift, spells, windowFrom }, pipelines, pending, reviews, openIncidents, incidentCounts, promoted] = await Promise.all([
    modelsWithHealthAndDrift(db, now),
    listPipelines(db, now),
    viewer ? listPromotions(db, { status: "pending" }) : Promise.resolve([]),
    viewer && rolesGrant(viewer.roles, "gate.waive") ? listReviews(db) : Promise.resolve([]),
    listIncidents(db, { status: "open" }),
    openIncidentCounts(db),
    lastPromotions(db),
  ]);
  const models: FleetModel[] = await Promise.all(
    withHealth.map(async ({ model: m, verdict, baseline }) => ({
      ...m,
      baseline,
      status_reason: verdict.reason,
      status_since: verdict.since,
      drift_share: drift.get(m.name)?.share_drifted ?? null,
      quality: await primaryQuality(db, m, spells.get(m.name)?.spells.findLast((s) => s.to === null)?.version_id, now),
      last_promotion_at: promoted.get(m.name) ?? null,
    })),
  );
  models.sort(bySeverity);
  const driftingSince = new Map(
    await Promise.all(
      models.filter((m) => m.status === "drifting").map(async (m) => [m.name, await driftSince(db, spells.get(m.name), windowFrom, now)] as const),
    ),
  );
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
    attention: needsAttention({
      pipelines,
      models: models.map((m) => ({ ...m, drift_since: driftingSince.get(m.name) ?? null })),
      approvalsForViewer,
      reviewsForViewer,
      openIncidents,
    }),
    models,
  };
}

import "server-only";
import { and, eq, asc } from "drizzle-orm";
import { modelVersions, models, driftSettings } from "@/drizzle/schema";
import { NotFound } from "@/lib/errors";
import type { Db } from "@/lib/db";
import { requireModel } from "@/lib/registry/queries";
import { dailyDrift, type DailyPoint, dailyShares } from "./daily";
import { distributions, type Distribution } from "./distribution";
import {
  compareColumns,
  compareOptionsOf,
  evaluateDrift,
  loadCurrent,
  loadReference,
  loadReferenceSample,
  loadSettings,
  optionsFor,
  type DriftEvidence,
  type VersionDrift,
} from "./evaluate";
import { DriftInputError } from "@/lib/drift/stats/errors";
import type { CompareOptions, DriftResult, DriftSummary } from "@/lib/drift/stats/types";

export interface DriftWindow extends CompareOptions {
  version?: string;
  from: Date;
  to: Date;
}

export interface ModelDriftAnswer extends VersionDrift {
  model: string;
  version: string;
  from: string;
  to: string;
}

/** The named version, or the one in production when none is named. */
export async function resolveDriftVersion(db: Db, modelName: string, version?: string) {
  const model = await requireModel(db, modelName);
  const where = version ? eq(modelVersions.version, version) : eq(modelVersions.stage, "production");
  const row = await db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), where) });
  if (!row) {
    throw version
      ? new NotFound("version", version, `No version ${version} of model ${modelName}`)
      : new NotFound("version", "production", `${modelName} has no version in production; name one with ?version=`);
  }
  return { model, version: row };
}

/**
 * GET /models/{name}/drift: every feature of a version, its reference against the window's
 * traffic. By the reference and settings in force, or by the `evidence` a promotion request bound.
 */
export async function modelDrift(db: Db, modelName: string, window: DriftWindow, evidence?: DriftEvidence): Promise<ModelDriftAnswer> {
  const { model, version } = await resolveDriftVersion(db, modelName, window.version);
  const [reference, current, settings] = await Promise.all([
    evidence ? loadReferenceSample(db, evidence.referenceSampleId) : loadReference(db, version.id),
    loadCurrent(db, version.id, window.from, window.to),
    evidence ? compareOptionsOf(evidence.settings) : loadSettings(db, model.id),
  ]);
  return {
    model: model.name,
    version: version.version,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    ...evaluateDrift(reference, current, settings, { method: window.method, threshold: window.threshold }),
  };
}

/** The features of a version that drifted between `since` and now: the governance gate's question. */
export async function driftingFeatures(db: Db, model: string, version: string, since: Date, now = new Date()) {
  const answer = await modelDrift(db, model, { version, from: since, to: now });
  return answer.features.filter((f) => f.drifted);
}

export interface FeatureDetail {
  model: string;
  version: string;
  feature: string;
  from: string;
  to: string;
  result: DriftResult | null;
  /** Why there is no result, when there is none. */
  problem: string | null;
  n_seen: number;
  distribution: Distribution | null;
  daily: DailyPoint[];
}

/** Everything the drawer shows for one cell: both distributions, the result, its daily history. */
export async function featureDetail(db: Db, modelName: string, feature: string, window: DriftWindow): Promise<FeatureDetail> {
  const { model, version } = await resolveDriftVersion(db, modelName, window.version);
  const [reference, current, settings] = await Promise.all([
    loadReference(db, version.id),
    loadCurrent(db, version.id, window.from, window.to),
    loadSettings(db, model.id),
  ]);
  const ref = reference.find((r) => r.feature === feature);
  const cur = current.get(feature);
  if (!ref && !cur) throw new NotFound("feature", feature, `${modelName} ${version.version} has neither a reference nor traffic for feature ${feature}`);
  let result: DriftResult | null = null;
  let problem: string | null = !ref ? "no reference sample for this feature" : !cur ? "no traffic in this window" : null;
  if (ref && cur) {
    try {
      result = compareColumns(ref, cur, optionsFor(settings.get(feature), window));
    } catch (error) {
      if (!(error instanceof DriftInputError)) throw error;
      problem = error.message;
    }
  }
  const daily = await dailyDrift(db, { id: version.id, modelId: model.id });
  return {
    model: model.name,
    version: version.version,
    feature,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    result,
    problem,
    n_seen: cur?.seen ?? 0,
    distribution: ref && cur ? distributions(ref, cur) : null,
    daily: daily[feature] ?? [],
  };
}

export interface FleetDriftRow extends VersionDrift {
  model: string;
  version: string;
  /** Per day of the last 30, the share of features that drifted that day. */
  strip: { day: string; share_drifted: number; features: number }[];
}

export interface FleetDrift {
  from: string;
  to: string;
  models: FleetDriftRow[];
  /** Models without a production version: nothing live to judge. */
  without_production: string[];
}

/** The /drift page's heatmap: every model's production version over the window, with its 30-day strip. */
export async function fleetDrift(db: Db, window: { from: Date; to: Date }): Promise<FleetDrift> {
  const all = await db.select({ id: models.id, name: models.name }).from(models).orderBy(asc(models.name));
  const production = await db.select().from(modelVersions).where(eq(modelVersions.stage, "production"));
  const rows: FleetDriftRow[] = [];
  const without: string[] = [];
  for (const model of all) {
    const version = production.find((v) => v.modelId === model.id);
    if (!version) {
      without.push(model.name);
      continue;
    }
    const [reference, current, settings] = await Promise.all([
      loadReference(db, version.id),
      loadCurrent(db, version.id, window.from, window.to),
      loadSettings(db, model.id),
    ]);
    const drift = evaluateDrift(reference, current, settings);
    const strip = dailyShares(await dailyDrift(db, { id: version.id, modelId: model.id }));
    rows.push({ model: model.name, version: version.version, ...drift, strip });
  }
  return { from: window.from.toISOString(), to: window.to.toISOString(), models: rows, without_production: without };
}

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

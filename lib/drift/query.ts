import "server-only";
import { and, eq } from "drizzle-orm";
import { modelVersions } from "@/drizzle/schema";
import { apiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db";
import { requireModel } from "@/lib/registry/models";
import { dailyDrift, type DailyPoint } from "./daily";
import { distributions, type Distribution } from "./distribution";
import { compareColumns, evaluateDrift, loadCurrent, loadReference, loadSettings, optionsFor, type VersionDrift } from "./evaluate";
import { DriftInputError } from "./errors";
import type { CompareOptions, DriftResult } from "./types";

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
      ? apiError(404, `No version ${version} of model ${modelName}`)
      : apiError(404, `${modelName} has no version in production; name one with ?version=`);
  }
  return { model, version: row };
}

/** GET /models/{name}/drift: every feature of a version, its reference against the window's traffic. */
export async function modelDrift(db: Db, modelName: string, window: DriftWindow): Promise<ModelDriftAnswer> {
  const { model, version } = await resolveDriftVersion(db, modelName, window.version);
  const [reference, current, settings] = await Promise.all([
    loadReference(db, version.id),
    loadCurrent(db, version.id, window.from, window.to),
    loadSettings(db, model.id),
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
  if (!ref && !cur) throw apiError(404, `${modelName} ${version.version} has neither a reference nor traffic for feature ${feature}`);
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

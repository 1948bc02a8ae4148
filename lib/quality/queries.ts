import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { modelVersions, referenceCalibrations, type QualityGateRules } from "@/drizzle/schema";
import { queryRows, type Db, type DbOrTx } from "@/lib/db";
import { Invalid } from "@/lib/errors";
import { getVersion, requireModel, type ModelRow, type VersionRow } from "@/lib/registry/queries";
import { calibrator } from "./calibration";
import { bucketQuality, realizedQuality, type BucketQuality, type QualityRecord } from "./evaluate";
import { QUALITY_GATE_WINDOW_MS, type QualityEvidence, type RealizedEvidence } from "./gate";
import { isQualityTask, METRICS_BY_TASK, metricFitsTask, primaryMetricOf, type QualityMetric, type QualityTask } from "./metrics";
import type { QualityAnswer, QualityBucket, QualityQuery } from "./schemas";
import { seedFromText } from "./stats";

const BUCKET_SECONDS: Record<QualityBucket, number> = { hour: 3600, day: 86_400 };

interface PredictionRow {
  version_id: string;
  bucket: number;
  prediction: number | null;
  prediction_class: string | null;
  score: number | null;
  label: number | null;
  label_class: string | null;
}

/** The model's task and the metric asked for (its primary metric when none is): 422 naming `metric` when it does not fit. */
export function qualityMetricOf(model: ModelRow, asked: string | undefined): { task: QualityTask; metric: QualityMetric } {
  const task = model.task;
  if (!isQualityTask(task)) {
    throw new Invalid([
      {
        path: "metric",
        message: `${model.name} has the task ${JSON.stringify(task)}, which has no quality metrics; set its task with PATCH /models/${model.name}`,
      },
    ]);
  }
  const metric = asked ?? primaryMetricOf(task, model.primaryMetric)!;
  if (!metricFitsTask(metric, task))
    throw new Invalid([{ path: "metric", message: `does not fit the task ${task}: one of ${METRICS_BY_TASK[task].join(", ")}` }]);
  return { task, metric };
}

/**
 * The predictions of some versions in [from, to), with each one's bucket (whole hours or days
 * since the epoch): one range read of the (version, ts) index per version.
 */
async function predictionRows(db: DbOrTx, versionIds: string[], from: Date, to: Date, bucketSeconds: number, labeledOnly = false): Promise<PredictionRow[]> {
  if (versionIds.length === 0) return [];
  return queryRows<PredictionRow>(
    db,
    sql`select model_version_id as version_id, floor(extract(epoch from ts) / ${bucketSeconds})::int as bucket,
               prediction, prediction_class, score, label, label_class
        from predictions
        where model_version_id in (select value::uuid from json_array_elements_text(${JSON.stringify(versionIds)}::json))
          and ts >= ${from.toISOString()}::timestamptz and ts < ${to.toISOString()}::timestamptz
          ${labeledOnly ? sql`and (label is not null or label_class is not null)` : sql``}`,
  );
}

function qualityRecord(task: QualityTask, row: PredictionRow): QualityRecord {
  const classes = task === "multiclass_classification";
  return {
    prediction: (classes ? row.prediction_class : row.prediction)!,
    score: row.score,
    label: classes ? row.label_class : row.label,
  };
}

/** GET /models/{name}/quality: per version and bucket, n, n_labeled, realized with its interval, and estimated. */
export async function qualitySeries(db: Db, modelName: string, query: QualityQuery): Promise<QualityAnswer> {
  const model = await requireModel(db, modelName);
  const { task, metric } = qualityMetricOf(model, query.metric);
  const versions = query.version
    ? [await getVersion(db, modelName, query.version)]
    : await db.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)).orderBy(asc(modelVersions.createdAt));
  const step = BUCKET_SECONDS[query.bucket];
  const ids = versions.map((v) => v.id);
  const [rows, calibrations] = await Promise.all([
    predictionRows(db, ids, query.from, query.to, step),
    ids.length ? db.select().from(referenceCalibrations).where(inArray(referenceCalibrations.modelVersionId, ids)) : [],
  ]);

  const buckets = new Map<string, Map<number, QualityRecord[]>>();
  for (const row of rows) {
    const ofVersion = buckets.get(row.version_id) ?? new Map<number, QualityRecord[]>();
    buckets.set(row.version_id, ofVersion);
    const records = ofVersion.get(row.bucket) ?? [];
    ofVersion.set(row.bucket, records);
    records.push(qualityRecord(task, row));
  }
  const series = versions
    .filter((v) => buckets.has(v.id))
    .map((version) => {
      const calibrated = calibrator(calibrations.find((c) => c.modelVersionId === version.id)?.calibration ?? null);
      const points = [...buckets.get(version.id)!]
        .sort(([a], [b]) => a - b)
        .map(([bucket, records]) => {
          const ts = new Date(bucket * step * 1000).toISOString();
          return { ts, ...bucketQuality(task, metric, records, calibrated, seedFromText(`${version.version}|${ts}|${metric}`)) };
        });
      return { version: version.version, points };
    });
  return { model: model.name, task, metric, bucket: query.bucket, series };
}

/**
 * One version's quality over a window, the window as one bucket, computed as the Quality section
 * computes each bucket; `point` is null without predictions in it, or when the metric does not fit
 * the model's task (the task says why).
 */
export async function qualityInWindow(
  db: Db,
  modelName: string,
  version: { id: string; version: string },
  metric: string,
  from: Date,
  to: Date,
): Promise<{ task: string; point: BucketQuality | null }> {
  const model = await requireModel(db, modelName);
  const task = model.task;
  if (!isQualityTask(task) || !metricFitsTask(metric, task)) return { task, point: null };
  const [rows, [calibration]] = await Promise.all([
    predictionRows(db, [version.id], from, to, 86_400),
    db.select().from(referenceCalibrations).where(eq(referenceCalibrations.modelVersionId, version.id)),
  ]);
  if (rows.length === 0) return { task, point: null };
  const records = rows.map((row) => qualityRecord(task, row));
  const seed = seedFromText(`${version.version}|${from.toISOString()}|${metric}`);
  return { task, point: bucketQuality(task, metric, records, calibrator(calibration?.calibration ?? null), seed) };
}

/** A version's realized metric over a window, on its labeled predictions. */
async function realizedOverWindow(db: DbOrTx, version: VersionRow, task: QualityTask, metric: QualityMetric, from: Date, to: Date): Promise<RealizedEvidence> {
  const rows = await predictionRows(db, [version.id], from, to, 86_400, true);
  const records = rows.map((row) => qualityRecord(task, row));
  const realized = realizedQuality(task, metric, records, seedFromText(`${version.version}|${from.toISOString()}|${metric}`));
  return { version: version.version, n_labeled: records.length, value: realized.value, interval: realized.interval };
}

/** The rules a promotion request binds for its quality gate: the model's task and primary metric now; null without a quality task. */
export function qualityRulesOf(model: ModelRow): QualityGateRules | null {
  const metric = primaryMetricOf(model.task, model.primaryMetric);
  return metric === null ? null : { task: model.task, metric };
}

/**
 * The evidence of the quality gate: the bound metric, realized over the last 7 days by the
 * candidate and by the production version (none when the candidate is in production itself).
 */
export async function qualityGateEvidence(
  db: DbOrTx,
  rules: QualityGateRules | null,
  candidate: VersionRow,
  production: VersionRow | null,
  now: Date,
): Promise<QualityEvidence> {
  if (rules === null || !isQualityTask(rules.task)) return { missing: "the model had no quality task when the request was made" };
  const task = rules.task;
  const metric = primaryMetricOf(task, rules.metric)!;
  const from = new Date(now.getTime() - QUALITY_GATE_WINDOW_MS);
  return {
    metric,
    candidate: await realizedOverWindow(db, candidate, task, metric, from, now),
    production: production && production.id !== candidate.id ? await realizedOverWindow(db, production, task, metric, from, now) : null,
  };
}

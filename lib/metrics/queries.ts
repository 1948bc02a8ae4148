import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/db";
import { requireModel } from "@/lib/registry/queries";
import { modelMarkers, type Annotation } from "./markers";
import { planBuckets, type BucketPlan } from "./resolution";

export interface MetricBucket {
  ts: string;
  avg: number;
  min: number;
  max: number;
  count: number;
}

export type { Annotation } from "./markers";

export interface MetricSeriesAnswer {
  metric: string;
  from: string;
  to: string;
  step_seconds: number;
  source: string;
  series: { version: string; points: MetricBucket[] }[];
  annotations: Annotation[];
}

interface BucketRow {
  version: string;
  b: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

function bucketQuery(plan: BucketPlan, modelId: string, metric: string, to: Date, version?: string) {
  const fromEpoch = plan.alignedFrom.getTime() / 1000;
  const versionFilter = version ? sql`and v.version = ${version}` : sql``;
  if (plan.source === "raw") {
    return sql`
      select v.version, floor((extract(epoch from p.ts) - ${fromEpoch}) / ${plan.stepSeconds})::int as b,
             count(*)::float8 as count, sum(p.value) as sum, min(p.value) as min, max(p.value) as max
      from metric_points p join model_versions v on v.id = p.model_version_id
      where v.model_id = ${modelId} and p.metric = ${metric} and p.ts >= ${plan.alignedFrom.toISOString()}::timestamptz and p.ts < ${to.toISOString()}::timestamptz ${versionFilter}
      group by 1, 2 order by 1, 2`;
  }
  return sql`
    select v.version, floor((extract(epoch from r.bucket_start) - ${fromEpoch}) / ${plan.stepSeconds})::int as b,
           sum(r.count)::float8 as count, sum(r.sum) as sum, min(r.min) as min, max(r.max) as max
    from metric_rollups r join model_versions v on v.id = r.model_version_id
    where v.model_id = ${modelId} and r.metric = ${metric} and r.resolution_seconds = ${plan.source}
      and r.bucket_start >= ${plan.alignedFrom.toISOString()}::timestamptz and r.bucket_start < ${to.toISOString()}::timestamptz ${versionFilter}
    group by 1, 2 order by 1, 2`;
}

/** min/avg/max/count buckets per version, at most `maxPoints` each, with what changed the model in range. */
export async function metricSeries(
  db: Db,
  input: { model: string; metric: string; from: Date; to: Date; version?: string; maxPoints: number },
): Promise<MetricSeriesAnswer> {
  const model = await requireModel(db, input.model);
  const plan = planBuckets(input.from, input.to, input.maxPoints);
  const rows = await queryRows<BucketRow>(db, bucketQuery(plan, model.id, input.metric, input.to, input.version));
  const byVersion = new Map<string, MetricBucket[]>();
  for (const row of rows) {
    const count = Number(row.count);
    const points = byVersion.get(row.version) ?? [];
    points.push({
      ts: new Date(plan.alignedFrom.getTime() + Number(row.b) * plan.stepSeconds * 1000).toISOString(),
      avg: Number(row.sum) / count,
      min: Number(row.min),
      max: Number(row.max),
      count,
    });
    byVersion.set(row.version, points);
  }
  return {
    metric: input.metric,
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    step_seconds: plan.stepSeconds,
    source: plan.source === "raw" ? "raw" : `rollup_${plan.source}s`,
    series: [...byVersion].map(([version, points]) => ({ version, points })),
    annotations: await modelMarkers(db, model, input.from, input.to),
  };
}

/** The metric names a model has data for, read from the hourly rollups (small, and kept forever). */
export async function storedMetricNames(db: Db, modelName: string): Promise<string[]> {
  const rows = await queryRows<{ metric: string }>(
    db,
    sql`select distinct r.metric from metric_rollups r
        join model_versions v on v.id = r.model_version_id join models m on m.id = v.model_id
        where m.name = ${modelName} and r.resolution_seconds = 3600 order by 1`,
  );
  return rows.map((r) => r.metric);
}

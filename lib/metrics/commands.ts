import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx, type Tx } from "@/lib/db";

export const ROLLUP_RESOLUTIONS = [60, 3600] as const;

export interface StoredPoint {
  versionId: string;
  metric: string;
  ts: Date;
  value: number;
  labels: Record<string, string>;
}

/**
 * Inserts a batch and folds it into the 1-minute and 1-hour rollups in one statement: the batch is
 * parsed once and the database is asked once, and the rollups never disagree with the points.
 */
export async function storePoints(tx: Tx, points: StoredPoint[]): Promise<void> {
  if (points.length === 0) return;
  // One JSON parameter expanded by the database: the same multi-row statement on PGlite and PostgreSQL.
  const rows = JSON.stringify(points.map((p) => ({ version_id: p.versionId, metric: p.metric, ts: p.ts.toISOString(), value: p.value, labels: p.labels })));
  const rollup = (resolution: number) => sql`
    insert into metric_rollups (resolution_seconds, model_version_id, metric, bucket_start, count, sum, min, max)
    select ${resolution}::int, version_id, metric, to_timestamp(floor(extract(epoch from ts) / ${resolution}) * ${resolution}), count(*), sum(value), min(value), max(value)
    from batch
    group by 2, 3, 4
    on conflict (resolution_seconds, model_version_id, metric, bucket_start) do update set
      count = metric_rollups.count + excluded.count,
      sum = metric_rollups.sum + excluded.sum,
      min = least(metric_rollups.min, excluded.min),
      max = greatest(metric_rollups.max, excluded.max)`;
  const [minute, hour] = ROLLUP_RESOLUTIONS;
  await tx.execute(sql`
    with batch as materialized (
      select * from json_to_recordset(${rows}::json) as b(version_id uuid, metric text, ts timestamptz, value float8, labels jsonb)
    ),
    raw as (insert into metric_points (model_version_id, metric, ts, value, labels) select version_id, metric, ts, value, labels from batch),
    by_minute as (${rollup(minute)})
    ${rollup(hour)}`);
}

export const DEFAULT_RETENTION_DAYS = 14;

/** Drops raw points older than the retention period; the rollups keep their history. */
export async function pruneRawPoints(db: DbOrTx, now = new Date()): Promise<number> {
  const days = Number(process.env.PLUMBLINE_RAW_RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS);
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const [gone] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (delete from metric_points where ts < ${cutoff.toISOString()}::timestamptz returning 1) select count(*)::int as n from gone`,
  );
  return Number(gone.n);
}

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
 * Inserts a batch as one multi-row statement and folds it into
 * the 1-minute and 1-hour rollups in the same transaction, so rollups never disagree with points.
 */
export async function storePoints(tx: Tx, points: StoredPoint[]): Promise<void> {
  if (points.length === 0) return;
  // One JSON parameter expanded by the database: the same multi-row statement on PGlite and PostgreSQL.
  const rows = JSON.stringify(points.map((p) => ({ version_id: p.versionId, metric: p.metric, ts: p.ts.toISOString(), value: p.value, labels: p.labels })));
  const batch = sql`json_to_recordset(${rows}::json) as b(version_id uuid, metric text, ts timestamptz, value float8, labels jsonb)`;
  await tx.execute(sql`insert into metric_points (model_version_id, metric, ts, value, labels) select version_id, metric, ts, value, labels from ${batch}`);
  for (const resolution of ROLLUP_RESOLUTIONS) {
    await tx.execute(sql`
      insert into metric_rollups (resolution_seconds, model_version_id, metric, bucket_start, count, sum, min, max)
      select ${resolution}::int, version_id, metric, to_timestamp(floor(extract(epoch from ts) / ${resolution}) * ${resolution}), count(*), sum(value), min(value), max(value)
      from ${batch}
      group by 2, 3, 4
      on conflict (resolution_seconds, model_version_id, metric, bucket_start) do update set
        count = metric_rollups.count + excluded.count,
        sum = metric_rollups.sum + excluded.sum,
        min = least(metric_rollups.min, excluded.min),
        max = greatest(metric_rollups.max, excluded.max)`);
  }
}

export const DEFAULT_RETENTION_DAYS = 14;
/** Days ahead that get their partition before any point arrives for them. */
const DAYS_AHEAD = 7;
const DAY_MS = 86_400_000;

const retentionDays = () => Number(process.env.PLUMBLINE_RAW_RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS);
const utcDay = (t: Date) => t.toISOString().slice(0, 10);

/** Gives every day from the retention horizon to a week ahead its own partition of raw points; returns how many it added. */
export async function addRawPointDays(db: DbOrTx, now = new Date()): Promise<number> {
  const first = utcDay(new Date(now.getTime() - retentionDays() * DAY_MS));
  const last = utcDay(new Date(now.getTime() + DAYS_AHEAD * DAY_MS));
  const [row] = await queryRows<{ added: number }>(db, sql`select metric_points_add_days(${first}::date, ${last}::date) as added`);
  return Number(row.added);
}

/** Drops raw points older than the retention period, whole days at a time where it can; the rollups keep their history. */
export async function pruneRawPoints(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays() * DAY_MS);
  const [row] = await queryRows<{ n: number }>(db, sql`select metric_points_drop_days_before(${cutoff.toISOString()}::timestamptz) as n`);
  return Number(row.n);
}

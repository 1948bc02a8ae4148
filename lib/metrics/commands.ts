import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
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
 * Inserts a batch and folds it into the 1-minute and 1-hour rollups in the same transaction, so
 * rollups never disagree with points. The rollup rows are summed here (a batch of 10,000 points
 * over three hours is about 180 of them) and upserted in one small statement; the raw rows go by
 * COPY on PostgreSQL, its bulk-load path, and as one multi-row statement on PGlite.
 */
export async function storePoints(tx: Tx, points: StoredPoint[]): Promise<void> {
  if (points.length === 0) return;
  const client = postgresClientOf(tx);
  if (client) await copyPoints(client, points);
  else {
    // One JSON parameter expanded by the database: one statement however large the batch.
    const rows = JSON.stringify(points.map((p) => ({ version_id: p.versionId, metric: p.metric, ts: p.ts.toISOString(), value: p.value, labels: p.labels })));
    await tx.execute(sql`
      insert into metric_points (model_version_id, metric, ts, value, labels)
      select version_id, metric, ts, value, labels from json_to_recordset(${rows}::json) as b(version_id uuid, metric text, ts timestamptz, value float8, labels jsonb)`);
  }
  await tx.execute(sql`
    insert into metric_rollups (resolution_seconds, model_version_id, metric, bucket_start, count, sum, min, max)
    select resolution, version_id, metric, bucket_start, count, sum, min, max
    from json_to_recordset(${JSON.stringify(rollupsOf(points))}::json)
      as r(resolution int, version_id uuid, metric text, bucket_start timestamptz, count bigint, sum float8, min float8, max float8)
    on conflict (resolution_seconds, model_version_id, metric, bucket_start) do update set
      count = metric_rollups.count + excluded.count,
      sum = metric_rollups.sum + excluded.sum,
      min = least(metric_rollups.min, excluded.min),
      max = greatest(metric_rollups.max, excluded.max)`);
}

interface RollupRow {
  resolution: number;
  version_id: string;
  metric: string;
  bucket_start: string;
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** count, sum, min and max of the batch per series and bucket, at each rollup resolution (summed in batch order, as the database would). */
export function rollupsOf(points: StoredPoint[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const resolution of ROLLUP_RESOLUTIONS) {
    const width = resolution * 1000;
    for (const p of points) {
      const start = Math.floor(p.ts.getTime() / width) * width;
      const key = `${resolution}\u0000${p.versionId}\u0000${p.metric}\u0000${start}`;
      const row = rows.get(key);
      if (row) {
        row.count++;
        row.sum += p.value;
        if (p.value < row.min) row.min = p.value;
        if (p.value > row.max) row.max = p.value;
      } else {
        rows.set(key, {
          resolution,
          version_id: p.versionId,
          metric: p.metric,
          bucket_start: new Date(start).toISOString(),
          count: 1,
          sum: p.value,
          min: p.value,
          max: p.value,
        });
      }
    }
  }
  return [...rows.values()];
}

/** The node-postgres connection a transaction runs on; null on PGlite. */
function postgresClientOf(tx: Tx): pg.ClientBase | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

/** COPY's text format: backslash, tab, newline and carriage return are escaped; nothing else is special. */
function copyField(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : text;
}

async function copyPoints(client: pg.ClientBase, points: StoredPoint[]): Promise<void> {
  const lines = points.map((p) => `${p.versionId}\t${copyField(p.metric)}\t${p.ts.toISOString()}\t${p.value}\t${copyField(JSON.stringify(p.labels))}\n`);
  await pipeline(Readable.from([lines.join("")]), client.query(copyFrom("copy metric_points (model_version_id, metric, ts, value, labels) from stdin")));
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

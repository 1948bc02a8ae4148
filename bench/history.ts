// Does the cost of ingest and of recent reads grow with age? The same work on a database holding one
// day of raw points and on one holding thirty: raw points are kept by day, so both should cost alike.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database } from "@/lib/db/engine";
import { addRawPointDays, ROLLUP_RESOLUTIONS, storePoints, type StoredPoint } from "@/lib/metrics/commands";
import { metricSeries } from "@/lib/metrics/queries";
import { createScratchDatabase } from "../test/support/servers";
import { scaled } from "./common";

const INGEST_BATCHES = 20;
const INGEST_BATCH = 1_000;
const READS = 30;

export interface HistoryResult {
  engine: string;
  points_per_day: number;
  /** with 30 days of history against 1 day: 1.0 means age costs nothing */
  ingest_ratio: number;
  read_24h_ratio: number;
  read_1h_raw_ratio: number;
  by_history: { days: number; ingest_points_per_second: number; read_24h_p50_ms: number; read_1h_raw_p50_ms: number }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Days of history at `perDay` points, written by the database itself, with their rollups. */
async function loadHistory(database: Database, versionId: string, days: number, perDay: number, now: Date) {
  const from = new Date(now.getTime() - days * 86_400_000);
  const stepMs = 86_400_000 / perDay;
  await database.db.execute(sql`
    insert into metric_points (model_version_id, metric, ts, value)
    select ${versionId}::uuid, 'latency_ms', ${from.toISOString()}::timestamptz + (i * ${stepMs}::float8) * interval '1 millisecond', (i % 97) + 0.5
    from generate_series(0, ${days * perDay - 1}) as i`);
  for (const resolution of ROLLUP_RESOLUTIONS) {
    await database.db.execute(sql`
      insert into metric_rollups (resolution_seconds, model_version_id, metric, bucket_start, count, sum, min, max)
      select ${resolution}::int, model_version_id, metric, to_timestamp(floor(extract(epoch from ts) / ${resolution}) * ${resolution}), count(*), sum(value), min(value), max(value)
      from metric_points group by 2, 3, 4`);
  }
  await database.db.execute(sql`analyze`);
}

async function measure(database: Database, days: number, perDay: number) {
  const now = new Date();
  await addRawPointDays(database.db, now);
  const [model] = await queryRows<{ id: string }>(
    database.db,
    sql`with m as (insert into models (name, created_by) values ('aged', 'bench') returning id)
        insert into model_versions (model_id, version, created_by) select id, 'v1', 'bench' from m returning id`,
  );
  process.stdout.write(`  ${days} day(s) × ${perDay.toLocaleString()} points: loading…`);
  await loadHistory(database, model.id, days, perDay, now);

  const started = performance.now();
  for (let b = 0; b < INGEST_BATCHES; b++) {
    const points: StoredPoint[] = Array.from({ length: INGEST_BATCH }, (_, i) => ({
      versionId: model.id,
      metric: "latency_ms",
      ts: new Date(now.getTime() - (b * INGEST_BATCH + i) * 10),
      value: i % 13,
      labels: {},
    }));
    await database.db.transaction((tx) => storePoints(tx, points));
  }
  const ingest = (INGEST_BATCHES * INGEST_BATCH) / ((performance.now() - started) / 1000);

  const timed = async (from: Date) => {
    const ms: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t = performance.now();
      await metricSeries(database.db, { model: "aged", metric: "latency_ms", from, to: now, maxPoints: 500 });
      ms.push(performance.now() - t);
    }
    return median(ms);
  };
  const read24h = await timed(new Date(now.getTime() - 86_400_000));
  const read1h = await timed(new Date(now.getTime() - 3_600_000));
  process.stdout.write(`\r  ${days} day(s): ingest ${Math.round(ingest)} points/s, 24 h read ${read24h.toFixed(1)} ms, 1 h raw read ${read1h.toFixed(1)} ms\n`);
  return { days, ingest_points_per_second: ingest, read_24h_p50_ms: read24h, read_1h_raw_p50_ms: read1h };
}

async function compare(engine: string, perDay: number, open: () => Promise<{ database: Database; done: () => Promise<void> }>): Promise<HistoryResult> {
  const by_history = [];
  for (const days of [1, 30]) {
    const { database, done } = await open();
    try {
      await database.migrate();
      by_history.push(await measure(database, days, perDay));
    } finally {
      await database.close();
      await done();
    }
  }
  const [young, old] = by_history;
  return {
    engine,
    points_per_day: perDay,
    ingest_ratio: old.ingest_points_per_second / young.ingest_points_per_second,
    read_24h_ratio: old.read_24h_p50_ms / young.read_24h_p50_ms,
    read_1h_raw_ratio: old.read_1h_raw_p50_ms / young.read_1h_raw_p50_ms,
    by_history,
  };
}

/** 100,000 points a day on PostgreSQL and a fifth of that on PGlite, times BENCH_SCALE. */
export async function benchHistory(postgresUrl: string | undefined): Promise<HistoryResult[]> {
  const perDay = scaled(100_000, 1_000);
  // Every day of a 30-day history must have its own partition, as it would within retention.
  process.env.PLUMBLINE_RAW_RETENTION_DAYS = "31";
  console.log("\ncost of age: ingest and reads with 1 and with 30 days of raw points");
  const results = [
    await compare("pglite", Math.round(perDay / 5), async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-bench-history-"));
      return { database: await openDatabase({ dataDir: dir }), done: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    }),
  ];
  if (postgresUrl) {
    results.push(
      await compare("postgres", perDay, async () => {
        const scratch = await createScratchDatabase(postgresUrl, "history");
        return { database: await openDatabase({ url: scratch.url, poolSize: 2 }), done: scratch.drop };
      }),
    );
  }
  console.table(
    results.map((r) => ({
      engine: r.engine,
      "points/day": r.points_per_day,
      "ingest 30d/1d": Number(r.ingest_ratio.toFixed(2)),
      "24 h read 30d/1d": Number(r.read_24h_ratio.toFixed(2)),
      "1 h raw read 30d/1d": Number(r.read_1h_raw_ratio.toFixed(2)),
    })),
  );
  return results;
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "@/lib/db/engine";
import { createScratchDatabase, startServer } from "../test/support/servers";

const BATCH = 10_000;
const BATCHES = 10;
const DEMO_KEY = "plb_demo_key_0123456789abcdef";

export interface IngestResult {
  engine: string;
  http_points_per_second: number;
  raw_insert_rows_per_second: number;
  ratio: number;
}

function batch(metric: string, offset: number) {
  const start = Date.parse("2026-11-01T00:00:00Z") + offset * BATCH * 1000;
  return Array.from({ length: BATCH }, (_, i) => ({
    model: "fraud-detector",
    version: "v3",
    metric,
    ts: new Date(start + i * 1000).toISOString(),
    value: (i % 97) + 0.5,
  }));
}

/** Points per second through POST /api/v1/ingest/metrics: validation, auth, idempotency-free path, rollups. */
async function httpRate(baseUrl: string, label: string): Promise<number> {
  const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify({ points: batch(`bench_${label}`, b) }));
  const started = performance.now();
  for (const [i, body] of bodies.entries()) {
    const res = await fetch(`${baseUrl}/api/v1/ingest/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json" },
      body,
    });
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    process.stdout.write(`\r  ${label}: HTTP batch ${i + 1}/${BATCHES}`);
  }
  process.stdout.write("\n");
  return (BATCHES * BATCH) / ((performance.now() - started) / 1000);
}

/** The same rows as plain multi-row INSERTs into a bare table: the database's own floor. */
async function rawRate(database: Database, label: string): Promise<number> {
  await database.db.execute(sql`create table if not exists bench_raw (metric text, ts timestamptz, value float8)`);
  const started = performance.now();
  for (let b = 0; b < BATCHES; b++) {
    const rows = batch(`raw_${label}`, b);
    const values = sql.join(
      rows.map((r) => sql`(${r.metric}, ${r.ts}::timestamptz, ${r.value})`),
      sql`, `,
    );
    await database.db.execute(sql`insert into bench_raw (metric, ts, value) values ${values}`);
    process.stdout.write(`\r  ${label}: raw batch ${b + 1}/${BATCHES}`);
  }
  process.stdout.write("\n");
  return (BATCHES * BATCH) / ((performance.now() - started) / 1000);
}

export async function benchIngest(postgresUrl: string | undefined): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  console.log("ingest throughput on PGlite (server on a fresh folder, raw inserts on a second instance)…");
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-bench-"));
  const rawDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-bench-raw-"));
  try {
    const raw = await openDatabase({ dataDir: rawDir });
    const rawPerSecond = await rawRate(raw, "pglite");
    await raw.close();
    const server = await startServer(3701, { PLUMBLINE_DATA_DIR: serverDir, PLUMBLINE_SIMULATOR: "0", PLUMBLINE_KEY_RATE_LIMIT: "100000" });
    try {
      const httpPerSecond = await httpRate(server.baseUrl, "pglite");
      results.push({ engine: "pglite", http_points_per_second: httpPerSecond, raw_insert_rows_per_second: rawPerSecond, ratio: httpPerSecond / rawPerSecond });
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(rawDir, { recursive: true, force: true });
  }
  if (!postgresUrl) {
    console.log("PostgreSQL skipped: set TEST_POSTGRES_URL to measure it too.");
    return results;
  }
  console.log("ingest throughput on PostgreSQL (a scratch database, dropped afterwards)…");
  const scratch = await createScratchDatabase(postgresUrl, "bench");
  const pgServer = await startServer(3702, { DATABASE_URL: scratch.url, PLUMBLINE_SIMULATOR: "0", PLUMBLINE_KEY_RATE_LIMIT: "100000" });
  try {
    const raw = await openDatabase({ url: scratch.url, poolSize: 2 });
    const rawPerSecond = await rawRate(raw, "postgres");
    await raw.close();
    const httpPerSecond = await httpRate(pgServer.baseUrl, "postgres");
    results.push({ engine: "postgres", http_points_per_second: httpPerSecond, raw_insert_rows_per_second: rawPerSecond, ratio: httpPerSecond / rawPerSecond });
  } finally {
    await pgServer.stop();
    await scratch.drop();
  }
  return results;
}

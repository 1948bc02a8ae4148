/**
 * Ingest through HTTP against the same engine's best plain insert of the same rows, with 1, 4 and
 * 16 concurrent clients: metric points (POST /ingest/metrics) and predictions (POST
 * /ingest/predictions). The floor is a multi-row INSERT into a bare table of the same columns
 * (no index, no foreign key, no rollup), and on PostgreSQL also COPY FROM STDIN, the engine's own
 * bulk-load path. Each level runs its HTTP and raw loads with the same number of concurrent writers.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { createScratchDatabase, startServer } from "../test/support/servers";
import { BENCH_SERVER_ENV, benchPort, engineWanted, DEMO_KEY, inParallel, progress, round, scaled } from "./common";

const BATCH = 10_000;
const CLIENTS = [1, 4, 16];
const VERSION_ID = "00000000-0000-4000-8000-000000000001";

export interface IngestRow {
  engine: "pglite" | "postgres";
  kind: "metrics" | "predictions";
  clients: number;
  rows: number;
  http_per_second: number;
  insert_per_second: number;
  /** PostgreSQL only: COPY FROM STDIN of the same rows. */
  copy_per_second: number | null;
  ratio_to_insert: number;
  ratio_to_copy: number | null;
}

interface Kind {
  name: "metrics" | "predictions";
  path: string;
  clients: number[];
  table: string;
  columns: string[];
  /** The HTTP body of batch `b` of a level, and the same rows as column values. */
  body(level: string, b: number): string;
  rows(level: string, b: number): unknown[][];
}

const startOf = (b: number) => Date.parse("2026-11-01T00:00:00Z") + b * BATCH * 1000;

const metricsKind: Kind = {
  name: "metrics",
  path: "/api/v1/ingest/metrics",
  clients: CLIENTS,
  table: "bench_raw_points (model_version_id uuid, metric text, ts timestamptz, value float8, labels jsonb)",
  columns: ["model_version_id", "metric", "ts", "value", "labels"],
  body: (level, b) =>
    JSON.stringify({
      points: Array.from({ length: BATCH }, (_, i) => ({
        model: "fraud-detector",
        version: "v3",
        metric: `bench_${level}`,
        ts: new Date(startOf(b) + i * 1000).toISOString(),
        value: (i % 97) + 0.5,
      })),
    }),
  rows: (level, b) =>
    Array.from({ length: BATCH }, (_, i) => [VERSION_ID, `bench_${level}`, new Date(startOf(b) + i * 1000).toISOString(), (i % 97) + 0.5, "{}"]),
};

const predictionsKind: Kind = {
  name: "predictions",
  path: "/api/v1/ingest/predictions",
  clients: [1, 4],
  table: "bench_raw_predictions (model_id uuid, record_id text, model_version_id uuid, ts timestamptz, prediction float8, score float8, content_hash text)",
  columns: ["model_id", "record_id", "model_version_id", "ts", "prediction", "score", "content_hash"],
  body: (level, b) =>
    JSON.stringify({
      model: "fraud-detector",
      version: "v3",
      records: Array.from({ length: BATCH }, (_, i) => {
        const score = ((i * 7919) % 1000) / 1000;
        return { id: `bench-${level}-${b}-${i}`, ts: new Date(startOf(b) + i * 1000).toISOString(), prediction: score > 0.5 ? 1 : 0, score };
      }),
    }),
  rows: (level, b) =>
    Array.from({ length: BATCH }, (_, i) => {
      const score = ((i * 7919) % 1000) / 1000;
      const ts = new Date(startOf(b) + i * 1000).toISOString();
      const id = `bench-${level}-${b}-${i}`;
      return [VERSION_ID, id, VERSION_ID, ts, score > 0.5 ? 1 : 0, score, createHash("sha256").update(`${id}|${ts}|${score}`).digest("hex")];
    }),
};

/** Batches per level: enough for every client to send two, and at least 16 at scale 1. */
const batchesFor = (clients: number) => Math.max(2 * clients, scaled(16, 2));

/** Multi-row INSERT statements of at most 65,535 parameters (PostgreSQL's limit for one statement). */
function insertStatements(kind: Kind, rows: unknown[][]): { text: string; values: unknown[] }[] {
  const perStatement = Math.floor(65_535 / kind.columns.length);
  const name = kind.table.slice(0, kind.table.indexOf(" "));
  const statements = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const tuples = chunk.map((_, r) => `(${kind.columns.map((_, c) => `$${r * kind.columns.length + c + 1}`).join(", ")})`);
    statements.push({ text: `insert into ${name} (${kind.columns.join(", ")}) values ${tuples.join(", ")}`, values: chunk.flat() });
  }
  return statements;
}

const copyText = (rows: unknown[][]) => rows.map((r) => r.join("\t")).join("\n") + "\n";

async function timed(label: string, batches: number, run: (b: number, worker: number) => Promise<void>, clients: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  await inParallel(
    Array.from({ length: batches }, (_, b) => b),
    clients,
    async (b, worker) => {
      await run(b, worker);
      progress(`${label}: batch ${++done}/${batches}`);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const perSecond = (batches * BATCH) / seconds;
  progress(`${label}: ${Math.round(perSecond).toLocaleString("en")} rows/s`, true);
  return perSecond;
}

/** One POST on a connection of its own: no keep-alive socket the server may be closing. */
function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("error", (error) => reject(new Error(`POST ${url} failed after ${req.writableFinished ? "sending" : "part of"} the body: ${error.message}`)));
    req.end(body);
  });
}

async function httpRate(baseUrl: string, kind: Kind, level: string, clients: number, batches = batchesFor(clients)): Promise<number> {
  const bodies = Array.from({ length: batches }, (_, b) => kind.body(level, b));
  return timed(
    `${kind.name} HTTP, ${clients} client(s)`,
    batches,
    async (b) => {
      const res = await post(`${baseUrl}${kind.path}`, bodies[b]);
      if (res.status !== 202) throw new Error(`${kind.path} answered ${res.status}: ${res.text.slice(0, 500)}`);
    },
    clients,
  );
}

/** Something that runs a parameterised statement: a pg pool's client or PGlite. */
type Runner = { query(text: string, values?: unknown[]): Promise<unknown> };

async function insertRate(runners: Runner[], kind: Kind, level: string, clients: number, batches = batchesFor(clients)): Promise<number> {
  const prepared = Array.from({ length: batches }, (_, b) => insertStatements(kind, kind.rows(`raw_${level}`, b)));
  return timed(
    `${kind.name} multi-row INSERT, ${clients} connection(s)`,
    batches,
    async (b, worker) => {
      // Each batch is one transaction on its worker's connection, as the server's is.
      const runner = runners[worker % runners.length];
      await runner.query("begin");
      for (const statement of prepared[b]) await runner.query(statement.text, statement.values);
      await runner.query("commit");
    },
    clients,
  );
}

async function copyRate(pool: pg.Pool, kind: Kind, level: string, clients: number, batches = batchesFor(clients)): Promise<number> {
  const texts = Array.from({ length: batches }, (_, b) => copyText(kind.rows(`copy_${level}`, b)));
  const name = kind.table.slice(0, kind.table.indexOf(" "));
  return timed(
    `${kind.name} COPY FROM STDIN, ${clients} connection(s)`,
    batches,
    async (b) => {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from([texts[b]]), client.query(copyFrom(`copy ${name} (${kind.columns.join(", ")}) from stdin`)));
      } finally {
        client.release();
      }
    },
    clients,
  );
}

interface RawSide {
  /** n connections for the INSERT load, and a way to give them back. */
  connect(n: number): Promise<{ runners: Runner[]; release(): void }>;
  /** PostgreSQL's pool, for COPY. */
  pool?: pg.Pool;
}

async function measureEngine(engine: "pglite" | "postgres", baseUrl: string, raw: RawSide): Promise<IngestRow[]> {
  const rows: IngestRow[] = [];
  // One untimed batch of each kind each way first, so that no level pays for warming up.
  for (const kind of [metricsKind, predictionsKind]) {
    const connections = await raw.connect(1);
    await insertRate(connections.runners, kind, `${engine}_warm`, 1, 1).finally(() => connections.release());
    if (raw.pool) await copyRate(raw.pool, kind, `${engine}_warm`, 1, 1);
    await httpRate(baseUrl, kind, `${engine}_warm`, 1, 1);
  }
  for (const kind of [metricsKind, predictionsKind]) {
    for (const clients of kind.clients) {
      const level = `${engine}_${clients}`;
      console.log(`${engine}, ${kind.name}, ${clients} concurrent client(s), ${batchesFor(clients)} batches of ${BATCH.toLocaleString("en")}:`);
      const connections = await raw.connect(clients);
      const insert = await insertRate(connections.runners, kind, level, clients).finally(() => connections.release());
      const copy = raw.pool ? await copyRate(raw.pool, kind, level, clients) : null;
      const http = await httpRate(baseUrl, kind, level, clients);
      rows.push({
        engine,
        kind: kind.name,
        clients,
        rows: batchesFor(clients) * BATCH,
        http_per_second: Math.round(http),
        insert_per_second: Math.round(insert),
        copy_per_second: copy === null ? null : Math.round(copy),
        ratio_to_insert: round(http / insert),
        ratio_to_copy: copy === null ? null : round(http / copy),
      });
    }
  }
  return rows;
}

export async function benchIngest(postgresUrl: string | undefined): Promise<IngestRow[]> {
  const results: IngestRow[] = [];
  console.log("\n== ingest: HTTP against plain INSERT (and COPY on PostgreSQL) of the same rows ==");
  if (engineWanted("pglite")) results.push(...(await benchPglite()));
  if (!postgresUrl || !engineWanted("postgres")) {
    if (!postgresUrl) console.log("PostgreSQL skipped: set TEST_POSTGRES_URL to measure it too.");
    return results;
  }
  results.push(...(await benchPostgres(postgresUrl)));
  return results;
}

async function benchPglite(): Promise<IngestRow[]> {
  const results: IngestRow[] = [];
  const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-bench-"));
  const rawDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-bench-raw-"));
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const lite = new PGlite(rawDir);
    await lite.exec(`create table ${metricsKind.table}; create table ${predictionsKind.table};`);
    console.log("PGlite: starting the server on a fresh folder (it seeds the demo)…");
    const server = await startServer(benchPort(), { PLUMBLINE_DATA_DIR: serverDir, ...BENCH_SERVER_ENV });
    try {
      // One PGlite instance is one connection: concurrent writers take turns, in the server too.
      results.push(...(await measureEngine("pglite", server.baseUrl, { connect: async () => ({ runners: [lite], release: () => {} }) })));
    } catch (error) {
      console.error(`the PGlite server said:\n${server.output().slice(-3000)}`);
      throw error;
    } finally {
      await server.stop();
      await lite.close();
    }
  } finally {
    fs.rmSync(serverDir, { recursive: true, force: true });
    fs.rmSync(rawDir, { recursive: true, force: true });
  }
  return results;
}

async function benchPostgres(postgresUrl: string): Promise<IngestRow[]> {
  const results: IngestRow[] = [];
  const scratch = await createScratchDatabase(postgresUrl, "bench");
  const pool = new pg.Pool({ connectionString: scratch.url, max: 16 });
  try {
    console.log("PostgreSQL: starting the server on a scratch database (it seeds the demo)…");
    const server = await startServer(benchPort(), { DATABASE_URL: scratch.url, ...BENCH_SERVER_ENV });
    try {
      await pool.query(`create table ${metricsKind.table}; create table ${predictionsKind.table};`);
      const connect = async (n: number) => {
        const clients = await Promise.all(Array.from({ length: n }, () => pool.connect()));
        return { runners: clients, release: () => clients.forEach((c) => c.release()) };
      };
      results.push(...(await measureEngine("postgres", server.baseUrl, { connect, pool })));
    } catch (error) {
      console.error(`the PostgreSQL server said:\n${server.output().slice(-3000)}`);
      throw error;
    } finally {
      await server.stop();
    }
  } finally {
    await pool.end();
    await scratch.drop();
  }
  return results;
}

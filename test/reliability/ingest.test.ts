import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_KEY } from "../support/http";
import { createScratchDatabase, startServer } from "../support/servers";
import { batch, type Batch } from "./batches";

/**
 * Ingestion under load and under crashes, on each engine: what got a 2xx is stored exactly once,
 * what did not is stored whole or not at all, and a replay with the same Idempotency-Key adds
 * nothing. Counting reads the database directly (PGlite only while no server holds its folder).
 */
const PORT = Number(process.env.PLUMBLINE_RELIABILITY_PORT ?? 3131);
const LOAD_SECONDS = Number(process.env.PLUMBLINE_RELIABILITY_SECONDS ?? 60);
const WRITERS = 8;
const BATCH = 50;
const ENV = { PLUMBLINE_SIMULATOR: "0", PLUMBLINE_KEY_RATE_LIMIT: "1000000", PLUMBLINE_USER_RATE_LIMIT: "1000000" };

/** 2xx: stored; a status: refused (nothing stored); null: no answer (the outcome is unknown). */
async function send(baseUrl: string, b: Batch): Promise<number | null> {
  try {
    const res = await fetch(`${baseUrl}/api/v1/ingest/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/json", "idempotency-key": b.id },
      body: b.body,
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

type Counter = (metric: string) => Promise<Map<string, number>>;

const COUNT_SQL = "select labels->>'batch' as batch, count(*)::int as n from metric_points where metric = $1 group by 1";

function postgresCounter(url: string): Counter {
  return async (metric) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ batch: string; n: number }>(COUNT_SQL, [metric]);
      return new Map(rows.map((r) => [r.batch, r.n]));
    } finally {
      await client.end();
    }
  };
}

function pgliteCounter(dataDir: string): Counter {
  return async (metric) => {
    const db = await PGlite.create(dataDir);
    try {
      const { rows } = await db.query<{ batch: string; n: number }>(COUNT_SQL, [metric]);
      return new Map(rows.map((r) => [r.batch, r.n]));
    } finally {
      await db.close();
    }
  };
}

interface Engine {
  name: string;
  env: () => Promise<Record<string, string>>;
  counter: () => Counter;
  cleanup: () => Promise<void>;
}

function engines(): Engine[] {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-rel-"));
  const list: Engine[] = [
    {
      name: "pglite",
      env: async () => ({ PLUMBLINE_DATA_DIR: dataDir }),
      counter: () => pgliteCounter(dataDir),
      cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    },
  ];
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (adminUrl) {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
    list.push({
      name: "postgres",
      env: async () => {
        scratch ??= await createScratchDatabase(adminUrl, "rel");
        return { DATABASE_URL: scratch.url };
      },
      counter: () => postgresCounter(scratch!.url),
      cleanup: async () => scratch?.drop(),
    });
  } else {
    console.warn("\n*** TEST_POSTGRES_URL is not set: the reliability suite runs on PGlite ONLY. ***\n");
  }
  return list;
}

describe.each(engines())("ingestion on $name", (engine) => {
  afterAll(() => engine.cleanup());

  it(
    "holds under 8 writers with readers beside them, and survives kill -9 mid-ingestion without losing or half-writing a batch",
    { timeout: 900_000 },
    async () => {
      const env = { ...ENV, ...(await engine.env()) };
      let server = await startServer(PORT, env);

      // Load: writers and readers for LOAD_SECONDS; every answer must be a success.
      const loadMetric = `reliability_load_${randomUUID().slice(0, 8)}`;
      const accepted: string[] = [];
      const failures: string[] = [];
      const until = Date.now() + LOAD_SECONDS * 1000;
      const writer = async (w: number) => {
        for (let n = 0; Date.now() < until; n++) {
          const b = batch(loadMetric, w, n, BATCH);
          const status = await send(server.baseUrl, b);
          if (status !== null && status >= 200 && status < 300) accepted.push(b.id);
          else failures.push(`write ${b.id}: ${status}`);
        }
      };
      let reads = 0;
      const reader = async (url: string) => {
        while (Date.now() < until) {
          const res = await fetch(`${server.baseUrl}${url}`, { headers: { authorization: `Bearer ${DEMO_KEY}` } }).catch(() => null);
          if (res?.status !== 200) failures.push(`read ${url}: ${res?.status ?? "no answer"}`);
          await res?.arrayBuffer();
          reads++;
        }
      };
      await Promise.all([
        ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
        reader(`/api/v1/models/fraud-detector/metrics?metric=${loadMetric}`),
        reader("/api/v1/fleet"),
      ]);
      expect(failures.slice(0, 10)).toEqual([]);
      expect(accepted.length).toBeGreaterThan(WRITERS);
      expect(reads).toBeGreaterThan(2);

      // Crash: writers keep sending while the server is killed; some answers never come.
      const crashMetric = `reliability_crash_${randomUUID().slice(0, 8)}`;
      const sent: { batch: Batch; status: number | null }[] = [];
      let stop = false;
      const crashWriters = Array.from({ length: WRITERS }, async (_, w) => {
        for (let n = 0; !stop; n++) {
          const b = batch(crashMetric, w, n, BATCH);
          sent.push({ batch: b, status: await send(server.baseUrl, b) });
        }
      });
      // Ingestion answers 202; the kill comes once twenty batches were accepted (or a minute passed).
      const isStored = (status: number | null) => status !== null && status >= 200 && status < 300;
      const killBy = Date.now() + 60_000;
      while (sent.filter((s) => isStored(s.status)).length < 20 && Date.now() < killBy) await new Promise((r) => setTimeout(r, 50));
      await server.kill();
      stop = true;
      await Promise.all(crashWriters);
      expect(sent.filter((s) => isStored(s.status)).length).toBeGreaterThanOrEqual(20);

      // PGlite's folder must open cleanly after the crash (the counter opens it).
      const loadCounts = await engine.counter()(loadMetric);
      expect([...loadCounts.values()].reduce((a, b) => a + b, 0)).toBe(accepted.length * BATCH);
      expect(accepted.filter((id) => loadCounts.get(id) !== BATCH)).toEqual([]);
      const afterCrash = await engine.counter()(crashMetric);
      expect(sent.filter((s) => isStored(s.status) && afterCrash.get(s.batch.id) !== BATCH).map((s) => s.batch.id)).toEqual([]);
      // Nothing half-written: a batch is all there or not at all.
      expect([...afterCrash.entries()].filter(([, n]) => n !== BATCH)).toEqual([]);

      // Restart and replay every batch with its key: each ends up stored exactly once.
      server = await startServer(PORT, env);
      try {
        for (const s of sent) {
          const status = await send(server.baseUrl, s.batch);
          expect(status, s.batch.id).toBeGreaterThanOrEqual(200);
          expect(status, s.batch.id).toBeLessThan(300);
        }
      } finally {
        await server.stop();
      }
      const afterReplay = await engine.counter()(crashMetric);
      expect(sent.filter((s) => afterReplay.get(s.batch.id) !== BATCH).map((s) => s.batch.id)).toEqual([]);
      expect(afterReplay.size).toBe(new Set(sent.map((s) => s.batch.id)).size);
    },
  );
});

describe.runIf(process.env.TEST_POSTGRES_URL)("a PostgreSQL that goes away under load", () => {
  it("answers 503 while the database refuses connections, says so on /api/ready, and recovers without a restart", { timeout: 600_000 }, async () => {
    const adminUrl = process.env.TEST_POSTGRES_URL!;
    const scratch = await createScratchDatabase(adminUrl, "gone");
    const server = await startServer(PORT + 2, { ...ENV, DATABASE_URL: scratch.url, PLUMBLINE_DEMO: "0" });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const database = new URL(scratch.url).pathname.slice(1);
    const statuses: number[] = [];
    let stop = false;
    const load = (async () => {
      while (!stop) {
        const res = await fetch(`${server.baseUrl}/api/v1/models`, { headers: { authorization: "Bearer plb_nonexistent_key_000000000000" } }).catch(() => null);
        if (res) statuses.push(res.status);
        await res?.arrayBuffer();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 1000));
      await admin.query(`alter database "${database}" allow_connections false`);
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [database]);
      await new Promise((r) => setTimeout(r, 2000));
      const ready = await fetch(`${server.baseUrl}/api/ready`);
      expect(ready.status).toBe(503);
      expect(statuses).toContain(503);

      await admin.query(`alter database "${database}" allow_connections true`);
      const deadline = Date.now() + 30_000;
      while ((await fetch(`${server.baseUrl}/api/ready`)).status !== 200) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 250));
      }
      stop = true;
      await load;
      // Unauthenticated requests read the key table: 401 while it answers, 503 while it is gone, never a 500.
      expect(statuses.filter((s) => s !== 401 && s !== 503)).toEqual([]);
      expect(statuses.at(-1)).toBe(401);
    } finally {
      stop = true;
      await load;
      await server.stop();
      await admin.query(`alter database "${database}" allow_connections true`).catch(() => undefined);
      await admin.end();
      await scratch.drop();
    }
  });
});

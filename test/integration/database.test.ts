import { SYSTEM_CALLER } from "@/lib/auth/caller";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { verifyChain } from "@/lib/audit/queries";
import { openDatabase, queryRows, type Database } from "@/lib/db/engine";
import { createScratchDatabase } from "../support/servers";

interface EngineUnderTest {
  name: string;
  open: () => Promise<Database>;
}

const cleanups: (() => Promise<void>)[] = [];

/** The database's own message: drizzle wraps it as the cause of a "Failed query" error. */
async function databaseError(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? error);
  }
  return "(the statement succeeded)";
}
afterAll(async () => {
  for (const c of cleanups) await c();
});

function pgliteEngine(): EngineUnderTest {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-db-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return { name: "pglite", open: () => openDatabase({ dataDir: dir }) };
}

function postgresEngine(adminUrl: string): EngineUnderTest {
  let url: string | undefined;
  return {
    name: "postgres",
    async open() {
      if (!url) {
        const scratch = await createScratchDatabase(adminUrl, "db");
        cleanups.push(scratch.drop);
        url = scratch.url;
      }
      return openDatabase({ url, poolSize: 25 });
    },
  };
}

const adminUrl = inject("postgresAdminUrl");
const engines = [pgliteEngine(), ...(adminUrl ? [postgresEngine(adminUrl)] : [])];

describe.each(engines)("database on $name", (engine) => {
  it("applies migrations to an empty database, and again at the next start without change", async () => {
    const first = await engine.open();
    await first.migrate();
    const tables = await queryRows<{ table_name: string }>(
      first.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["users", "api_keys", "models", "model_versions", "stage_history", "audit_log", "signin_failures"]),
    );
    const applied = await queryRows<{ n: number }>(first.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await first.close();

    const second = await engine.open();
    await second.migrate();
    const again = await queryRows<{ n: number }>(second.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(again[0].n).toBe(applied[0].n);
    expect(applied[0].n).toBeGreaterThanOrEqual(2);
    await second.close();
  });

  it("refuses UPDATE, DELETE and TRUNCATE on the audit log", async () => {
    const database = await engine.open();
    await database.migrate();
    await appendAudit(database.db, SYSTEM_CALLER, { action: "test.entry", target: "t" });
    expect(await databaseError(database.db.execute(sql`update audit_log set actor = 'mallory'`))).toMatch(/append-only: UPDATE/);
    expect(await databaseError(database.db.execute(sql`delete from audit_log`))).toMatch(/append-only: DELETE/);
    expect(await databaseError(database.db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE/);
    const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log where actor = 'mallory'`);
    expect(rows[0].n).toBe(0);
    await database.close();
  });

  it("hashes each entry in the form the database stores, so odd input never breaks the chain", async () => {
    const database = await engine.open();
    await database.migrate();
    const odd = [
      { caller: { actor: "\ud800lone@example.com", ip: "2001:0DB8:0000:0000:0000:0000:0000:0001" }, target: "a\udc00b" },
      { caller: { actor: "mapped@example.com", ip: "::FFFF:192.0.2.1" }, target: "t" },
      { caller: { actor: "zone@example.com", ip: "fe80::8%eth0" }, target: "t" },
      { caller: { actor: "nul\u0000@example.com", ip: "192.0.2.01" }, target: "t" },
    ];
    for (const { caller, target } of odd) {
      await appendAudit(database.db, caller, {
        action: "test.odd",
        target,
        detail: {
          zebra: 1,
          a: [1.0, 1e21, 1e-7, 2 ** 60, -0, 0.1 + 0.2],
          bb: { "\ud83d": "x", nested: "y\udfff", emoji: "😀", nul: "n\u0000l" },
          when: new Date("2026-01-01T00:00:00Z"),
        },
      });
    }
    expect(await verifyChain(database.db)).toMatchObject({ ok: true, firstBadSeq: null });
    const rows = await queryRows<{ actor: string; ip: string | null }>(
      database.db,
      sql`select actor, ip::text as ip from audit_log where action = 'test.odd' order by seq`,
    );
    expect(rows[0]).toEqual({ actor: "\ufffdlone@example.com", ip: "2001:db8::1/128" });
    await database.close();
  });

  it("keeps one unbroken chain under 20 concurrent appends", async () => {
    const database = await engine.open();
    await database.migrate();
    const before = await verifyChain(database.db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(database.db, { actor: `writer${i}@example.com`, ip: null }, { action: "test.concurrent", target: "chain", detail: { i } }),
      ),
    );
    const after = await verifyChain(database.db);
    expect(after).toMatchObject({ ok: true, firstBadSeq: null, entries: before.entries + 20 });
    const seqs = await queryRows<{ seq: number }>(database.db, sql`select seq from audit_log order by seq`);
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: after.entries }, (_, i) => i + 1));
    await database.close();
  });
});

describe("PGlite specifics", () => {
  it("lets a query issued during another transaction finish instead of hanging", async () => {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    let releaseTx!: () => void;
    const txOpen = new Promise<void>((r) => (releaseTx = r));
    const tx = database.db.transaction(async (t) => {
      await t.execute(sql`select 1`);
      await new Promise((r) => setTimeout(r, 200));
      releaseTx();
    });
    const outside = database.db.execute(sql`select 2 as two`);
    const results = await Promise.race([Promise.all([tx, outside, txOpen]).then(() => "done"), new Promise((r) => setTimeout(() => r("hung"), 5000))]);
    expect(results).toBe("done");
    await database.close();
  });

  it("refuses, with a clear message, a data folder another running process holds", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-lock-"));
    const other = spawn("sleep", ["30"]);
    try {
      fs.writeFileSync(path.join(dir, "plumbline.pid"), String(other.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another Plumbline process \(pid \d+\)/);
    } finally {
      other.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes over a data folder whose holder has died", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-lock-"));
    const dead = spawn("true");
    await new Promise((r) => dead.once("exit", r));
    fs.writeFileSync(path.join(dir, "plumbline.pid"), String(dead.pid));
    const database = await openDatabase({ dataDir: dir });
    expect(fs.readFileSync(path.join(dir, "plumbline.pid"), "utf8")).toBe(String(process.pid));
    await database.close();
    expect(fs.existsSync(path.join(dir, "plumbline.pid"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/** A copy of the migrations that stops before the one tagged `tag`: the database as an older release left it. */
function migrationsBefore(tag: string): string {
  const source = path.join(process.cwd(), "drizzle", "migrations");
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "plumbline-migrations-"));
  cleanups.push(async () => fs.rmSync(folder, { recursive: true, force: true }));
  fs.cpSync(source, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag.endsWith(tag));
  expect(cut).toBeGreaterThan(0);
  fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return folder;
}

describe.each(engines)("raw metric points by day on $name", (engine) => {
  const now = new Date("2026-11-25T12:00:00Z");
  const daysAgo = (days: number, hours = 0) => new Date(now.getTime() - days * 86_400_000 - hours * 3600_000);
  const partitionOf = (t: Date) => `metric_points_p${t.toISOString().slice(0, 10).replaceAll("-", "")}`;

  async function versionIn(database: Database, model: string): Promise<string> {
    const [version] = await queryRows<{ id: string }>(
      database.db,
      sql`with m as (insert into models (name, created_by) values (${model}, 'test') returning id)
          insert into model_versions (model_id, version, created_by) select id, 'v1', 'test' from m returning id`,
    );
    return version.id;
  }
  const partitionsIn = async (database: Database) =>
    (
      await queryRows<{ name: string }>(
        database.db,
        sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'metric_points'::regclass`,
      )
    ).map((r) => r.name);

  it("drops whole days past retention, keeps the rollups, and reads a recent range from the recent days only", async () => {
    const { runMaintenance } = await import("@/lib/maintenance");
    const { addRawPointDays, storePoints } = await import("@/lib/metrics/commands");
    const database = await engine.open();
    await database.migrate();
    const versionId = await versionIn(database, `retained-${engine.name}`);
    await addRawPointDays(database.db, daysAgo(3));
    const point = (ts: Date, value: number) => ({ versionId, metric: "m", ts, value, labels: {} });
    await database.db.transaction((tx) =>
      storePoints(tx, [point(daysAgo(40), 1), point(daysAgo(16), 2), point(daysAgo(14, 1), 3), point(daysAgo(3), 4), point(daysAgo(0, 1), 5)]),
    );
    expect(await partitionsIn(database)).toContain(partitionOf(daysAgo(16)));

    expect(await runMaintenance(database.db, now)).toEqual({ ran: true, prunedPoints: 3 });

    const partitions = await partitionsIn(database);
    expect(partitions).not.toContain(partitionOf(daysAgo(16)));
    expect(partitions).toContain(partitionOf(daysAgo(14)));
    expect(partitions).toContain(partitionOf(daysAgo(-7)));
    const raw = await queryRows<{ value: number }>(database.db, sql`select value from metric_points where model_version_id = ${versionId} order by ts`);
    expect(raw.map((r) => r.value)).toEqual([4, 5]);
    const rollups = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from metric_rollups where model_version_id = ${versionId} and bucket_start < ${daysAgo(14).toISOString()}::timestamptz`,
    );
    expect(rollups[0].n).toBe(6);

    const plan = await queryRows<Record<string, string>>(
      database.db,
      sql.raw(`explain select count(*) from metric_points where ts >= '${daysAgo(1).toISOString()}'::timestamptz and ts < '${now.toISOString()}'::timestamptz`),
    );
    const scanned = plan.map((row) => Object.values(row)[0]).join("\n");
    expect(scanned).toContain(partitionOf(now));
    expect(scanned).not.toContain(partitionOf(daysAgo(3)));
    await database.close();
  });

  it("keeps the points of a database that had them before days were partitioned, each in its day", async () => {
    const { storePoints } = await import("@/lib/metrics/commands");
    const fresh = engine.name === "pglite" ? pgliteEngine() : postgresEngine(adminUrl!);
    const before = await fresh.open();
    const folder = migrationsBefore("metric_points_by_day");
    const { migrate } = await (before.kind === "pglite" ? import("drizzle-orm/pglite/migrator") : import("drizzle-orm/node-postgres/migrator"));
    await migrate(before.db as never, { migrationsFolder: folder });
    const versionId = await versionIn(before, `upgraded-${engine.name}`);
    const recent = new Date(Date.now() - 3 * 86_400_000);
    await before.db.transaction((tx) => storePoints(tx, [{ versionId, metric: "m", ts: recent, value: 42, labels: {} }]));
    await before.close();

    const after = await fresh.open();
    await after.migrate();
    const [kept] = await queryRows<{ value: number; partition: string }>(
      after.db,
      sql`select value, tableoid::regclass::text as partition from metric_points where model_version_id = ${versionId}`,
    );
    expect(kept).toEqual({ value: 42, partition: partitionOf(recent) });
    await after.close();
  });

  it("moves points that arrived before their day had a partition into it when the day is added", async () => {
    const { addRawPointDays, storePoints } = await import("@/lib/metrics/commands");
    const database = await engine.open();
    await database.migrate();
    const versionId = await versionIn(database, `early-${engine.name}`);
    const later = new Date(now.getTime() + 30 * 86_400_000);
    await database.db.transaction((tx) => storePoints(tx, [{ versionId, metric: "m", ts: later, value: 1, labels: {} }]));
    const inDefault = async () =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from metric_points_default where model_version_id = ${versionId}`))[0].n;
    expect(await inDefault()).toBe(1);

    expect(await addRawPointDays(database.db, later)).toBeGreaterThan(0);

    expect(await inDefault()).toBe(0);
    const [moved] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${partitionOf(later)}`));
    expect(moved.n).toBe(1);
    await database.close();
  });
});

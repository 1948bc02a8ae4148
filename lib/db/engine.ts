import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { log } from "@/lib/log";
import { lockDataDir } from "./pglite-lock";
import type { Db, DbOrTx, EngineKind } from "./types";

export interface Database {
  db: Db;
  kind: EngineKind;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs `work` while holding a session-level advisory lock on a connection of its own, or
   * answers `{acquired: false}` at once when another process holds it. A process that dies
   * mid-work loses its connection and, with it, the lock.
   */
  withTryLock<T>(key: number, work: () => Promise<T>): Promise<{ acquired: false } | { acquired: true; value: T }>;
}

export interface DatabaseConfig {
  /** `postgres://…` selects PostgreSQL; otherwise PGlite. */
  url?: string;
  /**
   * PostgreSQL only: the role that owns the schema and runs the migrations, when the server's own
   * role (`url`) is another, less privileged one.
   */
  ownerUrl?: string;
  /** PGlite data folder; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle", "migrations");
// An arbitrary constant shared by every replica, so only one of them migrates at a time.
const MIGRATION_LOCK_KEY = 7_461_001;

const isPostgresUrl = (url: string | undefined): url is string => Boolean(url && /^postgres(ql)?:\/\//.test(url));

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (isPostgresUrl(config.url)) return openPostgres(config.url, config.poolSize ?? 10, config.ownerUrl);
  if (config.ownerUrl) throw new Error("DATABASE_OWNER_URL needs DATABASE_URL to name the server's own role on the same PostgreSQL database");
  return openPglite(config.dataDir ?? "./.data");
}

async function openPostgres(url: string, poolSize: number, ownerUrl: string | undefined): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const { canRewriteAuditTrail, grantServerRole } = await import("./roles");
  if (ownerUrl !== undefined && !isPostgresUrl(ownerUrl)) throw new Error("DATABASE_OWNER_URL must be a postgres:// URL");
  const pool = new Pool({ connectionString: url, max: poolSize });
  pool.on("error", (error) => log.error("postgres pool error", { error: error.message }));
  const db = drizzle(pool, { schema }) as unknown as Db;

  /** Migrates as whoever `migrator` connects as; replicas starting together take turns. */
  async function migrateWith(migrator: InstanceType<typeof Pool>): Promise<void> {
    const client = await migrator.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      client.release();
    }
  }

  /** With an owner: migrate as the owner, then grant the server's role what it needs and no more. */
  async function migrateAsOwner(owner: string): Promise<void> {
    const ownerPool = new Pool({ connectionString: owner, max: 1 });
    try {
      await migrateWith(ownerPool);
      const [{ role }] = (await pool.query<{ role: string }>("select current_user as role")).rows;
      await grantServerRole(drizzle(ownerPool, { schema }) as unknown as Db, role);
    } finally {
      await ownerPool.end();
    }
    if (await canRewriteAuditTrail(db)) {
      throw new Error(
        "DATABASE_OWNER_URL is set, but the role of DATABASE_URL can still rewrite the audit trail: " +
          "it must be another role than the owner, neither a superuser nor a member of the owner's role",
      );
    }
  }

  return {
    db,
    kind: "postgres",
    async migrate() {
      if (ownerUrl) return migrateAsOwner(ownerUrl);
      await migrateWith(pool);
      if (await canRewriteAuditTrail(db)) {
        log.warn(
          "the server's database role owns the audit trail and could rewrite it; set DATABASE_OWNER_URL to migrate as the owner and serve as a role that may only add to it",
        );
      }
    },
    close: () => pool.end(),
    async withTryLock(key, work) {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [key]);
        if (!rows[0].locked) return { acquired: false };
        try {
          return { acquired: true, value: await work() };
        } finally {
          await client.query("select pg_advisory_unlock($1)", [key]).catch(() => {});
        }
      } finally {
        client.release();
      }
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const heldKeys = new Set<number>();
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // PGlite serialises every query and transaction on its single connection: a query issued
    // while another request's transaction is open waits for it instead of joining it.
    const client = inMemory ? new PGlite() : new PGlite(path.resolve(dataDir));
    await client.waitReady;
    const db = drizzle(client, { schema });
    return {
      db: db as unknown as Db,
      kind: "pglite",
      migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      async close() {
        await client.close();
        release();
      },
      // One process owns a PGlite folder (lockDataDir), so only work already running here competes.
      async withTryLock(key, work) {
        if (heldKeys.has(key)) return { acquired: false };
        heldKeys.add(key);
        try {
          return { acquired: true, value: await work() };
        } finally {
          heldKeys.delete(key);
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Rows of a raw query, whichever engine ran it. */
export async function queryRows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

import "server-only";
import { log } from "@/lib/log";
import { openDatabase, type Database } from "./engine";
import type { Db } from "./types";

export type { Db, DbOrTx, Tx } from "./types";
export { queryRows } from "./engine";

interface DbState {
  database?: Promise<Database>;
  migrated: boolean;
}

// One database per process, kept on globalThis so that dev hot reloads reuse it:
// PGlite must never be opened twice on the same folder.
const state: DbState = ((globalThis as { __plumblineDb?: DbState }).__plumblineDb ??= { migrated: false });

function describeTarget(): string {
  if (!process.env.DATABASE_URL) return `PGlite in ${process.env.PLUMBLINE_DATA_DIR ?? "./.data"}`;
  return process.env.DATABASE_OWNER_URL ? "PostgreSQL, migrating as the owner role" : "PostgreSQL";
}

/** The process's database, migrated. Every caller awaits the same start-up. */
export function database(): Promise<Database> {
  state.database ??= (async () => {
    const opened = await openDatabase({
      url: process.env.DATABASE_URL,
      ownerUrl: process.env.DATABASE_OWNER_URL || undefined,
      dataDir: process.env.PLUMBLINE_DATA_DIR,
    });
    const started = Date.now();
    log.info("applying migrations", { target: describeTarget() });
    await opened.migrate();
    state.migrated = true;
    log.info("migrations applied", { target: describeTarget(), ms: Date.now() - started });
    return opened;
  })().catch((error) => {
    state.database = undefined;
    throw error;
  });
  return state.database;
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

export function migrationsApplied(): boolean {
  return state.migrated;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === "23505";
}

import "server-only";
import { asc } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { createChainVerifier, type ChainVerdict, type ChainedEntry } from "./chain";

type AuditRow = typeof auditLog.$inferSelect;

export function rowToEntry(row: AuditRow): ChainedEntry {
  return {
    seq: row.seq,
    ts: row.ts.toISOString(),
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    detail: row.detail,
    ip: row.ip,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

const VERIFY_PAGE = 1000;

/** Recomputes the whole chain page by page, so memory stays flat however long it is. */
export async function verifyChain(db: Db): Promise<ChainVerdict> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db.query.auditLog.findMany({
      where: (t, { gt }) => gt(t.seq, after),
      orderBy: [asc(auditLog.seq)],
      limit: VERIFY_PAGE,
    });
    for (const row of rows) verifier.add(rowToEntry(row));
    if (rows.length < VERIFY_PAGE) return verifier.verdict();
    after = rows[rows.length - 1].seq;
  }
}

export async function latestEntries(db: Db, limit: number): Promise<ChainedEntry[]> {
  const rows = await db.query.auditLog.findMany({ orderBy: (t, { desc }) => [desc(t.seq)], limit });
  return rows.map(rowToEntry);
}

import "server-only";
import { and, asc, desc, eq, gte, like, lt, lte } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { createChainVerifier, type ChainVerdict, type ChainedEntry, type CheckpointClaim } from "./chain";

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

/**
 * Recomputes the whole chain page by page, so memory stays flat however long it is; with a
 * checkpoint, also proves the chain still reaches it.
 */
export async function verifyChain(db: Db, checkpoint?: CheckpointClaim): Promise<ChainVerdict> {
  const verifier = createChainVerifier(checkpoint);
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

export interface AuditFilter {
  actor?: string;
  /** A prefix: `promotion.` matches `promotion.approved`. */
  action?: string;
  target?: string;
  outcome?: "success" | "failure" | "denied";
  from?: Date;
  to?: Date;
  /** Entries older than this seq (the previous page's next_cursor). */
  before?: number;
  limit: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first, filtered, one page at a time; `next_cursor` is null on the last page. */
export async function queryAudit(db: Db, filter: AuditFilter): Promise<{ entries: ChainedEntry[]; next_cursor: string | null }> {
  const conditions = [
    filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
    filter.action ? like(auditLog.action, `${escapeLike(filter.action)}%`) : undefined,
    filter.target ? eq(auditLog.target, filter.target) : undefined,
    filter.outcome ? eq(auditLog.outcome, filter.outcome) : undefined,
    filter.from ? gte(auditLog.ts, filter.from) : undefined,
    filter.to ? lte(auditLog.ts, filter.to) : undefined,
    filter.before ? lt(auditLog.seq, filter.before) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit).map(rowToEntry);
  return { entries: page, next_cursor: rows.length > filter.limit ? String(page[page.length - 1].seq) : null };
}

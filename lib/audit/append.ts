import "server-only";
import { isIP } from "node:net";
import { desc, sql } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import type { Caller } from "@/lib/auth/caller";
import type { DbOrTx } from "@/lib/db";
import { GENESIS_HASH, entryHash, type AuditEntryContent, type AuditOutcome, type ChainedEntry } from "./chain";

// Every appender, on every replica, takes this transaction-scoped lock before reading the head:
// two concurrent appends can never both link to the same predecessor.
const AUDIT_CHAIN_LOCK_KEY = 7_461_002;

export interface AuditEvent {
  action: string;
  target: string;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
}

/** Appends one entry for `caller`; on a transaction it commits or rolls back with the caller's change. */
export async function appendAudit(db: DbOrTx, caller: Caller, event: AuditEvent): Promise<ChainedEntry> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const content: AuditEntryContent = {
      seq: (head?.seq ?? 0) + 1,
      ts: new Date().toISOString(),
      actor: caller.actor,
      action: event.action,
      target: event.target,
      outcome: event.outcome ?? "success",
      detail: JSON.parse(JSON.stringify(event.detail ?? {})) as Record<string, unknown>,
      ip: caller.ip && isIP(caller.ip) ? caller.ip : null,
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = entryHash(prevHash, content);
    await tx.insert(auditLog).values({ ...content, ts: new Date(content.ts), prevHash, hash });
    return { ...content, prevHash, hash };
  });
}

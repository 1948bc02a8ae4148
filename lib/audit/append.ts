import "server-only";
import { isIP } from "node:net";
import { desc, sql } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db";
import { GENESIS_HASH, entryHash, type AuditEntryContent, type AuditOutcome, type ChainedEntry } from "./chain";

// Every appender, on every replica, takes this transaction-scoped lock before reading the head:
// two concurrent appends can never both link to the same predecessor.
const AUDIT_CHAIN_LOCK_KEY = 7_461_002;

export interface AuditInput {
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export async function appendAudit(db: DbOrTx, input: AuditInput): Promise<ChainedEntry> {
  // On a transaction this is a savepoint: the entry commits or rolls back with the caller's change.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const content: AuditEntryContent = {
      seq: (head?.seq ?? 0) + 1,
      ts: new Date().toISOString(),
      actor: input.actor,
      action: input.action,
      target: input.target,
      outcome: input.outcome,
      detail: JSON.parse(JSON.stringify(input.detail ?? {})) as Record<string, unknown>,
      ip: input.ip && isIP(input.ip) ? input.ip : null,
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = entryHash(prevHash, content);
    await tx.insert(auditLog).values({ ...content, ts: new Date(content.ts), prevHash, hash });
    return { ...content, prevHash, hash };
  });
}

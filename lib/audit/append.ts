import "server-only";
import { isIP } from "node:net";
import { desc, sql } from "drizzle-orm";
import { auditLog } from "@/drizzle/schema";
import type { Caller } from "@/lib/auth/caller";
import { queryRows, type DbOrTx } from "@/lib/db";
import { GENESIS_HASH, entryHash, storableDetailJson, storableText, type AuditEntryContent, type AuditOutcome, type ChainedEntry } from "./chain";

// Every appender, on every replica, takes this transaction-scoped lock before reading the head:
// two concurrent appends can never both link to the same predecessor.
const AUDIT_CHAIN_LOCK_KEY = 7_461_002;

export interface AuditEvent {
  action: string;
  target: string;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
}

/** An address the inet column takes: an IPv6 zone (`fe80::8%eth0`) has no place in it. */
function storableAddress(ip: string | null): string | null {
  const address = ip?.replace(/%.*$/, "") ?? "";
  return isIP(address) ? address : null;
}

/**
 * The address and detail exactly as the database will store and give them back: inet in its
 * canonical form (`2001:0DB8::1` is `2001:db8::1`), jsonb with its own number forms. The entry is
 * hashed in this form, so verifying what was read back always matches.
 */
async function storedForm(tx: DbOrTx, ip: string | null, detail: Record<string, unknown>) {
  const [row] = await queryRows<{ ip: string | null; detail: Record<string, unknown> | string }>(
    tx,
    sql`select ${storableAddress(ip)}::inet as ip, ${storableDetailJson(detail)}::jsonb as detail`,
  );
  return { ip: row.ip, detail: typeof row.detail === "string" ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail };
}

/** Appends one entry for `caller`; on a transaction it commits or rolls back with the caller's change. */
export async function appendAudit(db: DbOrTx, caller: Caller, event: AuditEvent): Promise<ChainedEntry> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const stored = await storedForm(tx, caller.ip, event.detail ?? {});
    const content: AuditEntryContent = {
      seq: (head?.seq ?? 0) + 1,
      ts: new Date().toISOString(),
      actor: storableText(caller.actor),
      action: storableText(event.action),
      target: storableText(event.target),
      outcome: event.outcome ?? "success",
      detail: stored.detail,
      ip: stored.ip,
    };
    const prevHash = head?.hash ?? GENESIS_HASH;
    const hash = entryHash(prevHash, content);
    await tx.insert(auditLog).values({ ...content, ts: new Date(content.ts), prevHash, hash });
    return { ...content, prevHash, hash };
  });
}

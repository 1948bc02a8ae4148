import "server-only";
import { desc, sql } from "drizzle-orm";
import { auditCheckpoints, auditLog } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";

/** A published head of the audit chain: whoever keeps it can later prove the chain still reaches it. */
export interface AuditCheckpoint {
  seq: number;
  head_hash: string;
  at: string;
}

export const CHECKPOINT_EVERY_MS = 3600_000;
// Replicas check on their own timers; the lock lets one of them publish each checkpoint.
const CHECKPOINT_LOCK_KEY = 7_461_011;

type Listener = (checkpoint: AuditCheckpoint) => Promise<void> | void;
const listeners: Listener[] = ((globalThis as { __plumblineCheckpointListeners?: Listener[] }).__plumblineCheckpointListeners ??= []);

/**
 * Where webhooks hook in to send `audit.checkpoint`: `listener` is called with every checkpoint
 * published from then on, after it is stored and logged.
 */
export function onAuditCheckpoint(listener: Listener): void {
  listeners.push(listener);
}

/**
 * Publishes the chain's head when the last checkpoint is an hour old or there is none yet: stored
 * (append-only), written to the log, and handed to the listeners. Nothing when the chain is empty
 * or another replica is publishing.
 */
export async function publishCheckpointIfDue(db: Db, now = new Date()): Promise<AuditCheckpoint | null> {
  const checkpoint = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK_KEY})`);
    const [last] = await tx.select({ at: auditCheckpoints.at }).from(auditCheckpoints).orderBy(desc(auditCheckpoints.at)).limit(1);
    if (last && now.getTime() - last.at.getTime() < CHECKPOINT_EVERY_MS) return null;
    const [head] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    if (!head) return null;
    await tx.insert(auditCheckpoints).values({ seq: head.seq, headHash: head.hash, at: now });
    return { seq: head.seq, head_hash: head.hash, at: now.toISOString() };
  });
  if (!checkpoint) return null;
  log.info("audit checkpoint", { ...checkpoint });
  for (const listener of listeners) {
    try {
      await listener(checkpoint);
    } catch (error) {
      log.warn("audit checkpoint listener failed", { error: String(error) });
    }
  }
  return checkpoint;
}

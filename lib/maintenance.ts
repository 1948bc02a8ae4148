import "server-only";
import { lt, sql } from "drizzle-orm";
import { idempotencyKeys, rateLimitWindows } from "@/drizzle/schema";
import { queryRows, type Db } from "@/lib/db";
import { publishCheckpointIfDue } from "@/lib/audit/checkpoint";
import { log } from "@/lib/log";
import { addRawPointDays, pruneRawPoints } from "@/lib/metrics/commands";

const EVERY_MS = 5 * 60_000;
// Every replica wakes up on its own timer; the database decides which one does the work.
const MAINTENANCE_LOCK_KEY = 7_461_010;

/** Housekeeping: the coming days' raw-point partitions, raw points past retention, spent rate-limit windows, idempotency answers past 24 h. */
export async function runMaintenance(db: Db, now = new Date()): Promise<{ ran: boolean; prunedPoints: number }> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${MAINTENANCE_LOCK_KEY}) as locked`);
    if (!locked) return { ran: false, prunedPoints: 0 };
    await addRawPointDays(tx, now);
    const prunedPoints = await pruneRawPoints(tx, now);
    await tx.delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, new Date(now.getTime() - 10 * 60_000)));
    await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - 24 * 3600_000)));
    return { ran: true, prunedPoints };
  });
}

/** Publishes an audit checkpoint when one is due; a failure is logged and tried again at the next tick. */
export function checkpointIfDue(db: Db): Promise<void> {
  return publishCheckpointIfDue(db).then(
    () => undefined,
    (error) => log.warn("audit checkpoint failed", { error: String(error) }),
  );
}

export function startMaintenance(db: Db): void {
  const timer = setInterval(() => {
    runMaintenance(db).then(
      (result) => result.prunedPoints && log.info("maintenance pruned raw metric points", { points: result.prunedPoints }),
      (error) => log.warn("maintenance failed", { error: String(error) }),
    );
    void checkpointIfDue(db);
  }, EVERY_MS);
  timer.unref();
}

import "server-only";
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { outboxEvents, webhookDeliveries, webhookDeliveryAttempts, webhooks } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { incrementCounter } from "@/lib/observability/metrics";
import { decryptSecret } from "./secret";
import { sendWebhook, type SendResult } from "./send";
import { RETRY_FOR_MS, renderBody, retryDelayMs, signatureHeaders } from "./signing";

const BATCH = 20;
// A claimed delivery is invisible to other replicas for this long: longer than any send takes,
// short enough that a replica that died mid-send has its deliveries retried soon.
const CLAIM_MS = 120_000;

function retryBaseMs(): number {
  const seconds = Number(process.env.PLUMBLINE_WEBHOOK_RETRY_BASE_SECONDS ?? 30);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

/** Turns new outbox events into one pending delivery per subscribed webhook. */
export async function fanOut(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await tx
      .select()
      .from(outboxEvents)
      .where(isNull(outboxEvents.dispatchedAt))
      .orderBy(asc(outboxEvents.at))
      .limit(100)
      .for("update", { skipLocked: true });
    if (events.length === 0) return 0;
    const hooks = await tx.select({ id: webhooks.id, events: webhooks.events }).from(webhooks);
    const rows = events.flatMap((event) =>
      hooks
        .filter((hook) => (event.onlyWebhookIds ? event.onlyWebhookIds.includes(hook.id) : true))
        .filter((hook) => event.event === "webhook.test" || hook.events.includes(event.event))
        .map((hook) => ({ eventId: event.id, webhookId: hook.id, nextAttemptAt: now, createdAt: now })),
    );
    if (rows.length) await tx.insert(webhookDeliveries).values(rows).onConflictDoNothing();
    await tx
      .update(outboxEvents)
      .set({ dispatchedAt: now })
      .where(
        inArray(
          outboxEvents.id,
          events.map((e) => e.id),
        ),
      );
    return rows.length;
  });
}

interface Claimed {
  id: string;
  attempts: number;
  createdAt: Date;
  url: string;
  format: "json" | "slack";
  secretCiphertext: string;
  event: (typeof outboxEvents.$inferSelect)["event"];
  at: Date;
  data: Record<string, unknown>;
}

/** Claims due deliveries for this replica: `skip locked` lets every replica claim a different set. */
async function claimDue(db: Db, now: Date, only?: string): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), only ? eq(webhookDeliveries.id, only) : undefined))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS) })
      .where(inArray(webhookDeliveries.id, ids));
    return tx
      .select({
        id: webhookDeliveries.id,
        attempts: webhookDeliveries.attempts,
        createdAt: webhookDeliveries.createdAt,
        url: webhooks.url,
        format: webhooks.format,
        secretCiphertext: webhooks.secretCiphertext,
        event: outboxEvents.event,
        at: outboxEvents.at,
        data: outboxEvents.data,
      })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
      .where(inArray(webhookDeliveries.id, ids));
  });
}

async function attempt(delivery: Claimed): Promise<SendResult> {
  const body = renderBody(delivery.format, delivery.event, delivery.at, delivery.data);
  let secret: string;
  try {
    secret = decryptSecret(delivery.secretCiphertext);
  } catch {
    return { ok: false, statusCode: null, durationMs: 0, error: "the webhook's secret cannot be decrypted: was NEXTAUTH_SECRET changed? Recreate the webhook" };
  }
  return sendWebhook(delivery.url, body, signatureHeaders(secret, Math.floor(Date.now() / 1000), body));
}

async function record(db: Db, delivery: Claimed, result: SendResult, at: Date): Promise<void> {
  const attempts = delivery.attempts + 1;
  const givingUp = !result.ok && at.getTime() - delivery.createdAt.getTime() >= RETRY_FOR_MS;
  await db.transaction(async (tx) => {
    await tx
      .insert(webhookDeliveryAttempts)
      .values({ deliveryId: delivery.id, at, ok: result.ok, statusCode: result.statusCode, durationMs: result.durationMs, error: result.error });
    await tx
      .update(webhookDeliveries)
      .set({
        attempts,
        status: result.ok ? "delivered" : givingUp ? "failed" : "pending",
        finishedAt: result.ok || givingUp ? at : null,
        nextAttemptAt: new Date(at.getTime() + (result.ok || givingUp ? 0 : retryDelayMs(attempts, retryBaseMs(), Math.random()))),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
  });
  incrementCounter("plumbline_webhook_delivery_attempts_total");
  if (!result.ok) {
    incrementCounter("plumbline_webhook_delivery_failures_total");
    log.warn("webhook delivery failed", {
      delivery: delivery.id,
      event: delivery.event,
      attempt: attempts,
      status: result.statusCode,
      error: result.error,
      giving_up: givingUp,
    });
  }
}

/** Sends every due delivery once (or just `only`), recording each attempt. */
export async function deliverDue(db: Db, only?: string): Promise<SendResult[]> {
  const claimed = await claimDue(db, new Date(), only);
  return Promise.all(
    claimed.map(async (delivery) => {
      const result = await attempt(delivery);
      await record(db, delivery, result, new Date());
      return result;
    }),
  );
}

const POLL_MS = 1000;

/** The sender: every second, fan out new events and send what is due. Errors are logged, never fatal. */
export function startDeliveryLoop(db: Db): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    fanOut(db)
      .then(() => deliverDue(db))
      .catch((error) => log.error("webhook delivery loop failed", { error: String(error).slice(0, 500) }))
      .finally(() => (running = false));
  }, POLL_MS);
  timer.unref();
}

import "server-only";
import { eq } from "drizzle-orm";
import { webhookDeliveries, webhooks } from "@/drizzle/schema";
import { appendAudit } from "@/lib/audit/append";
import type { Caller } from "@/lib/auth/caller";
import type { Db } from "@/lib/db";
import { Invalid, NotFound } from "@/lib/errors";
import type { CreateWebhookInput } from "@/lib/incidents/schemas";
import { deliverDue, fanOut } from "./delivery";
import { enqueueEvent } from "./outbox";
import { webhookView, type WebhookView } from "./queries";
import { encryptSecret } from "./secret";
import { checkTarget, type SendResult } from "./send";

export async function createWebhook(db: Db, input: CreateWebhookInput, caller: Caller): Promise<WebhookView> {
  const refused = await checkTarget(new URL(input.url));
  if (refused) throw new Invalid([{ path: "url", message: `${refused}; set PLUMBLINE_WEBHOOK_ALLOW_PRIVATE=1 to allow such targets` }]);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({ url: input.url, events: input.events, format: input.format, secretCiphertext: encryptSecret(input.secret), createdBy: caller.actor })
      .returning();
    await appendAudit(tx, caller, { action: "webhook.created", target: row.id, detail: { url: row.url, events: row.events, format: row.format } });
    return webhookView(row, []);
  });
}

export async function deleteWebhook(db: Db, id: string, caller: Caller): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(webhooks).where(eq(webhooks.id, id)).returning();
    if (!row) throw new NotFound("webhook", id);
    await appendAudit(tx, caller, { action: "webhook.deleted", target: id, detail: { url: row.url } });
  });
}

/** Sends a `webhook.test` event to this webhook now, through the same outbox, signing and log as real events. */
export async function sendTestDelivery(db: Db, id: string, caller: Caller): Promise<SendResult> {
  const eventId = await db.transaction(async (tx) => {
    const [row] = await tx.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, id));
    if (!row) throw new NotFound("webhook", id);
    await appendAudit(tx, caller, { action: "webhook.tested", target: id });
    return enqueueEvent(tx, "webhook.test", { webhook_id: id, requested_by: caller.actor }, [id]);
  });
  await fanOut(db);
  const [delivery] = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
  // Another replica's loop may have claimed it first; its attempt is logged all the same.
  const [result] = delivery ? await deliverDue(db, delivery.id) : [];
  return result ?? { ok: false, statusCode: null, durationMs: 0, error: "sent by another replica: see the deliveries" };
}

import "server-only";
import { outboxEvents, type OutboxEventName } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db";

/**
 * Records an outgoing event in the caller's transaction: it is sent if and only if the change it
 * announces commits. `onlyWebhookIds` narrows the subscribers (a rule's own webhooks, a test send).
 */
export async function enqueueEvent(tx: DbOrTx, event: OutboxEventName, data: Record<string, unknown>, onlyWebhookIds?: string[]): Promise<string> {
  const [row] = await tx
    .insert(outboxEvents)
    .values({ event, data, onlyWebhookIds: onlyWebhookIds?.length ? onlyWebhookIds : null })
    .returning({ id: outboxEvents.id });
  return row.id;
}

import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { outboxEvents, webhookDeliveries, webhookDeliveryAttempts, webhooks } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { NotFound } from "@/lib/errors";

export interface DeliveryView {
  id: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  created_at: string;
  finished_at: string | null;
  next_attempt_at: string | null;
  last_attempt: AttemptView | null;
}

export interface AttemptView {
  at: string;
  ok: boolean;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  format: "json" | "slack";
  created_by: string;
  created_at: string;
  recent_deliveries: DeliveryView[];
}

type WebhookRow = typeof webhooks.$inferSelect;

/** The secret is write-only: it never leaves the server, not even encrypted. */
export function webhookView(row: WebhookRow, recent: DeliveryView[]): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    format: row.format,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    recent_deliveries: recent,
  };
}

const attemptView = (a: typeof webhookDeliveryAttempts.$inferSelect): AttemptView => ({
  at: a.at.toISOString(),
  ok: a.ok,
  status_code: a.statusCode,
  duration_ms: a.durationMs,
  error: a.error,
});

async function deliveries(db: Db, webhookIds: string[], perWebhook: number): Promise<{ webhookId: string; view: DeliveryView; log: AttemptView[] }[]> {
  if (webhookIds.length === 0) return [];
  const ranked = db
    .select({
      id: webhookDeliveries.id,
      rank: sql<number>`row_number() over (partition by ${webhookDeliveries.webhookId} order by ${webhookDeliveries.createdAt} desc, ${webhookDeliveries.id} desc)`.as(
        "rank",
      ),
    })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, webhookIds))
    .as("ranked");
  const rows = await db
    .select({ delivery: webhookDeliveries, event: outboxEvents.event })
    .from(webhookDeliveries)
    .innerJoin(ranked, eq(ranked.id, webhookDeliveries.id))
    .innerJoin(outboxEvents, eq(outboxEvents.id, webhookDeliveries.eventId))
    .where(sql`${ranked.rank} <= ${perWebhook}`)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id));
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          inArray(
            webhookDeliveryAttempts.deliveryId,
            rows.map((r) => r.delivery.id),
          ),
        )
        .orderBy(webhookDeliveryAttempts.at)
    : [];
  return rows.map(({ delivery, event }) => {
    const log = attempts.filter((a) => a.deliveryId === delivery.id).map(attemptView);
    const view: DeliveryView = {
      id: delivery.id,
      event,
      status: delivery.status,
      attempts: delivery.attempts,
      created_at: delivery.createdAt.toISOString(),
      finished_at: delivery.finishedAt?.toISOString() ?? null,
      next_attempt_at: delivery.status === "pending" ? delivery.nextAttemptAt.toISOString() : null,
      last_attempt: log.at(-1) ?? null,
    };
    return { webhookId: delivery.webhookId, view, log };
  });
}

export async function listWebhooks(db: Db): Promise<WebhookView[]> {
  const rows = await db.select().from(webhooks).orderBy(desc(webhooks.createdAt));
  const recent = await deliveries(
    db,
    rows.map((r) => r.id),
    5,
  );
  return rows.map((row) =>
    webhookView(
      row,
      recent.filter((d) => d.webhookId === row.id).map((d) => d.view),
    ),
  );
}

/** The webhook's latest deliveries, newest first, each with every attempt (status, duration, error). */
export async function listDeliveries(db: Db, webhookId: string, limit = 50): Promise<(DeliveryView & { attempt_log: AttemptView[] })[]> {
  const [row] = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId)));
  if (!row) throw new NotFound("webhook", webhookId);
  return (await deliveries(db, [webhookId], limit)).map((d) => ({ ...d.view, attempt_log: d.log }));
}

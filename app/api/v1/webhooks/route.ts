import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { createWebhookSchema, webhookSchema } from "@/lib/incidents/schemas";
import { createWebhook } from "@/lib/webhooks/commands";
import { listWebhooks } from "@/lib/webhooks/queries";

export const GET = defineRoute({
  method: "GET",
  path: "/webhooks",
  tag: "Incidents",
  summary: "Webhooks with their latest deliveries (secrets are never returned)",
  permission: "alerts.manage",
  response: z.object({ webhooks: z.array(webhookSchema) }),
  handler: async ({ db }) => ({ webhooks: await listWebhooks(db) }),
});

export const POST = defineRoute({
  method: "POST",
  path: "/webhooks",
  tag: "Incidents",
  summary: "Create a webhook; private and loopback targets are refused unless PLUMBLINE_WEBHOOK_ALLOW_PRIVATE=1",
  permission: "alerts.manage",
  body: createWebhookSchema,
  response: webhookSchema,
  status: 201,
  handler: ({ db, body, caller }) => createWebhook(db, body, caller),
});

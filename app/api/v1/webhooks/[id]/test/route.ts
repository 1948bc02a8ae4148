import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { testDeliverySchema } from "@/lib/incidents/schemas";
import { sendTestDelivery } from "@/lib/webhooks/commands";

export const POST = defineRoute({
  method: "POST",
  path: "/webhooks/{id}/test",
  tag: "Incidents",
  summary: "Send a signed test event to this webhook now and answer how it went",
  permission: "alerts.manage",
  params: { id: uuidParam },
  response: testDeliverySchema,
  handler: ({ db, params, caller }) => sendTestDelivery(db, params.id, caller),
});

import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { deletedSchema } from "@/lib/incidents/schemas";
import { deleteWebhook } from "@/lib/webhooks/commands";

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/webhooks/{id}",
  tag: "Incidents",
  summary: "Delete a webhook and its pending deliveries",
  permission: "alerts.manage",
  params: { id: uuidParam },
  response: deletedSchema,
  handler: async ({ db, params, caller }) => {
    await deleteWebhook(db, params.id, caller);
    return { id: params.id, deleted: true as const };
  },
});

import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { deliverySchema } from "@/lib/incidents/schemas";
import { listDeliveries } from "@/lib/webhooks/queries";

export const GET = defineRoute({
  method: "GET",
  path: "/webhooks/{id}/deliveries",
  tag: "Incidents",
  summary: "A webhook's latest deliveries, each with every attempt (status, duration, error)",
  permission: "alerts.manage",
  params: { id: uuidParam },
  response: z.object({
    deliveries: z.array(
      deliverySchema.extend({
        attempt_log: z.array(
          z.object({ at: z.string(), ok: z.boolean(), status_code: z.number().nullable(), duration_ms: z.number(), error: z.string().nullable() }),
        ),
      }),
    ),
  }),
  handler: async ({ db, params }) => ({ deliveries: await listDeliveries(db, params.id) }),
});

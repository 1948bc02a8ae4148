import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { waiveGate } from "@/lib/governance/commands";
import { promotionViewSchema, waiveSchema } from "@/lib/governance/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/promotions/{id}/waive",
  tag: "Governance",
  summary: "Waive a failed gate, with a reason (compliance)",
  permission: "gate.waive",
  params: { id: uuidParam },
  body: waiveSchema,
  response: promotionViewSchema,
  handler: ({ db, params, body, principal, caller }) => waiveGate(db, params.id, body.gate, body.reason, principal, caller),
});

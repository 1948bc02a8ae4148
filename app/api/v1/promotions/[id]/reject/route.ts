import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { rejectPromotion } from "@/lib/governance/commands";
import { promotionViewSchema, rejectSchema } from "@/lib/governance/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/promotions/{id}/reject",
  tag: "Governance",
  summary: "Reject a request, with a reason",
  permission: "promotion.decide",
  params: { id: uuidParam },
  body: rejectSchema,
  response: promotionViewSchema,
  handler: ({ db, params, body, principal, caller }) => rejectPromotion(db, params.id, body.reason, principal, caller),
});

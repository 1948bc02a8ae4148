import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { withdrawPromotion } from "@/lib/governance/commands";
import { promotionViewSchema } from "@/lib/governance/schemas";

// The requester's own action: an ml_lead permission; checkWithdraw allows only the requester.
export const POST = defineRoute({
  method: "POST",
  path: "/promotions/{id}/withdraw",
  tag: "Governance",
  summary: "Withdraw one's own pending request",
  permission: "promotion.request",
  params: { id: uuidParam },
  response: promotionViewSchema,
  handler: ({ db, params, principal, caller }) => withdrawPromotion(db, params.id, principal, caller),
});

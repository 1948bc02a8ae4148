import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { approvePromotion } from "@/lib/governance/commands";
import { approveSchema, promotionViewSchema } from "@/lib/governance/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/promotions/{id}/approve",
  tag: "Governance",
  summary: "Approve a request; the last approval needed executes it",
  permission: "promotion.decide",
  params: { id: uuidParam },
  body: approveSchema,
  response: promotionViewSchema,
  handler: ({ db, params, body, principal, caller }) => approvePromotion(db, params.id, body.comment, principal, caller),
});

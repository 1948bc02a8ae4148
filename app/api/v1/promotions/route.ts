import { defineRoute } from "@/lib/api/route";
import { requestPromotion } from "@/lib/governance/commands";
import { listPromotions } from "@/lib/governance/queries";
import { createPromotionSchema, promotionListQuery, promotionListSchema, promotionViewSchema } from "@/lib/governance/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/promotions",
  tag: "Governance",
  summary: "Promotion requests, newest first, optionally by status",
  permission: "dashboards.read",
  query: promotionListQuery,
  response: promotionListSchema,
  handler: async ({ db, query }) => ({ promotions: await listPromotions(db, { status: query.status }) }),
});

export const POST = defineRoute({
  method: "POST",
  path: "/promotions",
  tag: "Governance",
  summary: "Request a version's promotion; its gates are evaluated at once",
  permission: "promotion.request",
  body: createPromotionSchema,
  response: promotionViewSchema,
  status: 201,
  handler: ({ db, body, principal, caller }) => requestPromotion(db, body, principal, caller),
});

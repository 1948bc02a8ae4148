import { defineRoute } from "@/lib/api/route";
import { previewPromotion } from "@/lib/governance/commands";
import { promotionPreviewQuery, promotionPreviewSchema } from "@/lib/governance/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/promotions/preview",
  tag: "Governance",
  summary: "The gates a promotion request made now would find, and why it would be refused; records nothing",
  permission: "promotion.request",
  query: promotionPreviewQuery,
  response: promotionPreviewSchema,
  handler: ({ db, query }) => previewPromotion(db, query),
});

import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { getPromotion } from "@/lib/governance/queries";
import { promotionDetailSchema } from "@/lib/governance/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/promotions/{id}",
  tag: "Governance",
  summary: "A promotion request with its events and the candidate beside production",
  permission: "dashboards.read",
  params: { id: uuidParam },
  response: promotionDetailSchema,
  handler: ({ db, params }) => getPromotion(db, params.id),
});

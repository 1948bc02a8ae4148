import { parseBody, validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { listPromotions } from "@/lib/governance/queries";
import { requestPromotion } from "@/lib/governance/commands";
import { createPromotionSchema, promotionListQuery } from "@/lib/governance/schemas";

export const GET = withAuth("dashboards.read", async ({ req, db }) => {
  const { status } = validate(promotionListQuery, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json({ promotions: await listPromotions(db, { status }) });
});

export const POST = withAuth("promotion.request", async ({ req, db, principal, by }) => {
  const input = await parseBody(req, createPromotionSchema);
  return Response.json(await requestPromotion(db, input, principal, by), { status: 201 });
});

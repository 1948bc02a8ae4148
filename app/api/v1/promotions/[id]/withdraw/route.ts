import { withAuth } from "@/lib/api/with-auth";
import { withdrawPromotion } from "@/lib/governance/commands";
import { idParam } from "@/lib/governance/route-params";

// The requester's own action: an ml_lead permission; checkWithdraw allows only the requester.
export const POST = withAuth<{ id: string }>("promotion.request", async ({ db, params, principal, by }) => {
  return Response.json(await withdrawPromotion(db, idParam(params.id, "promotion request"), principal, by));
});

import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { rejectPromotion } from "@/lib/governance/commands";
import { idParam } from "@/lib/governance/route-params";
import { rejectSchema } from "@/lib/governance/schemas";

export const POST = withAuth<{ id: string }>("promotion.decide", async ({ req, db, params, principal, by }) => {
  const id = idParam(params.id, "promotion request");
  const { reason } = await parseBody(req, rejectSchema);
  return Response.json(await rejectPromotion(db, id, reason, principal, by));
});

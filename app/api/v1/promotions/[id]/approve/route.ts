import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { approvePromotion } from "@/lib/governance/commands";
import { idParam } from "@/lib/governance/route-params";
import { approveSchema } from "@/lib/governance/schemas";

export const POST = withAuth<{ id: string }>("promotion.decide", async ({ req, db, params, principal, by }) => {
  const id = idParam(params.id, "promotion request");
  const { comment } = await parseBody(req, approveSchema);
  return Response.json(await approvePromotion(db, id, comment, principal, by));
});

import { withAuth } from "@/lib/api/with-auth";
import { getPromotion } from "@/lib/governance/queries";
import { idParam } from "@/lib/governance/route-params";

export const GET = withAuth<{ id: string }>("dashboards.read", async ({ db, params }) => {
  return Response.json(await getPromotion(db, idParam(params.id, "promotion request")));
});

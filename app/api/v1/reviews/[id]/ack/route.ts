import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { acknowledgeReview } from "@/lib/governance/commands";
import { idParam } from "@/lib/governance/route-params";
import { ackSchema } from "@/lib/governance/schemas";

// Acknowledging a break-glass rollback is compliance's sign-off; gate.waive is the permission the
// table gives compliance alone.
export const POST = withAuth<{ id: string }>("gate.waive", async ({ req, db, params, principal, by }) => {
  const id = idParam(params.id, "review item");
  const { comment } = await parseBody(req, ackSchema);
  return Response.json(await acknowledgeReview(db, id, comment, principal, by));
});

import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { acknowledgeReview } from "@/lib/governance/commands";
import { ackSchema, reviewViewSchema } from "@/lib/governance/schemas";

// Acknowledging a break-glass rollback is compliance's sign-off; gate.waive is the permission the
// table gives compliance alone.
export const POST = defineRoute({
  method: "POST",
  path: "/reviews/{id}/ack",
  tag: "Governance",
  summary: "Acknowledge a break-glass rollback",
  permission: "gate.waive",
  params: { id: uuidParam },
  body: ackSchema,
  response: reviewViewSchema,
  handler: ({ db, params, body, principal, caller }) => acknowledgeReview(db, params.id, body.comment, principal, caller),
});

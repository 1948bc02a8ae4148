import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { waiveGate } from "@/lib/governance/commands";
import { idParam } from "@/lib/governance/route-params";
import { waiveSchema } from "@/lib/governance/schemas";

export const POST = withAuth<{ id: string }>("gate.waive", async ({ req, db, params, principal, by }) => {
  const id = idParam(params.id, "promotion request");
  const { gate, reason } = await parseBody(req, waiveSchema);
  return Response.json(await waiveGate(db, id, gate, reason, principal, by));
});

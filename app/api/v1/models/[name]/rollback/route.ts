import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { rollback } from "@/lib/governance/commands";
import { rollbackSchema } from "@/lib/governance/schemas";

export const POST = withAuth<{ name: string }>("rollback", async ({ req, db, params, by }) => {
  const input = await parseBody(req, rollbackSchema);
  return Response.json(await rollback(db, params.name, input, by));
});

import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { createVersion } from "@/lib/registry/commands";
import { createVersionSchema } from "@/lib/registry/schemas";

export const POST = withAuth<{ name: string }>("registry.write", async ({ req, db, params, by }) => {
  const input = await parseBody(req, createVersionSchema);
  return Response.json(await createVersion(db, params.name, input, by), { status: 201 });
});

import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { referenceUploadSchema } from "@/lib/drift/schemas";
import { storeReference } from "@/lib/drift/commands";

export const POST = withAuth<{ name: string; version: string }>("registry.write", async ({ req, db, params, by }) => {
  const input = await parseBody(req, referenceUploadSchema);
  return Response.json(await storeReference(db, params.name, params.version, input, by), { status: 201 });
});

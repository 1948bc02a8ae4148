import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { revokeApiKey } from "@/lib/auth/commands";
import { idParamSchema } from "@/lib/auth/schemas";

export const DELETE = withAuth<{ id: string }>("admin", async ({ db, params, by }) => {
  return Response.json(await revokeApiKey(db, validate(idParamSchema, params.id), by));
});

import { parseBody, validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { idParamSchema, updateUserSchema } from "@/lib/auth/schemas";
import { updateUser } from "@/lib/auth/commands";

export const PATCH = withAuth<{ id: string }>("admin", async ({ req, db, params, by }) => {
  const id = validate(idParamSchema, params.id);
  const change = await parseBody(req, updateUserSchema);
  return Response.json(await updateUser(db, id, change, by));
});

import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { updateUser } from "@/lib/auth/commands";
import { publicUserSchema, updateUserSchema } from "@/lib/auth/schemas";

export const PATCH = defineRoute({
  method: "PATCH",
  path: "/users/{id}",
  tag: "Administration",
  summary: "Change an account's roles or disable and re-enable it (the last admin keeps the role; nobody disables themselves)",
  permission: "admin",
  params: { id: uuidParam },
  body: updateUserSchema,
  response: publicUserSchema,
  handler: ({ db, params, body, caller }) => updateUser(db, params.id, body, caller),
});

import { defineRoute } from "@/lib/api/route";
import { changeOwnPassword } from "@/lib/auth/commands";
import { changePasswordSchema, passwordChangedSchema } from "@/lib/auth/schemas";

export const PUT = defineRoute({
  method: "PUT",
  path: "/me/password",
  tag: "Administration",
  summary: "Change your own password (the current one is required); your other sessions end",
  permission: "account.manage",
  body: changePasswordSchema,
  response: passwordChangedSchema,
  handler: ({ db, body, caller }) => changeOwnPassword(db, body, caller),
});

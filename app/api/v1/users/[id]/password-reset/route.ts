import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { resetPassword } from "@/lib/auth/commands";
import { passwordResetSchema } from "@/lib/auth/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/users/{id}/password-reset",
  tag: "Administration",
  summary: "Give an account a new one-time password, shown once: its sessions end and it must choose a new password at sign-in",
  permission: "admin",
  params: { id: uuidParam },
  response: passwordResetSchema,
  handler: ({ db, params, caller }) => resetPassword(db, params.id, caller),
});

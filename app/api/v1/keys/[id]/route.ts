import { uuidParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/auth/commands";
import { publicKeySchema } from "@/lib/auth/schemas";

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/keys/{id}",
  tag: "Administration",
  summary: "Revoke an API key: it is refused from the next request on",
  permission: "admin",
  params: { id: uuidParam },
  response: publicKeySchema,
  handler: ({ db, params, caller }) => revokeApiKey(db, params.id, caller),
});

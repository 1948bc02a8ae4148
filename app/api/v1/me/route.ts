import { defineRoute } from "@/lib/api/route";
import { principalSchema } from "@/lib/auth/schemas";

/** Who the caller is, as the server sees it now: a person's roles or a key's scopes. */
export const GET = defineRoute({
  method: "GET",
  path: "/me",
  tag: "Access",
  summary: "Who the caller is: a person's roles or a key's scopes",
  permission: "dashboards.read",
  response: principalSchema,
  // Parsed, not passed through: the principal carries server-side facts the answer does not name.
  handler: ({ principal }) => principalSchema.parse(principal),
});

import { defineRoute } from "@/lib/api/route";
import { createApiKey } from "@/lib/auth/commands";
import { listApiKeys } from "@/lib/auth/queries";
import { createdKeySchema, createKeySchema, keysListSchema } from "@/lib/auth/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/keys",
  tag: "Administration",
  summary: "Every API key: prefix, scopes, creator, use, expiry and revocation (never the key itself)",
  permission: "admin",
  response: keysListSchema,
  handler: async ({ db }) => ({ keys: await listApiKeys(db) }),
});

export const POST = defineRoute({
  method: "POST",
  path: "/keys",
  tag: "Administration",
  summary: "Create an API key with scopes and an optional expiry; the full key is in this answer only",
  permission: "admin",
  body: createKeySchema,
  response: createdKeySchema,
  status: 201,
  handler: ({ db, body, caller }) => createApiKey(db, body, caller),
});

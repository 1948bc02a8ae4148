import { defineRoute } from "@/lib/api/route";
import { createApiKey } from "@/lib/auth/commands";
import { listApiKeys } from "@/lib/auth/queries";
import { createdKeySchema, createKeySchema, keyListSchema } from "@/lib/auth/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/keys",
  tag: "Administration",
  summary: "API keys (prefix, scopes, last use, revocation)",
  permission: "admin",
  response: keyListSchema,
  handler: async ({ db }) => ({ keys: await listApiKeys(db) }),
});

export const POST = defineRoute({
  method: "POST",
  path: "/keys",
  tag: "Administration",
  summary: "Create an API key; the full key is shown once",
  permission: "admin",
  body: createKeySchema,
  response: createdKeySchema,
  status: 201,
  handler: async ({ db, body, caller }) => {
    const key = await createApiKey(db, body, caller);
    return { id: key.id, key: key.key, prefix: key.prefix, scopes: key.scopes, name: key.name };
  },
});

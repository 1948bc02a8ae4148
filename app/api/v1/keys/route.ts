import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { createApiKey } from "@/lib/auth/commands";
import { listApiKeys } from "@/lib/auth/queries";
import { createKeySchema } from "@/lib/auth/schemas";

export const GET = withAuth("admin", async ({ db }) => Response.json({ keys: await listApiKeys(db) }));

export const POST = withAuth("admin", async ({ req, db, by }) => {
  const input = await parseBody(req, createKeySchema);
  const key = await createApiKey(db, input, by);
  return Response.json({ id: key.id, key: key.key, prefix: key.prefix, scopes: key.scopes, name: key.name }, { status: 201 });
});

import { parseBody } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { listModelsWithHealth } from "@/lib/fleet/health";
import { createModel } from "@/lib/registry/models";
import { createModelSchema } from "@/lib/registry/schemas";

export const GET = withAuth("dashboards.read", async ({ db }) => Response.json({ models: await listModelsWithHealth(db) }));

export const POST = withAuth("registry.write", async ({ req, db, by }) => {
  const input = await parseBody(req, createModelSchema);
  return Response.json(await createModel(db, input, by), { status: 201 });
});

import { defineRoute } from "@/lib/api/route";
import { withAuth } from "@/lib/api/with-auth";
import { listModelsWithHealth } from "@/lib/fleet/queries";
import { createModel } from "@/lib/registry/commands";
import { createModelSchema, modelSummarySchema } from "@/lib/registry/schemas";

export const GET = withAuth("dashboards.read", async ({ db }) => Response.json({ models: await listModelsWithHealth(db) }));

export const POST = defineRoute({
  method: "POST",
  path: "/models",
  tag: "Registry",
  summary: "Register a model",
  permission: "registry.write",
  body: createModelSchema,
  response: modelSummarySchema,
  status: 201,
  handler: ({ db, body, caller }) => createModel(db, body, caller),
});

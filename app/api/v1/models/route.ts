import { defineRoute } from "@/lib/api/route";
import { listModelsWithHealth } from "@/lib/fleet/queries";
import { modelListSchema } from "@/lib/fleet/schemas";
import { createModel } from "@/lib/registry/commands";
import { createModelSchema, modelSummarySchema } from "@/lib/registry/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/models",
  tag: "Registry",
  summary: "Models with their production and staging versions, status and last-24-hours health",
  permission: "dashboards.read",
  response: modelListSchema,
  handler: async ({ db }) => ({ models: await listModelsWithHealth(db) }),
});

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

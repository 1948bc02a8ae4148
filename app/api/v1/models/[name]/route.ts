import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { updateModel } from "@/lib/registry/commands";
import { getModel } from "@/lib/registry/queries";
import { modelDetailSchema, modelSummarySchema, updateModelSchema } from "@/lib/registry/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}",
  tag: "Registry",
  summary: "A model with its versions and stage history",
  permission: "dashboards.read",
  params: { name: modelNameParam },
  response: modelDetailSchema,
  handler: ({ db, params }) => getModel(db, params.name),
});

export const PATCH = defineRoute({
  method: "PATCH",
  path: "/models/{name}",
  tag: "Registry",
  summary: "Change a model's description, owner, task or primary quality metric",
  permission: "registry.write",
  params: { name: modelNameParam },
  body: updateModelSchema,
  response: modelSummarySchema,
  handler: ({ db, params, body, caller }) => updateModel(db, params.name, body, caller),
});

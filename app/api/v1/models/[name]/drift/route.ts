import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { modelDrift } from "@/lib/drift/queries";
import { driftQuerySchema, modelDriftSchema } from "@/lib/drift/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}/drift",
  tag: "Drift",
  summary: "Per-feature drift of a version over a time range against its reference",
  permission: "dashboards.read",
  params: { name: modelNameParam },
  query: driftQuerySchema,
  response: modelDriftSchema,
  handler: ({ db, params, query }) => modelDrift(db, params.name, query),
});

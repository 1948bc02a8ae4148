import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { stagesAsOf } from "@/lib/registry/queries";
import { stagesAsOfSchema, stagesQuerySchema } from "@/lib/registry/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}/stages",
  tag: "Registry",
  summary: "Which version held production and staging at a moment (as_of, default now)",
  permission: "dashboards.read",
  params: { name: modelNameParam },
  query: stagesQuerySchema,
  response: stagesAsOfSchema,
  handler: ({ db, params, query }) => stagesAsOf(db, params.name, query.as_of ? new Date(query.as_of) : new Date()),
});

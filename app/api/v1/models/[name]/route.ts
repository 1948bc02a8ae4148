import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { getModel } from "@/lib/registry/queries";
import { modelDetailSchema } from "@/lib/registry/schemas";

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

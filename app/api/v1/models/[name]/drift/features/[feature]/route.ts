import { featureParam, modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { featureDetail } from "@/lib/drift/queries";
import { driftQuerySchema, featureDetailSchema } from "@/lib/drift/schemas";

/** One feature in depth: both distributions, the result, and its daily drift over 30 days. */
export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}/drift/features/{feature}",
  tag: "Drift",
  summary: "One feature's distributions and daily statistic",
  permission: "dashboards.read",
  params: { name: modelNameParam, feature: featureParam },
  query: driftQuerySchema,
  response: featureDetailSchema,
  handler: ({ db, params, query }) => featureDetail(db, params.name, params.feature, query),
});

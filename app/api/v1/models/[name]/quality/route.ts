import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { qualitySeries } from "@/lib/quality/queries";
import { qualityAnswerSchema, qualityQuerySchema } from "@/lib/quality/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}/quality",
  tag: "Quality",
  summary: "Realized quality per version and bucket with its 95 % interval, and CBPE's estimate before labels arrive",
  permission: "dashboards.read",
  params: { name: modelNameParam },
  query: qualityQuerySchema,
  response: qualityAnswerSchema,
  handler: ({ db, params, query }) => qualitySeries(db, params.name, query),
});

import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { metricSeries } from "@/lib/metrics/queries";
import { metricQuerySchema, metricSeriesSchema } from "@/lib/metrics/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/models/{name}/metrics",
  tag: "Reading",
  summary: "Downsampled min/avg/max/count buckets per version, with promotion and rollback annotations",
  permission: "dashboards.read",
  params: { name: modelNameParam },
  query: metricQuerySchema,
  response: metricSeriesSchema,
  handler: ({ db, params, query: q }) =>
    metricSeries(db, { model: params.name, metric: q.metric, from: q.from, to: q.to, version: q.version, maxPoints: q.max_points }),
});

import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { metricQuerySchema } from "@/lib/metrics/schemas";
import { metricSeries } from "@/lib/metrics/queries";

export const GET = withAuth<{ name: string }>("dashboards.read", async ({ req, db, params }) => {
  const q = validate(metricQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json(await metricSeries(db, { model: params.name, metric: q.metric, from: q.from, to: q.to, version: q.version, maxPoints: q.max_points }));
});

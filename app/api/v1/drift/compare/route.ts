import { defineRoute } from "@/lib/api/route";
import { driftResultSchema, compareRequestSchema } from "@/lib/drift/schemas";
import { compareFeature } from "@/lib/drift/stats/compare";

/** Stateless: one feature's two samples in, its drift result out; input no statistic accepts is a 422 naming the value. */
export const POST = defineRoute({
  method: "POST",
  path: "/drift/compare",
  tag: "Drift",
  summary: "Stateless comparison of two samples of one feature, for notebooks and scripts",
  permission: "dashboards.read",
  body: compareRequestSchema,
  response: driftResultSchema,
  handler: ({ body: { reference, current, method, threshold } }) => compareFeature(reference, current, { method, threshold }),
});

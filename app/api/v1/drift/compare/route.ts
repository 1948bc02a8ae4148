import { defineRoute } from "@/lib/api/route";
import { compareOrExplain } from "@/lib/drift/http";
import { compareRequestSchema, driftResultSchema } from "@/lib/drift/schemas";

/** Stateless: one feature's two samples in, its drift result out. */
export const POST = defineRoute({
  method: "POST",
  path: "/drift/compare",
  tag: "Drift",
  summary: "Stateless comparison of two samples of one feature, for notebooks and scripts",
  permission: "dashboards.read",
  body: compareRequestSchema,
  response: driftResultSchema,
  handler: ({ body: { reference, current, method, threshold } }) => compareOrExplain(reference, current, { method, threshold }),
});

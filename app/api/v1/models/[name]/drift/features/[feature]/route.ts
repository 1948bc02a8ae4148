import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { featureDetail } from "@/lib/drift/queries";
import { driftQuerySchema } from "@/lib/drift/schemas";

/** One feature in depth: both distributions, the result, and its daily drift over 30 days. */
export const GET = withAuth<{ name: string; feature: string }>("dashboards.read", async ({ req, db, params }) => {
  const q = validate(driftQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json(await featureDetail(db, params.name, decodeURIComponent(params.feature), q));
});

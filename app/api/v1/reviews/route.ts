import { withAuth } from "@/lib/api/with-auth";
import { listReviews } from "@/lib/governance/queries";

export const GET = withAuth("dashboards.read", async ({ db }) => {
  return Response.json({ reviews: await listReviews(db) });
});

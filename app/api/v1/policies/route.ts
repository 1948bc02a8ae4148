import { withAuth } from "@/lib/api/with-auth";
import { listPolicies } from "@/lib/governance/queries";

export const GET = withAuth("dashboards.read", async ({ db }) => {
  return Response.json({ policies: await listPolicies(db) });
});

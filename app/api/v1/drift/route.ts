import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { fleetDrift } from "@/lib/drift/queries";
import { driftQuerySchema } from "@/lib/drift/schemas";

/** The fleet's drift at a glance: what the /drift page refreshes from. */
export const GET = withAuth("dashboards.read", async ({ req, db }) => {
  const q = validate(driftQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  return Response.json(await fleetDrift(db, q));
});

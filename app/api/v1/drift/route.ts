import { defineRoute } from "@/lib/api/route";
import { fleetDrift } from "@/lib/drift/queries";
import { driftQuerySchema, fleetDriftSchema } from "@/lib/drift/schemas";

/** The fleet's drift at a glance: what the /drift page refreshes from. */
export const GET = defineRoute({
  method: "GET",
  path: "/drift",
  tag: "Drift",
  summary: "The fleet's drift at a glance: models × features",
  permission: "dashboards.read",
  query: driftQuerySchema,
  response: fleetDriftSchema,
  handler: ({ db, query }) => fleetDrift(db, query),
});

import { defineRoute } from "@/lib/api/route";
import { fleetOverview } from "@/lib/fleet/queries";
import { fleetOverviewSchema } from "@/lib/fleet/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/fleet",
  tag: "Reading",
  summary: "Everything the overview page shows, in one answer",
  permission: "dashboards.read",
  response: fleetOverviewSchema,
  handler: ({ db, principal }) => fleetOverview(db, principal.kind === "user" ? { email: principal.email, roles: principal.roles } : null),
});

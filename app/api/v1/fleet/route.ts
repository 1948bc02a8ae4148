import { withAuth } from "@/lib/api/with-auth";
import { fleetOverview } from "@/lib/fleet/queries";

export const GET = withAuth("dashboards.read", async ({ db, principal }) =>
  Response.json(await fleetOverview(db, principal.kind === "user" ? { email: principal.email, roles: principal.roles } : null)),
);

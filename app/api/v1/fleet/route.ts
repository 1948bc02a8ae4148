import { withAuth } from "@/lib/api/with-auth";
import { fleetOverview } from "@/lib/fleet/overview";

export const GET = withAuth("dashboards.read", async ({ db }) => Response.json(await fleetOverview(db)));

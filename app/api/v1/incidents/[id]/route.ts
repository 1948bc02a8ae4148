import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { getIncident } from "@/lib/incidents/queries";
import { incidentDetailSchema } from "@/lib/incidents/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/incidents/{id}",
  tag: "Incidents",
  summary: "An incident with its timeline: firing and resolving, promotions, rollbacks, pipeline failures and stale periods, drift verdicts, notes",
  permission: "dashboards.read",
  params: { id: uuidParam },
  response: incidentDetailSchema,
  handler: ({ db, params }) => getIncident(db, params.id),
});

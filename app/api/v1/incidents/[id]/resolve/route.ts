import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { resolveIncident } from "@/lib/incidents/commands";
import { incidentActionSchema, incidentSummarySchema } from "@/lib/incidents/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/incidents/{id}/resolve",
  tag: "Incidents",
  summary: "Resolve an incident (409 when already resolved)",
  permission: "incidents.manage",
  params: { id: uuidParam },
  body: incidentActionSchema,
  response: incidentSummarySchema,
  handler: ({ db, params, body, caller }) => resolveIncident(db, params.id, body.comment, caller),
});

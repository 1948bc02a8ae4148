import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { acknowledgeIncident } from "@/lib/incidents/commands";
import { incidentActionSchema, incidentSummarySchema } from "@/lib/incidents/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/incidents/{id}/ack",
  tag: "Incidents",
  summary: "Acknowledge an incident: it then waits for a person to resolve it (409 once resolved)",
  permission: "incidents.manage",
  params: { id: uuidParam },
  body: incidentActionSchema,
  response: incidentSummarySchema,
  handler: ({ db, params, body, caller }) => acknowledgeIncident(db, params.id, body.comment, caller),
});

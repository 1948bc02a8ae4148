import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { listIncidents } from "@/lib/incidents/queries";
import { incidentListQuery, incidentSummarySchema } from "@/lib/incidents/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/incidents",
  tag: "Incidents",
  summary: "Incidents, open first (most severe, newest), then resolved",
  permission: "dashboards.read",
  query: incidentListQuery,
  response: z.object({ incidents: z.array(incidentSummarySchema) }),
  handler: async ({ db, query }) => ({ incidents: await listIncidents(db, { status: query.status }) }),
});

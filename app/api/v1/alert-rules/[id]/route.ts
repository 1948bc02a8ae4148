import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { deleteRule, updateRule } from "@/lib/incidents/commands";
import { getRule } from "@/lib/incidents/queries";
import { deletedSchema, patchRuleSchema, ruleSchema } from "@/lib/incidents/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/alert-rules/{id}",
  tag: "Incidents",
  summary: "One alert rule",
  permission: "dashboards.read",
  params: { id: uuidParam },
  response: ruleSchema,
  handler: ({ db, params }) => getRule(db, params.id),
});

export const PATCH = defineRoute({
  method: "PATCH",
  path: "/alert-rules/{id}",
  tag: "Incidents",
  summary: "Change an alert rule (validated whole, as on creation)",
  permission: "alerts.manage",
  params: { id: uuidParam },
  body: patchRuleSchema,
  response: ruleSchema,
  handler: ({ db, params, body, caller }) => updateRule(db, params.id, body, caller),
});

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/alert-rules/{id}",
  tag: "Incidents",
  summary: "Delete an alert rule (its incidents stay)",
  permission: "alerts.manage",
  params: { id: uuidParam },
  response: deletedSchema,
  handler: async ({ db, params, caller }) => {
    await deleteRule(db, params.id, caller);
    return { id: params.id, deleted: true as const };
  },
});

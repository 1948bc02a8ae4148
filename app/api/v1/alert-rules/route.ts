import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { createRule } from "@/lib/incidents/commands";
import { listRules } from "@/lib/incidents/queries";
import { createRuleSchema, ruleSchema } from "@/lib/incidents/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/alert-rules",
  tag: "Incidents",
  summary: "List alert rules with what each saw at its last evaluation",
  permission: "dashboards.read",
  response: z.object({ rules: z.array(ruleSchema) }),
  handler: async ({ db }) => ({ rules: await listRules(db) }),
});

export const POST = defineRoute({
  method: "POST",
  path: "/alert-rules",
  tag: "Incidents",
  summary: "Create an alert rule",
  permission: "alerts.manage",
  body: createRuleSchema,
  response: ruleSchema,
  status: 201,
  handler: ({ db, body, caller }) => createRule(db, body, caller),
});

import { defineRoute } from "@/lib/api/route";
import { listPolicies } from "@/lib/governance/queries";
import { policyListSchema } from "@/lib/governance/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/policies",
  tag: "Governance",
  summary: "The policy in force for each target stage",
  permission: "dashboards.read",
  response: policyListSchema,
  handler: async ({ db }) => ({ policies: await listPolicies(db) }),
});

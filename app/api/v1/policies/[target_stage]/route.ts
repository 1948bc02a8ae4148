import { targetStageParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { changePolicy } from "@/lib/governance/commands";
import { policySchema, policyViewSchema } from "@/lib/governance/schemas";

export const PUT = defineRoute({
  method: "PUT",
  path: "/policies/{target_stage}",
  tag: "Governance",
  summary: "Replace a stage's policy with a new version (open requests keep theirs)",
  permission: "admin",
  params: { target_stage: targetStageParam },
  body: policySchema,
  response: policyViewSchema,
  handler: ({ db, params, body, caller }) => changePolicy(db, params.target_stage, body, caller),
});

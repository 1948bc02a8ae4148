import { modelNameParam } from "@/lib/api/params";
import { defineRoute } from "@/lib/api/route";
import { rollback } from "@/lib/governance/commands";
import { rollbackResultSchema, rollbackSchema } from "@/lib/governance/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/models/{name}/rollback",
  tag: "Governance",
  summary: "Break-glass: put an earlier production version back at once; compliance reviews it afterwards",
  permission: "rollback",
  params: { name: modelNameParam },
  body: rollbackSchema,
  response: rollbackResultSchema,
  handler: ({ db, params, body, caller }) => rollback(db, params.name, body, caller),
});

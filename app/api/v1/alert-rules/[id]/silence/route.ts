import { defineRoute } from "@/lib/api/route";
import { uuidParam } from "@/lib/api/params";
import { silenceRule } from "@/lib/incidents/commands";
import { ruleSchema, silenceSchema } from "@/lib/incidents/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/alert-rules/{id}/silence",
  tag: "Incidents",
  summary: "Silence a rule until a time (null lifts the silence): it opens no incidents meanwhile",
  permission: "alerts.manage",
  params: { id: uuidParam },
  body: silenceSchema,
  response: ruleSchema,
  handler: ({ db, params, body, caller }) => silenceRule(db, params.id, body, caller),
});

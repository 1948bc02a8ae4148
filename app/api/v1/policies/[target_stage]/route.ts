import { parseBody } from "@/lib/api/body";
import { apiError } from "@/lib/api/errors";
import { withAuth } from "@/lib/api/with-auth";
import { changePolicy } from "@/lib/governance/commands";
import { policySchema, targetStageSchema } from "@/lib/governance/schemas";

export const PUT = withAuth<{ target_stage: string }>("admin", async ({ req, db, params, by }) => {
  const stage = targetStageSchema.safeParse(params.target_stage);
  if (!stage.success) throw apiError(404, `No policy for stage ${params.target_stage}: policies exist for staging and production`);
  const input = await parseBody(req, policySchema);
  return Response.json(await changePolicy(db, stage.data, input, by));
});

import { validate } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { withAuth } from "@/lib/api/with-auth";
import { recordRunReport } from "@/lib/pipelines/commands";
import { pipelineRunToReport } from "@/lib/pipelines/reports";
import { pipelineRunSchema } from "@/lib/pipelines/schemas";

export const POST = withAuth("ingest", (ctx) =>
  withIdempotency(ctx, async (json, tx) => {
    const input = validate(pipelineRunSchema, json);
    return { status: 202, body: await recordRunReport(tx, pipelineRunToReport(input), new Date()) };
  }),
);

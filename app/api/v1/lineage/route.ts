import { validate } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { withAuth } from "@/lib/api/with-auth";
import { recordRunReport } from "@/lib/pipelines/commands";
import { runEventSchema, runEventToReport } from "@/lib/pipelines/openlineage";

/** The OpenLineage HTTP transport's endpoint: one RunEvent per request. */
export const POST = withAuth("ingest", (ctx) =>
  withIdempotency(ctx, async (json, tx) => {
    const event = validate(runEventSchema, json);
    return { status: 202, body: await recordRunReport(tx, runEventToReport(event), new Date()) };
  }),
);

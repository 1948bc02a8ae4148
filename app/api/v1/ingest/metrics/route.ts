import { validate } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { withAuth } from "@/lib/api/with-auth";
import { ingestMetricPoints } from "@/lib/ingest/metrics";
import { ingestMetricsSchema } from "@/lib/ingest/schemas";

export const POST = withAuth("ingest", (ctx) =>
  withIdempotency(ctx, async (json, tx) => {
    const { points } = validate(ingestMetricsSchema, json);
    return { status: 202, body: await ingestMetricPoints(tx, points) };
  }),
);

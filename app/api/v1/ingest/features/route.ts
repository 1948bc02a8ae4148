import { validate } from "@/lib/api/body";
import { withIdempotency } from "@/lib/api/idempotency";
import { withAuth } from "@/lib/api/with-auth";
import { ingestFeaturesSchema } from "@/lib/drift/schemas";
import { ingestFeatureRecords } from "@/lib/ingest/commands";

export const POST = withAuth("ingest", (ctx) =>
  withIdempotency(ctx, async (json, tx) => {
    const input = validate(ingestFeaturesSchema, json);
    return { status: 202, body: await ingestFeatureRecords(tx, input) };
  }),
);

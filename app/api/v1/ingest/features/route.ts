import { acceptedSchema } from "@/lib/ingest/schemas";
import { defineRoute } from "@/lib/api/route";
import { ingestFeaturesSchema } from "@/lib/drift/schemas";
import { ingestFeatureRecords } from "@/lib/ingest/commands";

export const POST = defineRoute({
  method: "POST",
  path: "/ingest/features",
  tag: "Ingestion",
  summary: "Push up to 10,000 feature records of one version; sampled per hour for drift",
  permission: "ingest",
  body: ingestFeaturesSchema,
  response: acceptedSchema,
  status: 202,
  idempotent: true,
  handler: ({ tx, body }) => ingestFeatureRecords(tx, body),
});

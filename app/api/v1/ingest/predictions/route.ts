import { acceptedSchema } from "@/lib/ingest/schemas";
import { defineRoute } from "@/lib/api/route";
import { ingestPredictions } from "@/lib/quality/commands";
import { ingestPredictionsSchema } from "@/lib/quality/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/ingest/predictions",
  tag: "Ingestion",
  summary: "Store a batch of predictions (ids unique per model), whole or not at all; features feed drift",
  permission: "ingest",
  body: ingestPredictionsSchema,
  response: acceptedSchema,
  status: 202,
  idempotent: true,
  handler: ({ tx, body }) => ingestPredictions(tx, body),
});

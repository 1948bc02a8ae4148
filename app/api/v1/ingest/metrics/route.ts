import { acceptedSchema } from "@/lib/ingest/schemas";
import { defineRoute } from "@/lib/api/route";
import { ingestMetricPoints } from "@/lib/ingest/commands";
import { ingestMetricsSchema } from "@/lib/ingest/schemas";

export const POST = defineRoute({
  method: "POST",
  path: "/ingest/metrics",
  tag: "Ingestion",
  summary: "Store a batch of metric points, whole or not at all",
  permission: "ingest",
  body: ingestMetricsSchema,
  response: acceptedSchema,
  status: 202,
  idempotent: true,
  handler: ({ tx, body }) => ingestMetricPoints(tx, body.points),
});

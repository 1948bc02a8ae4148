import { inOtlpEncoding, readOtlpMetricsText } from "@/lib/api/otlp-body";
import { defineRoute } from "@/lib/api/route";
import { ingestOtlpMetrics } from "@/lib/ingest/commands";
import { otlpExportResponseSchema, otlpMetricsRequestSchema } from "@/lib/ingest/otlp";

/** OTLP/HTTP metrics in JSON or protobuf, as the OpenTelemetry SDKs' exporters send them (point them at /api/v1/otlp). */
export const POST = defineRoute({
  method: "POST",
  path: "/otlp/v1/metrics",
  tag: "Ingestion",
  summary: "OpenTelemetry OTLP/HTTP metrics (JSON, or binary protobuf as application/x-protobuf); answers like a collector, with partialSuccess",
  permission: "ingest",
  body: otlpMetricsRequestSchema,
  response: otlpExportResponseSchema,
  idempotent: true,
  readBody: readOtlpMetricsText,
  encodeAnswer: inOtlpEncoding,
  handler: ({ tx, body }) => ingestOtlpMetrics(tx, body),
});

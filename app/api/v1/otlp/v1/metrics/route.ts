import { withIdempotency } from "@/lib/api/idempotency";
import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { otlpMetricsRequestSchema } from "@/lib/ingest/otlp";
import { ingestOtlpMetrics } from "@/lib/ingest/commands";

/** OTLP/HTTP metrics in JSON, as the OpenTelemetry SDKs' exporters send them (point them at /api/v1/otlp). */
export const POST = withAuth("ingest", (ctx) =>
  withIdempotency(ctx, async (json, tx) => ({ status: 200, body: await ingestOtlpMetrics(tx, validate(otlpMetricsRequestSchema, json)) })),
);

import { withIdempotency } from "@/lib/api/idempotency";
import { validate } from "@/lib/api/body";
import { inOtlpEncoding, readOtlpMetricsText } from "@/lib/api/otlp-body";
import { withAuth } from "@/lib/api/with-auth";
import { otlpMetricsRequestSchema } from "@/lib/ingest/otlp";
import { ingestOtlpMetrics } from "@/lib/ingest/commands";

/** OTLP/HTTP metrics in JSON or protobuf, as the OpenTelemetry SDKs' exporters send them (point them at /api/v1/otlp). */
export const POST = withAuth("ingest", async (ctx) =>
  inOtlpEncoding(
    ctx.req,
    await withIdempotency(
      ctx,
      async (json, tx) => ({ status: 200, body: await ingestOtlpMetrics(tx, validate(otlpMetricsRequestSchema, json)) }),
      readOtlpMetricsText,
    ),
  ),
);

import { OTLPMetricExporter as JsonExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as ProtobufExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { describe, expect, inject, it } from "vitest";
import { DEMO_KEY, keySession } from "../support/http";

interface SeriesAnswer {
  series: { version: string; points: { avg: number; min: number; max: number; count: number }[] }[];
}

describe.each(inject("servers"))("OTLP/HTTP metrics from the OpenTelemetry JS SDK on $engine", ({ baseUrl }) => {
  const machine = keySession(baseUrl, DEMO_KEY);

  async function latest(metric: string, version: string) {
    const res = await machine.get(`/api/v1/models/fraud-detector/metrics?metric=${encodeURIComponent(metric)}&version=${version}&max_points=1`);
    expect(res.status).toBe(200);
    return ((await res.json()) as SeriesAnswer).series.find((s) => s.version === version)?.points[0];
  }

  it.each([
    ["JSON", JsonExporter],
    ["protobuf", ProtobufExporter],
  ])("stores a gauge, a counter and a histogram sent in %s under the model and version of their attributes", async (_encoding, Exporter) => {
    const prefix = `otel_${Date.now()}`;
    const exporter = new Exporter({ url: `${baseUrl}/api/v1/otlp/v1/metrics`, headers: { authorization: `Bearer ${DEMO_KEY}` } });
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ "service.name": "fraud-scoring", "ml.model.name": "fraud-detector", "ml.model.version": "v3" }),
      readers: [reader],
    });
    const meter = provider.getMeter("plumbline-test");
    meter.createGauge(`${prefix}_queue_depth`).record(42);
    const counter = meter.createCounter(`${prefix}_requests`);
    counter.add(5);
    counter.add(7);
    // A data-point attribute overrides the resource: this counter lands on v4.
    meter.createCounter(`${prefix}_canary_requests`).add(3, { "ml.model.version": "v4" });
    const histogram = meter.createHistogram(`${prefix}_latency_ms`, { advice: { explicitBucketBoundaries: [10, 20, 50, 100] } });
    for (const v of [5, 12, 15, 18, 30, 40, 45, 60, 80, 95]) histogram.record(v);
    await provider.forceFlush();
    await provider.shutdown();

    expect((await latest(`${prefix}_queue_depth`, "v3"))?.avg).toBe(42);
    expect((await latest(`${prefix}_requests`, "v3"))?.avg).toBe(12);
    expect((await latest(`${prefix}_canary_requests`, "v4"))?.avg).toBe(3);
    expect(await latest(`${prefix}_canary_requests`, "v3")).toBeUndefined();
    expect((await latest(`${prefix}_latency_ms.count`, "v3"))?.avg).toBe(10);
    expect((await latest(`${prefix}_latency_ms.sum`, "v3"))?.avg).toBe(400);
    expect((await latest(`${prefix}_latency_ms.min`, "v3"))?.avg).toBe(5);
    expect((await latest(`${prefix}_latency_ms.max`, "v3"))?.avg).toBe(95);
    const p50 = (await latest(`${prefix}_latency_ms.p50`, "v3"))?.avg;
    const p95 = (await latest(`${prefix}_latency_ms.p95`, "v3"))?.avg;
    // Five of ten observations are at or below 30, inside the (20, 50] bucket; 95 % lies in (50, 100].
    expect(p50).toBeGreaterThan(20);
    expect(p50).toBeLessThanOrEqual(50);
    expect(p95).toBeGreaterThan(50);
    expect(p95).toBeLessThanOrEqual(95);
  });

  it("answers like a collector: partialSuccess counts points it cannot attribute, and stores the rest", async () => {
    const metric = `otel_partial_${Date.now()}`;
    const point = (version: string, value: number) => ({
      timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
      asDouble: value,
      attributes: [{ key: "ml.model.version", value: { stringValue: version } }],
    });
    const res = await machine.request("POST", "/api/v1/otlp/v1/metrics", {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: "ml.model.name", value: { stringValue: "fraud-detector" } }] },
          scopeMetrics: [{ metrics: [{ name: metric, gauge: { dataPoints: [point("v3", 1), point("v404", 2), { timeUnixNano: "1", asDouble: 3 }] } }] }],
        },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { partialSuccess: { rejectedDataPoints: number; errorMessage: string } };
    expect(body.partialSuccess.rejectedDataPoints).toBe(2);
    expect(body.partialSuccess.errorMessage).toContain("unknown version v404 of model fraud-detector");
    expect((await latest(metric, "v3"))?.avg).toBe(1);
  });

  it("rejects a structurally invalid export with 422 and the path at fault, storing nothing", async () => {
    const res = await machine.request("POST", "/api/v1/otlp/v1/metrics", {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ gauge: { dataPoints: [] } }] }] }],
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string }[] } };
    expect(error.details[0].path).toMatch(/^resourceMetrics\[0\]\.scopeMetrics\[0\]\.metrics\[0\]/);
  });

  /** One gauge reading per version, on fraud-detector, as the SDK's protobuf exporter encodes it. */
  async function protobufExport(metric: string, versions: string[]): Promise<Uint8Array> {
    const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ "ml.model.name": "fraud-detector" }),
      readers: [new PeriodicExportingMetricReader({ exporter: memory, exportIntervalMillis: 60_000 })],
    });
    const gauge = provider.getMeter("plumbline-test").createGauge(metric);
    versions.forEach((version, i) => gauge.record(i + 1, { "ml.model.version": version }));
    await provider.forceFlush();
    await provider.shutdown();
    return ProtobufMetricsSerializer.serializeRequest(memory.getMetrics()[0])!;
  }

  const postProtobuf = (body: Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/api/v1/otlp/v1/metrics`, {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/x-protobuf", ...headers },
      body: Buffer.from(body),
    });

  it("answers a protobuf export in protobuf, partialSuccess included, and replays it once per Idempotency-Key", async () => {
    const metric = `otel_proto_partial_${Date.now()}`;
    const body = await protobufExport(metric, ["v3", "v404"]);
    const headers = { "idempotency-key": `proto-${metric}` };

    const first = await postProtobuf(body, headers);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/x-protobuf");
    const answer = ProtobufMetricsSerializer.deserializeResponse(new Uint8Array(await first.arrayBuffer()));
    expect(Number(answer.partialSuccess?.rejectedDataPoints)).toBe(1);
    expect(answer.partialSuccess?.errorMessage).toContain("unknown version v404 of model fraud-detector");

    const replay = await postProtobuf(body, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("content-type")).toBe("application/x-protobuf");
    expect(ProtobufMetricsSerializer.deserializeResponse(new Uint8Array(await replay.arrayBuffer()))).toEqual(answer);
    expect(await latest(metric, "v3")).toMatchObject({ avg: 1, count: 1 });
  });

  it("refuses bytes that are not an OTLP protobuf export with 400 in the API's error shape, and other media types with 415", async () => {
    const truncated = await postProtobuf(Uint8Array.from([0x0a, 0xff, 0x01]));
    expect(truncated.status).toBe(400);
    expect(await truncated.json()).toEqual({
      error: { code: "bad_request", message: "Request body is not a valid OTLP protobuf ExportMetricsServiceRequest" },
    });

    const text = await postProtobuf(new TextEncoder().encode("resourceMetrics"), { "content-type": "text/plain" });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { message: string } }).error.message).toContain("application/x-protobuf");
  });
});

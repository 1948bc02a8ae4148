import { JsonMetricsSerializer, ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationType, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { convertOtlpMetrics, otlpMetricsRequestSchema } from "./index";
import { decodeOtlpMetricsRequest, encodeOtlpMetricsResponse } from "./protobuf";

/** Collects on demand, as an exporter's reader would before serializing. */
class CollectingReader extends MetricReader {
  protected async onShutdown() {}
  protected async onForceFlush() {}
}

/** One export of a gauge, a counter, a histogram and an exponential histogram from the real SDK. */
async function sdkExport() {
  const reader = new CollectingReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "ml.model.name": "fraud-detector", "ml.model.version": "v3" }),
    readers: [reader],
    views: [{ instrumentName: "scores", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter("protobuf-test");
  meter.createGauge("queue_depth").record(42.5, { segment: "EU" });
  meter.createCounter("requests").add(12, { "ml.model.version": "v4" });
  const latency = meter.createHistogram("latency_ms", { advice: { explicitBucketBoundaries: [10, 20, 50, 100] } });
  for (const v of [5, 12, 15, 18, 30, 40, 45, 60, 80, 95]) latency.record(v);
  const scores = meter.createHistogram("scores");
  for (const v of [0.1, 0.2, 0.4, 0.8, 1.6]) scores.record(v);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}

const convert = (json: unknown) => convertOtlpMetrics(otlpMetricsRequestSchema.parse(json));

describe("OTLP protobuf decoding", () => {
  it("an export in protobuf converts to exactly the points of the same export in JSON", async () => {
    const exported = await sdkExport();
    const asJson = JSON.parse(new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(exported)));
    const asProtobuf = decodeOtlpMetricsRequest(ProtobufMetricsSerializer.serializeRequest(exported)!);

    const fromJson = convert(asJson);
    expect(convert(asProtobuf)).toEqual(fromJson);
    expect(fromJson.rejected).toBe(0);
    expect(new Set(fromJson.points.map((p) => p.metric))).toEqual(
      new Set(["queue_depth", "requests", ...["count", "sum", "min", "max", "p50", "p95", "p99"].flatMap((s) => [`latency_ms.${s}`, `scores.${s}`])]),
    );
  });

  it("reads 64-bit integers exactly, as the JSON mapping's decimal strings", async () => {
    const decoded = decodeOtlpMetricsRequest(ProtobufMetricsSerializer.serializeRequest(await sdkExport())!);
    const points = JSON.stringify(decoded);
    expect(points).toMatch(/"timeUnixNano":"\d{19}"/);
    expect(points).toContain('"bucketCounts":["1","3","3","3","0"]');
  });

  it("keeps the zero bucket's width of an exponential histogram, which the JS SDK never sends", () => {
    // Hand-encoded: resourceMetrics(1) > scopeMetrics(2) > metrics(2) > exponentialHistogram(10) > dataPoints(1).
    const writer = protobuf.Writer.create();
    writer.uint32((1 << 3) | 2).fork(); // ExportMetricsServiceRequest.resource_metrics
    writer.uint32((2 << 3) | 2).fork(); // ResourceMetrics.scope_metrics
    writer.uint32((2 << 3) | 2).fork(); // ScopeMetrics.metrics
    writer.uint32((1 << 3) | 2).string("scores"); // Metric.name
    writer.uint32((10 << 3) | 2).fork(); // Metric.exponential_histogram
    writer.uint32((1 << 3) | 2).fork(); // ExponentialHistogram.data_points
    writer.uint32((7 << 3) | 1).fixed64(3); // zero_count
    writer.uint32((14 << 3) | 1).double(0.25); // zero_threshold
    writer.ldelim().ldelim().ldelim().ldelim().ldelim();
    const decoded = decodeOtlpMetricsRequest(writer.finish()) as {
      resourceMetrics: { scopeMetrics: { metrics: { exponentialHistogram: { dataPoints: object[] } }[] }[] }[];
    };
    expect(decoded.resourceMetrics[0].scopeMetrics[0].metrics[0].exponentialHistogram.dataPoints[0]).toEqual({ zeroCount: "3", zeroThreshold: 0.25 });
  });

  it("spells NaN and the infinities as the JSON mapping does, so the conversion rejects those data points", () => {
    const writer = protobuf.Writer.create();
    writer.uint32((1 << 3) | 2).fork();
    writer.uint32((2 << 3) | 2).fork();
    writer.uint32((2 << 3) | 2).fork();
    writer.uint32((1 << 3) | 2).string("accuracy");
    writer.uint32((5 << 3) | 2).fork(); // Metric.gauge
    for (const value of [NaN, Infinity, -Infinity]) {
      writer.uint32((1 << 3) | 2).fork(); // Gauge.data_points
      writer.uint32((3 << 3) | 1).fixed64(1_700_000_000_000_000_000n.toString()); // time_unix_nano
      writer.uint32((4 << 3) | 1).double(value); // as_double
      writer.ldelim();
    }
    writer.ldelim().ldelim().ldelim().ldelim();
    const decoded = decodeOtlpMetricsRequest(writer.finish());
    expect(JSON.stringify(decoded)).toContain('"asDouble":"NaN"},{"timeUnixNano":"1700000000000000000","asDouble":"Infinity"}');
    expect(convert(decoded)).toMatchObject({ points: [], rejected: 3 });
  });

  it("answers null for bytes that are not a protobuf message", () => {
    expect(decodeOtlpMetricsRequest(Uint8Array.from([0x0a, 0xff, 0x01]))).toBeNull(); // a field longer than the body
    expect(decodeOtlpMetricsRequest(Uint8Array.from([0x0f]))).toBeNull(); // wire type 7 does not exist
    expect(decodeOtlpMetricsRequest(new TextEncoder().encode('{"resourceMetrics": []}'))).toBeNull();
  });

  it("encodes the answer as an ExportMetricsServiceResponse the SDK's exporter reads", () => {
    const answer = { partialSuccess: { rejectedDataPoints: 2, errorMessage: "unknown model m" } };
    const bytes = encodeOtlpMetricsResponse(answer);
    // The exporter reads int64 as a decimal string.
    expect(JSON.parse(JSON.stringify(ProtobufMetricsSerializer.deserializeResponse(bytes)))).toEqual({
      partialSuccess: { rejectedDataPoints: "2", errorMessage: "unknown model m" },
    });
    expect(encodeOtlpMetricsResponse({})).toHaveLength(0);
  });
});

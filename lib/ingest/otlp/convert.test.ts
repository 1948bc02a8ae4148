import { describe, expect, it } from "vitest";
import { convertOtlpMetrics, otlpMetricsRequestSchema } from "./index";

const TIME = "1700000000123456789";
const TS = "2023-11-14T22:13:20.123Z";

const text = (key: string, value: string) => ({ key, value: { stringValue: value } });
const fraudModel = [text("ml.model.name", "fraud"), text("ml.model.version", "v3")];

/** An export of the given metrics from one resource, run through the schema as the HTTP layer would. */
function convert(metrics: object[], resourceAttributes: object[] = fraudModel) {
  const request = otlpMetricsRequestSchema.parse({
    resourceMetrics: [{ resource: { attributes: resourceAttributes }, scopeMetrics: [{ scope: { name: "sdk" }, metrics }] }],
  });
  return convertOtlpMetrics(request);
}

const gauge = (name: string, ...dataPoints: object[]) => ({ name, gauge: { dataPoints } });

describe("gauges and sums", () => {
  it("a gauge data point becomes one point named after the metric", () => {
    const result = convert([gauge("accuracy", { timeUnixNano: TIME, asDouble: 0.93, attributes: [text("segment", "EU")] })]);
    expect(result).toEqual({
      points: [{ model: "fraud", version: "v3", metric: "accuracy", ts: TS, value: 0.93, labels: { segment: "EU" } }],
      rejected: 0,
      errors: [],
    });
  });

  it("a sum's asInt may be a decimal string; temporality and monotonicity do not matter", () => {
    const sum = { name: "predictions", sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ timeUnixNano: TIME, asInt: "42" }] } };
    expect(convert([sum]).points).toEqual([{ model: "fraud", version: "v3", metric: "predictions", ts: TS, value: 42, labels: {} }]);
  });

  it("asDouble may be a numeric string too", () => {
    expect(convert([gauge("latency", { timeUnixNano: TIME, asDouble: "1.5e2" })]).points[0].value).toBe(150);
  });
});

describe("timestamps", () => {
  it("nanoseconds as a string are read exactly and truncated to milliseconds", () => {
    expect(convert([gauge("a", { timeUnixNano: "1700000000123999999", asDouble: 1 })]).points[0].ts).toBe(TS);
  });

  it("nanoseconds as a JSON number lose only sub-millisecond digits", () => {
    expect(convert([gauge("a", { timeUnixNano: 1700000000123456789, asDouble: 1 })]).points[0].ts).toBe(TS);
  });

  it("a missing, zero or unreadable time rejects the data point", () => {
    const result = convert([
      gauge("a", { asDouble: 1 }, { timeUnixNano: "0", asDouble: 1 }, { timeUnixNano: "2023-11-14", asDouble: 1 }, { timeUnixNano: -5, asDouble: 1 }),
    ]);
    expect(result.points).toEqual([]);
    expect(result.rejected).toBe(4);
    expect(result.errors).toEqual([
      "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0] (a): has no timeUnixNano",
      'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[1] (a): timeUnixNano "0" is not a time in nanoseconds since the Unix epoch',
      'resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[2] (a): timeUnixNano "2023-11-14" is not a time in nanoseconds since the Unix epoch',
      "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[3] (a): timeUnixNano -5 is not a time in nanoseconds since the Unix epoch",
    ]);
  });
});

describe("model, version and labels", () => {
  it("data point attributes take precedence over resource attributes, and are not labels", () => {
    const point = { timeUnixNano: TIME, asDouble: 1, attributes: [text("ml.model.version", "v4"), text("route", "/score")] };
    const [converted] = convert([gauge("a", point)], [...fraudModel, text("service.name", "scorer")]).points;
    expect(converted).toMatchObject({ model: "fraud", version: "v4", labels: { route: "/score" } });
  });

  it("an empty attribute counts as absent, so the resource's applies", () => {
    const point = { timeUnixNano: TIME, asDouble: 1, attributes: [text("ml.model.name", "")] };
    expect(convert([gauge("a", point)]).points[0].model).toBe("fraud");
  });

  it("non-string attribute values become label text", () => {
    const attributes = [
      { key: "int", value: { intValue: "7" } },
      { key: "double", value: { doubleValue: 0.5 } },
      { key: "bool", value: { boolValue: false } },
      { key: "list", value: { arrayValue: { values: [{ stringValue: "x" }, { boolValue: true }] } } },
      { key: "map", value: { kvlistValue: { values: [{ key: "k", value: { stringValue: "v" } }] } } },
      { key: "empty" },
    ];
    const [converted] = convert([gauge("a", { timeUnixNano: TIME, asDouble: 1, attributes })]).points;
    expect(converted.labels).toEqual({ int: "7", double: "0.5", bool: "false", list: '["x",true]', map: '{"k":"v"}', empty: "" });
  });

  it("a data point without model or version is rejected with the reason", () => {
    const noModel = { timeUnixNano: TIME, asDouble: 1 };
    const noVersion = { timeUnixNano: TIME, asDouble: 1, attributes: [text("ml.model.name", "fraud")] };
    const result = convert([gauge("a", noModel, noVersion)], [text("service.name", "scorer")]);
    expect(result.points).toEqual([]);
    expect(result.rejected).toBe(2);
    expect(result.errors).toEqual([
      "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0] (a): no ml.model.name attribute on the data point or its resource",
      "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[1] (a): no ml.model.version attribute on the data point or its resource",
    ]);
  });
});

describe("rejections", () => {
  it("a non-finite or unreadable value rejects its data point only", () => {
    const result = convert([
      gauge(
        "a",
        { timeUnixNano: TIME, asDouble: "NaN" },
        { timeUnixNano: TIME, asDouble: "-Infinity" },
        { timeUnixNano: TIME, asInt: "1.5" },
        { timeUnixNano: TIME, asDouble: "" },
        { timeUnixNano: TIME },
        { timeUnixNano: TIME, asDouble: 2 },
      ),
    ]);
    expect(result.points.map((point) => point.value)).toEqual([2]);
    expect(result.rejected).toBe(5);
    expect(result.errors.map((error) => error.split(": ")[1])).toEqual([
      "a is NaN, not a finite number",
      "a is -Infinity, not a finite number",
      "a is NaN, not a finite number",
      "a is NaN, not a finite number",
      "has neither asDouble nor asInt",
    ]);
  });

  it("a metric name Plumbline cannot store rejects the data point, by the ingest contract", () => {
    const result = convert([gauge("http/latency", { timeUnixNano: TIME, asDouble: 1 })]);
    expect(result.rejected).toBe(1);
    expect(result.errors[0]).toMatch(/\(http\/latency\): http\/latency: metric must be 1–128 letters/);
  });

  it("counts every rejection but keeps only the first ten reasons", () => {
    const points = Array.from({ length: 25 }, () => ({ timeUnixNano: TIME, asDouble: "NaN" }));
    const result = convert([gauge("a", ...points)]);
    expect(result.rejected).toBe(25);
    expect(result.errors).toHaveLength(10);
  });

  it("a data point flagged as having no recorded value is skipped, not rejected", () => {
    const result = convert([gauge("a", { timeUnixNano: TIME, flags: 1 }, { timeUnixNano: TIME, asDouble: 3 })]);
    expect(result).toMatchObject({ rejected: 0, errors: [] });
    expect(result.points.map((point) => point.value)).toEqual([3]);
  });
});

describe("histograms", () => {
  // The example of quantile.test.ts: buckets (-∞,0] (0,5] (5,10] (10,25] (25,50] (50,100] (100,+∞).
  const withoutExtremes = {
    timeUnixNano: TIME,
    count: "20",
    sum: 390.5,
    bucketCounts: ["0", "2", "4", "10", "3", "0", "1"],
    explicitBounds: [0, 5, 10, 25, 50, 100],
    attributes: [text("route", "/score")],
  };
  const histogramPoint = { ...withoutExtremes, min: 1, max: 140 };
  const histogram = (...dataPoints: object[]) => ({ name: "latency", histogram: { aggregationTemporality: 1, dataPoints } });
  const valuesByMetric = (points: { metric: string; value: number }[]) => Object.fromEntries(points.map((point) => [point.metric, point.value]));

  it("a data point becomes count, sum, min, max and p50, p95, p99 with the data point's labels", () => {
    const { points, rejected } = convert([histogram(histogramPoint)]);
    expect(rejected).toBe(0);
    expect(points.every((point) => point.ts === TS && point.labels.route === "/score" && point.version === "v3")).toBe(true);
    const values = valuesByMetric(points);
    expect(Object.keys(values)).toEqual(["latency.count", "latency.sum", "latency.min", "latency.max", "latency.p50", "latency.p95", "latency.p99"]);
    expect(values).toMatchObject({ "latency.count": 20, "latency.sum": 390.5, "latency.min": 1, "latency.max": 140, "latency.p50": 16, "latency.p95": 50 });
    // Rank 19.8 in (100,+∞), bounded by max 140: 100 + 40·0.8.
    expect(values["latency.p99"]).toBeCloseTo(132, 12);
  });

  it("without min and max, the +Inf bucket answers the highest finite bound", () => {
    const values = valuesByMetric(convert([histogram(withoutExtremes)]).points);
    expect(Object.keys(values)).toEqual(["latency.count", "latency.sum", "latency.p50", "latency.p95", "latency.p99"]);
    expect(values["latency.p99"]).toBe(100);
  });

  it("no percentiles for an empty histogram, or one without buckets", () => {
    const empty = { timeUnixNano: TIME, count: "0", sum: 0, bucketCounts: ["0", "0"], explicitBounds: [10] };
    const noBuckets = { timeUnixNano: TIME, count: 3, sum: 12 };
    const { points } = convert([histogram(empty, noBuckets)]);
    expect(points.map((point) => [point.metric, point.value])).toEqual([
      ["latency.count", 0],
      ["latency.sum", 0],
      ["latency.count", 3],
      ["latency.sum", 12],
    ]);
  });

  it("a non-finite sum, min or max rejects the whole data point", () => {
    const result = convert([histogram({ ...histogramPoint, sum: "Infinity" })]);
    expect(result).toMatchObject({ points: [], rejected: 1 });
    expect(result.errors[0]).toMatch(/latency\.sum is Infinity, not a finite number$/);
  });

  it("buckets that do not fit the bounds reject the data point", () => {
    const result = convert([histogram({ ...histogramPoint, bucketCounts: ["1", "2"] }, { ...histogramPoint, explicitBounds: [0, 5, 5, 25, 50, 100] })]);
    expect(result.rejected).toBe(2);
    expect(result.errors.map((error) => error.split(": ")[1])).toEqual([
      "has 2 bucketCounts for 6 explicitBounds, rather than one more",
      "explicitBounds are not finite and strictly increasing",
    ]);
  });
});

describe("exponential histograms and summaries", () => {
  it("an exponential histogram's buckets are read as explicit ones", () => {
    // Scale 0: base 2. Positive buckets from index 1: (2,4] ×2, (4,8] ×6, (8,16] ×2; zero bucket ×0.
    const point = { timeUnixNano: TIME, count: "10", sum: 60, scale: 0, zeroCount: "0", positive: { offset: 1, bucketCounts: ["2", "6", "2"] } };
    const { points } = convert([{ name: "size", exponentialHistogram: { dataPoints: [point] } }]);
    expect(Object.fromEntries(points.map((p) => [p.metric, p.value]))).toEqual({
      "size.count": 10,
      "size.sum": 60,
      "size.p50": 4 + 4 * (3 / 6), // rank 5 in (4,8]
      "size.p95": 8 + 8 * (1.5 / 2), // rank 9.5 in (8,16]
      "size.p99": expect.closeTo(8 + 8 * (1.9 / 2), 12),
    });
  });

  it("at scale 1 the base is √2", () => {
    // Positive index 2 covers (2^(2/2), 2^(3/2)] = (2, 2.83].
    const point = { timeUnixNano: TIME, count: 4, scale: 1, positive: { offset: 2, bucketCounts: [4] } };
    const { points } = convert([{ name: "size", exponentialHistogram: { dataPoints: [point] } }]);
    expect(points.find((p) => p.metric === "size.p50")?.value).toBeCloseTo(2 + (2 ** 1.5 - 2) / 2, 12);
  });

  it("negative buckets and the zero bucket come below the positive ones", () => {
    // Negative index 0: [-2,-1) ×1; zero bucket ×2 (threshold 0); positive index 0: (1,2] ×1.
    const point = { timeUnixNano: TIME, count: 4, scale: 0, zeroCount: 2, negative: { bucketCounts: [1] }, positive: { bucketCounts: [1] } };
    const { points } = convert([{ name: "delta", exponentialHistogram: { dataPoints: [point] } }]);
    expect(points.find((p) => p.metric === "delta.p50")?.value).toBe(0);
  });

  it("a summary's quantiles 0, 0.5, 0.95, 0.99 and 1 become min, p50, p95, p99 and max", () => {
    const quantileValues = [
      { value: 1 }, // quantile 0 left out, as proto3 JSON does with defaults
      { quantile: 0.5, value: 7 },
      { quantile: 0.9, value: 11 },
      { quantile: 0.99, value: "12.5" },
      { quantile: 1, value: 13 },
    ];
    const { points } = convert([{ name: "rt", summary: { dataPoints: [{ timeUnixNano: TIME, count: "9", quantileValues }] } }]);
    expect(points.map((p) => [p.metric, p.value])).toEqual([
      ["rt.count", 9],
      ["rt.sum", 0],
      ["rt.min", 1],
      ["rt.p50", 7],
      ["rt.p99", 12.5],
      ["rt.max", 13],
    ]);
  });
});

it("walks every resource, scope and metric, each resource with its own attributes", () => {
  const request = otlpMetricsRequestSchema.parse({
    resourceMetrics: [
      { resource: { attributes: fraudModel }, scopeMetrics: [{ metrics: [gauge("a", { timeUnixNano: TIME, asDouble: 1 })] }, { metrics: [] }] },
      {
        resource: { attributes: [text("ml.model.name", "churn"), text("ml.model.version", "2")] },
        scopeMetrics: [{ metrics: [gauge("b", { timeUnixNano: TIME, asDouble: 2 }), gauge("c", { timeUnixNano: TIME, asDouble: 3 })] }],
      },
      {},
    ],
  });
  expect(convertOtlpMetrics(request).points.map((p) => `${p.model}/${p.version}/${p.metric}`)).toEqual(["fraud/v3/a", "churn/2/b", "churn/2/c"]);
});

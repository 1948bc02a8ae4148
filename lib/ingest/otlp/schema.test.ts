import { describe, expect, it } from "vitest";
import { otlpMetricsRequestSchema } from "./schema";

/** The metrics example of the OTLP specification's JSON encoding, abridged, with a histogram added. */
const specExample = {
  resourceMetrics: [
    {
      resource: { attributes: [{ key: "service.name", value: { stringValue: "my.service" } }] },
      scopeMetrics: [
        {
          scope: { name: "my.library", version: "1.0.0", attributes: [{ key: "my.scope.attribute", value: { stringValue: "some scope attribute" } }] },
          metrics: [
            {
              name: "my.counter",
              unit: "1",
              description: "I am a Counter",
              sum: {
                aggregationTemporality: 1,
                isMonotonic: true,
                dataPoints: [
                  {
                    asDouble: 5,
                    startTimeUnixNano: "1544712660300000000",
                    timeUnixNano: "1544712660300000000",
                    attributes: [{ key: "my.counter.attr", value: { stringValue: "some value" } }],
                  },
                ],
              },
            },
            { name: "my.gauge", gauge: { dataPoints: [{ asDouble: 10, timeUnixNano: "1544712660300000000" }] } },
            {
              name: "my.histogram",
              histogram: {
                aggregationTemporality: 1,
                dataPoints: [{ timeUnixNano: "1544712660300000000", count: "2", sum: 2, bucketCounts: ["1", "1"], explicitBounds: [1], min: 0, max: 2 }],
              },
            },
          ],
        },
      ],
    },
  ],
};

describe("otlpMetricsRequestSchema", () => {
  it("accepts the specification's example, dropping fields Plumbline does not read", () => {
    const parsed = otlpMetricsRequestSchema.parse(specExample);
    const [counter, , histogram] = parsed.resourceMetrics[0].scopeMetrics[0].metrics;
    expect(counter).not.toHaveProperty("unit");
    expect(counter.sum?.dataPoints[0]).toEqual({
      asDouble: 5,
      timeUnixNano: "1544712660300000000",
      flags: 0,
      attributes: [{ key: "my.counter.attr", value: { stringValue: "some value" } }],
    });
    // Counts are read as numbers.
    expect(histogram.histogram?.dataPoints[0]).toMatchObject({ count: 2, bucketCounts: [1, 1] });
  });

  it("fills in the fields proto3 JSON leaves out at their default", () => {
    const parsed = otlpMetricsRequestSchema.parse({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: "h", histogram: { dataPoints: [{}] } }] }] }, {}] });
    expect(parsed.resourceMetrics[0].scopeMetrics[0].metrics[0].histogram?.dataPoints[0]).toEqual({
      attributes: [],
      flags: 0,
      count: 0,
      bucketCounts: [],
      explicitBounds: [],
    });
    expect(parsed.resourceMetrics[1]).toEqual({ scopeMetrics: [] });
  });

  it("answers structural errors with the path to them", () => {
    const paths = (document: unknown) => otlpMetricsRequestSchema.safeParse(document).error?.issues.map((issue) => issue.path.join("."));
    expect(paths({})).toEqual(["resourceMetrics"]);
    expect(paths({ resourceMetrics: {} })).toEqual(["resourceMetrics"]);
    expect(paths({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ gauge: { dataPoints: [] } }] }] }] })).toEqual([
      "resourceMetrics.0.scopeMetrics.0.metrics.0.name",
    ]);
    expect(paths({ resourceMetrics: [{ resource: { attributes: [{ key: 1 }] } }] })).toEqual(["resourceMetrics.0.resource.attributes.0.key"]);
    const badCounts = { name: "h", histogram: { dataPoints: [{ bucketCounts: ["1", "-2", 1.5] }] } };
    expect(paths({ resourceMetrics: [{ scopeMetrics: [{ metrics: [badCounts] }] }] })).toEqual([
      "resourceMetrics.0.scopeMetrics.0.metrics.0.histogram.dataPoints.0.bucketCounts.1",
      "resourceMetrics.0.scopeMetrics.0.metrics.0.histogram.dataPoints.0.bucketCounts.2",
    ]);
    const nestedAttribute = { key: "k", value: { arrayValue: { values: [{ stringValue: 5 }] } } };
    expect(paths({ resourceMetrics: [{ resource: { attributes: [nestedAttribute] } }] })).toEqual([
      "resourceMetrics.0.resource.attributes.0.value.arrayValue.values.0.stringValue",
    ]);
  });

  it("leaves bad values and times to the conversion, which rejects only their data point", () => {
    const gauge = { name: "g", gauge: { dataPoints: [{ asDouble: "not a number", timeUnixNano: "yesterday" }] } };
    expect(otlpMetricsRequestSchema.safeParse({ resourceMetrics: [{ scopeMetrics: [{ metrics: [gauge] }] }] }).success).toBe(true);
  });
});

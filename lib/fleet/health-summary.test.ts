import { describe, expect, it } from "vitest";
import { summariseHealth, type HealthRollupRow } from "./health-summary";

const from = new Date("2026-11-20T00:00:00Z");
const row = (metric: string, hour: number, count: number, sum: number, model = "fraud-detector"): HealthRollupRow => ({
  model,
  version: "v3",
  metric,
  bucket_start: new Date(from.getTime() + hour * 3_600_000),
  count,
  sum,
});

describe("summariseHealth", () => {
  it("weights the window average by points, not by hours", () => {
    // 1 point of 100 ms in one hour, 3 points averaging 10 ms in the next: 130 / 4, not (100 + 10) / 2.
    const health = summariseHealth([row("latency_p95_ms", 0, 1, 100), row("latency_p95_ms", 1, 3, 30)], from).get("fraud-detector")!;
    expect(health.p95_latency_ms).toBe(32.5);
    expect(health.sparklines.latency_p95_ms).toEqual([
      { ts: "2026-11-20T00:00:00.000Z", value: 100 },
      { ts: "2026-11-20T01:00:00.000Z", value: 10 },
    ]);
  });

  it("orders sparkline points by time whatever order the rows arrive in", () => {
    const health = summariseHealth([row("error_rate", 5, 1, 0.5), row("error_rate", 2, 1, 0.1)], from).get("fraud-detector")!;
    expect(health.sparklines.error_rate.map((p) => p.value)).toEqual([0.1, 0.5]);
    expect(health.error_rate).toBeCloseTo(0.3);
  });

  it("keeps models apart, leaves missing metrics null and ignores other metrics", () => {
    const byModel = summariseHealth(
      [row("requests_per_minute", 0, 2, 4000), row("auc", 0, 1, 0.9), row("requests_per_minute", 0, 1, 7, "churn-predictor")],
      from,
    );
    expect(byModel.get("fraud-detector")).toMatchObject({ version: "v3", requests_per_minute: 2000, p95_latency_ms: null, error_rate: null });
    expect(byModel.get("churn-predictor")!.requests_per_minute).toBe(7);
  });
});

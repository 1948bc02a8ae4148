import { describe, expect, it } from "vitest";
import type { ModelHealth } from "./health-summary";
import { deriveModelStatus, judgeModel, type ServingBaseline } from "./status";

function health(overrides: Partial<ModelHealth> = {}, latestP95?: number): ModelHealth {
  return {
    version: "v1",
    window_from: "2026-11-24T13:00:00.000Z",
    p95_latency_ms: 40,
    error_rate: 0.002,
    requests_per_minute: 1000,
    sparklines: {
      latency_p95_ms: latestP95 === undefined ? [{ ts: "2026-11-25T12:00:00.000Z", value: 41 }] : [{ ts: "2026-11-25T12:00:00.000Z", value: latestP95 }],
      error_rate: [],
      requests_per_minute: [],
    },
    ...overrides,
  };
}

const silent = health({
  p95_latency_ms: null,
  error_rate: null,
  requests_per_minute: null,
  sparklines: { latency_p95_ms: [], error_rate: [], requests_per_minute: [] },
});

const ownWeek = (p95: number | null, errors: number | null): ServingBaseline => ({
  from: "2026-11-17T13:00:00.000Z",
  to: "2026-11-24T13:00:00.000Z",
  before_promotion_of: null,
  promoted_at: null,
  p95_latency_ms: p95,
  error_rate: errors,
});
const beforePromotion = (p95: number, errors: number): ServingBaseline => ({
  ...ownWeek(p95, errors),
  before_promotion_of: "v3",
  promoted_at: "2026-11-19T12:00:00.000Z",
});

describe("deriveModelStatus", () => {
  it.each([
    ["no metrics and no drift verdict", undefined, silent, null, "unknown"],
    ["drift verdicts only, none drifted", { drifted: false }, silent, null, "healthy"],
    ["metrics within bounds, no drift data", undefined, health(), null, "healthy"],
    ["drifted outranks everything", { drifted: true }, health({ error_rate: 0.5 }), null, "drifting"],
    ["error rate at the 1 % bound", { drifted: false }, health({ error_rate: 0.01 }), null, "degraded"],
    ["error rate just under it", { drifted: false }, health({ error_rate: 0.0099 }), null, "healthy"],
    ["latest hour p95 at 1.5× the day's", undefined, health({}, 60), null, "degraded"],
    ["latest hour p95 just under it", undefined, health({}, 59.9), null, "healthy"],
    ["p95 at its own week's", undefined, health(), ownWeek(40, 0.002), "healthy"],
    ["p95 at 1.3× its own week's", undefined, health({ p95_latency_ms: 52 }, 52), ownWeek(40, 0.002), "degraded"],
    ["p95 just under 1.3× its own week's", undefined, health({ p95_latency_ms: 51.9 }, 51.9), ownWeek(40, 0.002), "healthy"],
    // The demo's fraud-detector v3: a steady 1.7× since its promotion; the day's own average hides it.
    ["a steady p95 step since a promotion", { drifted: false }, health({ p95_latency_ms: 68 }, 69), beforePromotion(40, 0.002), "degraded"],
    ["error rate at twice the baseline", undefined, health({ error_rate: 0.004 }), ownWeek(40, 0.002), "degraded"],
    ["error rate just under twice the baseline", undefined, health({ error_rate: 0.0039 }), ownWeek(40, 0.002), "healthy"],
    ["twice a tiny error rate is still tiny", undefined, health({ error_rate: 0.0002 }), ownWeek(40, 0.0001), "healthy"],
    ["a baseline without figures judges by the fixed bounds", undefined, health(), ownWeek(null, null), "healthy"],
  ] as const)("%s → %s", (_label, drift, h, baseline, expected) => {
    expect(deriveModelStatus(drift, h, baseline)).toBe(expected);
  });
});

describe("judgeModel", () => {
  it("says why and dates a regression that came with a promotion from the promotion", () => {
    expect(judgeModel(undefined, health({ p95_latency_ms: 68 }, 69), beforePromotion(40, 0.002))).toEqual({
      status: "degraded",
      reason: "p95 latency 68.0 ms over 24 h is 1.7× its baseline before v3's promotion (40.0 ms)",
      since: "2026-11-19T12:00:00.000Z",
    });
  });

  it("dates a regression against the model's own week from the first hour above the bound", () => {
    const h = health({
      error_rate: 0.006,
      sparklines: {
        latency_p95_ms: [],
        requests_per_minute: [],
        error_rate: [
          { ts: "2026-11-25T09:00:00.000Z", value: 0.002 },
          { ts: "2026-11-25T10:00:00.000Z", value: 0.009 },
        ],
      },
    });
    expect(judgeModel(undefined, h, ownWeek(40, 0.002))).toMatchObject({ status: "degraded", since: "2026-11-25T10:00:00.000Z" });
  });
});

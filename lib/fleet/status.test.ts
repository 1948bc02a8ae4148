import { describe, expect, it } from "vitest";
import type { ModelHealth } from "./health-summary";
import { deriveModelStatus } from "./status";

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

describe("deriveModelStatus", () => {
  it.each([
    ["no metrics and no drift verdict", undefined, silent, "unknown"],
    ["drift verdicts only, none drifted", { drifted: false }, silent, "healthy"],
    ["metrics within bounds, no drift data", undefined, health(), "healthy"],
    ["drifted outranks everything", { drifted: true }, health({ error_rate: 0.5 }), "drifting"],
    ["error rate at the 1 % bound", { drifted: false }, health({ error_rate: 0.01 }), "degraded"],
    ["error rate just under it", { drifted: false }, health({ error_rate: 0.0099 }), "healthy"],
    ["latest hour p95 at 1.5× the day's", undefined, health({}, 60), "degraded"],
    ["latest hour p95 just under it", undefined, health({}, 59.9), "healthy"],
  ] as const)("%s → %s", (_label, drift, h, expected) => {
    expect(deriveModelStatus(drift, h)).toBe(expected);
  });
});

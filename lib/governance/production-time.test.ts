import { describe, expect, it } from "vitest";
import { formatDuration, timeInProduction } from "./production-time";

const at = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000).toISOString();

describe("time each version spent in production", () => {
  it("adds up each stay, ending it when another version takes production or this one leaves", () => {
    const history = [
      { version: "v1", to_stage: "staging", at: at(0) },
      { version: "v1", to_stage: "production", at: at(1) },
      { version: "v2", to_stage: "production", at: at(11) },
      { version: "v1", to_stage: "archived", at: at(11) },
      // Rolled back to v1 for two hours, then v2 again until now.
      { version: "v1", to_stage: "production", at: at(20) },
      { version: "v2", to_stage: "production", at: at(22) },
    ];
    expect(timeInProduction(history, new Date(at(30)))).toEqual({ v1: 12 * 3_600_000, v2: 17 * 3_600_000 });
  });
  it("reads the history in time order whatever order it comes in, and leaves out versions never in production", () => {
    const history = [
      { version: "v2", to_stage: "production", at: at(5) },
      { version: "v3", to_stage: "staging", at: at(6) },
      { version: "v1", to_stage: "production", at: at(0) },
    ];
    expect(timeInProduction(history, new Date(at(10)))).toEqual({ v1: 5 * 3_600_000, v2: 5 * 3_600_000 });
  });
  it("is empty for a model never in production", () => {
    expect(timeInProduction([], new Date())).toEqual({});
  });
});

describe("durations in words", () => {
  it.each([
    [40 * 60_000, "40 min"],
    [5 * 3_600_000 + 12 * 60_000, "5 h 12 min"],
    [2 * 3_600_000, "2 h"],
    [3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, "3 d 4 h"],
    [86_400_000, "1 d"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

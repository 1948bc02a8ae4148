import { describe, expect, it } from "vitest";
import { driftVerdictChanges, mergeTimeline, stalePeriods } from "./timeline";

const at = (iso: string) => new Date(iso);

describe("stalePeriods", () => {
  const promise = { expectedEverySeconds: 3600, graceSeconds: 600 };
  it("finds the gap longer than expected + grace, and when it began", () => {
    const periods = stalePeriods(
      "etl",
      [at("2026-11-25T10:00:00Z"), at("2026-11-25T11:00:00Z"), at("2026-11-25T14:00:00Z")],
      promise,
      at("2026-11-25T14:30:00Z"),
    );
    expect(periods).toEqual([
      { at: at("2026-11-25T12:10:00Z"), text: "Pipeline etl went stale: no successful run within 1 h 10 min, until the next success 1 h 50 min later" },
    ]);
  });
  it("a gap of exactly expected + grace is on time; a missing success up to now is stale still", () => {
    expect(stalePeriods("etl", [at("2026-11-25T10:00:00Z"), at("2026-11-25T11:10:00Z")], promise, at("2026-11-25T11:20:00Z"))).toEqual([]);
    expect(stalePeriods("etl", [at("2026-11-25T10:00:00Z")], promise, at("2026-11-25T12:00:00Z"))[0].text).toMatch(/and still is$/);
  });
  it("no promise, no stale periods", () => {
    expect(stalePeriods("etl", [at("2026-11-20T10:00:00Z")], { expectedEverySeconds: null, graceSeconds: 0 }, at("2026-11-25T10:00:00Z"))).toEqual([]);
  });
});

describe("driftVerdictChanges", () => {
  it("reports the days the verdict flipped, at the drift share boundary", () => {
    const changes = driftVerdictChanges([
      { day: "2026-11-22", share_drifted: 0.2 },
      { day: "2026-11-23", share_drifted: 0.5 },
      { day: "2026-11-24", share_drifted: 0.6 },
      { day: "2026-11-25", share_drifted: 0.49 },
    ]);
    expect(changes.map((c) => [c.at.toISOString().slice(0, 10), c.text])).toEqual([
      ["2026-11-23", "Drift verdict: drifting (50 % of features)"],
      ["2026-11-25", "Drift verdict: no longer drifting (49 % of features)"],
    ]);
  });
});

describe("mergeTimeline", () => {
  it("orders every source by time", () => {
    const merged = mergeTimeline(
      [{ at: "2026-11-25T12:05:00.000Z", kind: "opened", text: "Fired" }],
      [{ at: "2026-11-25T12:00:00.000Z", kind: "promotion", text: "v4 → production" }],
      [{ at: "2026-11-25T12:10:00.000Z", kind: "note", text: "looking", actor: "oncall@example.com" }],
    );
    expect(merged.map((e) => e.kind)).toEqual(["promotion", "opened", "note"]);
  });
});

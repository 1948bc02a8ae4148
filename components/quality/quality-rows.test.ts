import { describe, expect, it } from "vitest";
import type { QualityPoint } from "@/lib/quality/schemas";
import { bucketFor, labelCoverage, latest, parseQualityRange, qualityRows, QUALITY_RANGES } from "./quality-rows";

const H = 3_600_000;
const T0 = Date.parse("2026-11-20T00:00:00Z");
const at = (hours: number) => new Date(T0 + hours * H).toISOString();
const point = (hours: number, n: number, n_labeled: number, realized: number | null, estimated: number | null): QualityPoint => ({
  ts: at(hours),
  n,
  n_labeled,
  realized,
  realized_low: realized === null ? null : realized / 2,
  realized_high: realized === null ? null : 1,
  estimated,
});

const answer = {
  bucket: "hour" as const,
  series: [
    { version: "v3", points: [point(0, 60, 60, 0.9, 0.88), point(1, 60, 30, 0.85, 0.87), point(2, 60, 0, null, 0.8)] },
    { version: "v4", points: [point(1, 12, 12, 0.91, 0.9), point(2, 12, 0, null, 0.84)] },
  ],
};

describe("quality chart rows", () => {
  it("joins the versions' buckets by time, with realized, its interval, estimated and the labeled share", () => {
    expect(qualityRows(answer, ["v4", "v3"])).toEqual([
      { t: T0, labeled: 1, r1: 0.9, b1: [0.45, 1], e1: 0.88 },
      { t: T0 + H, labeled: 42 / 72, r1: 0.85, b1: [0.425, 1], e1: 0.87, r0: 0.91, b0: [0.455, 1], e0: 0.9 },
      { t: T0 + 2 * H, labeled: 0, r1: null, b1: null, e1: 0.8, r0: null, b0: null, e0: 0.84 },
    ]);
  });

  it("leaves out versions it was not asked to draw, and their predictions from the labeled share", () => {
    const rows = qualityRows(answer, ["v4"]);
    expect(rows.map((r) => r.labeled)).toEqual([1, 0]);
    expect(rows.map((r) => Object.keys(r).sort())).toEqual([
      ["b0", "e0", "labeled", "r0", "t"],
      ["b0", "e0", "labeled", "r0", "t"],
    ]);
  });
});

describe("label coverage", () => {
  it("counts labels and marks where they stop: the end of the last labeled bucket, when predictions go on", () => {
    expect(labelCoverage(answer)).toEqual({ n: 204, n_labeled: 102, labels_until: T0 + 2 * H, stops: true });
  });
  it("does not mark a stop when every bucket has labels, nor without any label", () => {
    const all = { bucket: "day" as const, series: [{ version: "v1", points: [point(0, 5, 5, 1, null)] }] };
    expect(labelCoverage(all)).toMatchObject({ labels_until: T0 + 24 * H, stops: false });
    const none = { bucket: "hour" as const, series: [{ version: "v1", points: [point(0, 5, 0, null, 0.7)] }] };
    expect(labelCoverage(none)).toEqual({ n: 5, n_labeled: 0, labels_until: null, stops: false });
  });
});

describe("latest values and buckets", () => {
  it("reads the latest non-null value of a version", () => {
    expect(latest(answer, "v3", "realized")).toEqual({ ts: at(1), value: 0.85 });
    expect(latest(answer, "v3", "estimated")).toEqual({ ts: at(2), value: 0.8 });
    expect(latest(answer, "v9", "estimated")).toBeNull();
  });
  it("draws hours up to a week and days beyond: never more than 168 points", () => {
    for (const key of Object.keys(QUALITY_RANGES) as (keyof typeof QUALITY_RANGES)[]) {
      const points = (QUALITY_RANGES[key].days * 24) / (bucketFor(key) === "hour" ? 1 : 24);
      expect(points).toBeLessThanOrEqual(168);
    }
    expect(bucketFor("7d")).toBe("hour");
    expect(bucketFor("30d")).toBe("day");
    expect(parseQualityRange("nonsense")).toBe("7d");
    expect(parseQualityRange("90d")).toBe("90d");
  });
});

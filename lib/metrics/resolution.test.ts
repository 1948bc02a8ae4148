import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketCount, planBuckets } from "./resolution";

const HOUR = 3600_000;
const at = (iso: string) => new Date(iso);

describe("planBuckets", () => {
  it("reads hourly rollups for a 30-day chart of 500 points", () => {
    const plan = planBuckets(at("2026-10-26T00:00:00Z"), at("2026-11-25T00:00:00Z"), 500);
    expect(plan.source).toBe(3600);
    expect(plan.stepSeconds).toBe(7200);
  });

  it("reads minute rollups for a 24-hour chart of 500 points", () => {
    const plan = planBuckets(at("2026-11-24T00:00:00Z"), at("2026-11-25T00:00:00Z"), 500);
    expect(plan).toMatchObject({ source: 60, stepSeconds: 180 });
  });

  it("reads raw points for a 1-hour chart of 500 points", () => {
    const plan = planBuckets(at("2026-11-24T23:00:00Z"), at("2026-11-25T00:00:00Z"), 500);
    expect(plan).toMatchObject({ source: "raw", stepSeconds: 8 });
  });

  it("aligns the start to the source grid so stored buckets are never split", () => {
    const plan = planBuckets(at("2026-10-26T00:17:42Z"), at("2026-11-25T00:00:00Z"), 500);
    expect(plan.alignedFrom.toISOString()).toBe("2026-10-26T00:00:00.000Z");
  });

  it("never plans more buckets than asked for, and steps are whole multiples of the source", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: 1000, max: 400 * 24 * HOUR }),
        fc.integer({ min: 1, max: 5000 }),
        (start, span, maxPoints) => {
          const from = new Date(start);
          const to = new Date(start + span);
          const plan = planBuckets(from, to, maxPoints);
          expect(bucketCount(plan, to)).toBeLessThanOrEqual(maxPoints);
          if (plan.source !== "raw") expect(plan.stepSeconds % plan.source).toBe(0);
          expect(plan.alignedFrom.getTime()).toBeLessThanOrEqual(from.getTime());
        },
      ),
    );
  });
});

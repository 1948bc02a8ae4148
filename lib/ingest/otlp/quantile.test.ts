import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateQuantile } from "./quantile";

describe("estimateQuantile", () => {
  // Buckets (-∞,0] (0,5] (5,10] (10,25] (25,50] (50,100] (100,+∞); 20 observations, cumulative 0 2 6 16 19 19 20.
  const bounds = [0, 5, 10, 25, 50, 100];
  const counts = [0, 2, 4, 10, 3, 0, 1];

  it("interpolates linearly within the bucket holding the rank", () => {
    // p50: rank 10 lies in (10,25], 4 of its 10 observations in → 10 + 15·0.4.
    expect(estimateQuantile(0.5, bounds, counts)).toBe(16);
    // p95: rank 19 is exactly the end of (25,50].
    expect(estimateQuantile(0.95, bounds, counts)).toBe(50);
    // p25: rank 5 lies in (5,10], 3 of its 4 in → 5 + 5·0.75.
    expect(estimateQuantile(0.25, bounds, counts)).toBe(8.75);
  });

  it("the +Inf bucket answers the highest finite bound, or interpolates up to max", () => {
    // p99: rank 19.8 lies in (100,+∞).
    expect(estimateQuantile(0.99, bounds, counts)).toBe(100);
    expect(estimateQuantile(0.99, bounds, counts, undefined, 140)).toBeCloseTo(100 + 40 * 0.8, 12);
  });

  it("q = 0 skips empty leading buckets", () => {
    expect(estimateQuantile(0, bounds, counts)).toBe(0);
    expect(estimateQuantile(0, bounds, counts, 1.5)).toBe(1.5);
    expect(estimateQuantile(1, bounds, counts, 1.5, 140)).toBe(140);
  });

  it("all in the first bucket: from 0 (or min) to its bound (or max)", () => {
    expect(estimateQuantile(0.5, [10, 20], [4, 0, 0])).toBe(5);
    expect(estimateQuantile(0.5, [10, 20], [4, 0, 0], 2, 8)).toBe(5);
    expect(estimateQuantile(0.25, [10, 20], [4, 0, 0], 2, 8)).toBe(3.5);
    // A first bucket entirely at or below 0 has no known lower end: its bound is the answer.
    expect(estimateQuantile(0.5, [-5, 0], [4, 0, 0])).toBe(-5);
    expect(estimateQuantile(0.5, [-5, 0], [4, 0, 0], -9)).toBe(-7);
  });

  it("all in the +Inf bucket: the highest bound without max, interpolated with it", () => {
    expect(estimateQuantile(0.5, [10, 20], [0, 0, 3])).toBe(20);
    expect(estimateQuantile(0.99, [10, 20], [0, 0, 3])).toBe(20);
    expect(estimateQuantile(0.5, [10, 20], [0, 0, 3], undefined, 50)).toBe(35);
    // Observations all above the highest bound: min is a better answer than that bound.
    expect(estimateQuantile(0.5, [10, 20], [0, 0, 3], 30)).toBe(30);
  });

  it("min and max narrow any bucket they fall into, so p99 never exceeds max", () => {
    // All in (25,50] but observed between 30 and 40: Prometheus would answer 49.75.
    expect(estimateQuantile(0.99, [5, 10, 25, 50, 100], [0, 0, 0, 8, 0, 0], 30, 40)).toBeCloseTo(39.9, 12);
  });

  it("no estimate without observations or with counts that do not fit the bounds", () => {
    expect(estimateQuantile(0.5, [10, 20], [0, 0, 0])).toBeNull();
    expect(estimateQuantile(0.5, [], [])).toBeNull();
    expect(estimateQuantile(0.5, [10, 20], [1, 2])).toBeNull();
    // A single +Inf bucket has no finite end at all, unless min or max give one.
    expect(estimateQuantile(0.5, [], [3])).toBeNull();
    expect(estimateQuantile(0.5, [], [3], 2, 4)).toBe(3);
  });

  it("q outside [0, 1] is a programming error", () => {
    expect(() => estimateQuantile(1.5, bounds, counts)).toThrow(RangeError);
    expect(() => estimateQuantile(NaN, bounds, counts)).toThrow(RangeError);
  });
});

describe("estimateQuantile on histograms of real samples", () => {
  const histograms = fc
    .record({
      samples: fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 }),
      bounds: fc.uniqueArray(fc.integer({ min: -1200, max: 1200 }), { maxLength: 12 }).map((bounds) => bounds.sort((a, b) => a - b)),
      qs: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map(({ samples, bounds, qs }) => {
      const counts = new Array<number>(bounds.length + 1).fill(0);
      for (const sample of samples) {
        const bucket = bounds.findIndex((bound) => sample <= bound);
        counts[bucket === -1 ? bounds.length : bucket] += 1;
      }
      return { bounds, counts, min: Math.min(...samples), max: Math.max(...samples), qs: qs.sort((a, b) => a - b) };
    });

  it("stays within the observed min and max", () => {
    fc.assert(
      fc.property(histograms, ({ bounds, counts, min, max, qs }) => {
        for (const q of qs) {
          const estimate = estimateQuantile(q, bounds, counts, min, max);
          expect(estimate).not.toBeNull();
          expect(estimate!).toBeGreaterThanOrEqual(min - 1e-9);
          expect(estimate!).toBeLessThanOrEqual(max + 1e-9);
        }
      }),
    );
  });

  it("does not decrease as q grows, with or without min and max", () => {
    fc.assert(
      fc.property(histograms, ({ bounds, counts, min, max, qs: [low, high] }) => {
        expect(estimateQuantile(low, bounds, counts, min, max)!).toBeLessThanOrEqual(estimateQuantile(high, bounds, counts, min, max)! + 1e-9);
        if (bounds.length === 0) return;
        expect(estimateQuantile(low, bounds, counts)!).toBeLessThanOrEqual(estimateQuantile(high, bounds, counts)! + 1e-9);
      }),
    );
  });
});

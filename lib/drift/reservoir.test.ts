import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateDraws, mergedSize, mergeReservoirs, reservoirAdd, seededRandom as seeded, type Reservoir } from "./reservoir";

/** A bucket that has seen `seen` copies of `value`, kept as a reservoir. */
function constantBucket(value: number, seen: number, capacity: number): Reservoir {
  return { sample: Array.from({ length: Math.min(seen, capacity) }, () => value), seen };
}

describe("reservoirAdd", () => {
  it("keeps everything up to the capacity, then exactly the capacity, and counts every value seen", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ noNaN: true }), { maxLength: 60 }), { maxLength: 6 }), fc.integer({ min: 1, max: 50 }), (batches, capacity) => {
        const random = seeded(1);
        let reservoir: Reservoir = { sample: [], seen: 0 };
        const all: number[] = [];
        for (const batch of batches) {
          reservoir = reservoirAdd(reservoir, batch, random, capacity);
          all.push(...batch);
        }
        expect(reservoir.seen).toBe(all.length);
        expect(reservoir.sample.length).toBe(Math.min(all.length, capacity));
        if (all.length <= capacity) expect(reservoir.sample).toEqual(all);
      }),
    );
  });

  it("gives every value the same chance to stay, whichever batch it came in", () => {
    const random = seeded(7);
    const hits = new Array<number>(100).fill(0);
    const runs = 4000;
    for (let run = 0; run < runs; run++) {
      let reservoir: Reservoir = { sample: [], seen: 0 };
      // Uneven batches: the first value arrives alone, the rest in bulk.
      for (const batch of [[0], Array.from({ length: 59 }, (_, i) => i + 1), Array.from({ length: 40 }, (_, i) => i + 60)]) {
        reservoir = reservoirAdd(reservoir, batch, random, 10);
      }
      for (const value of reservoir.sample) hits[value]++;
    }
    // Each value stays with probability 10 / 100; 4,000 runs give 400 ± 19 (one standard deviation).
    for (const count of hits) expect(Math.abs(count - 400)).toBeLessThan(5 * 19);
  });
});

describe("mergeReservoirs", () => {
  const buckets = fc.array(fc.record({ seen: fc.integer({ min: 0, max: 50_000 }), capacity: fc.integer({ min: 1, max: 2_000 }) }), {
    minLength: 1,
    maxLength: 30,
  });

  it("never asks a bucket for more than it kept, and weights each bucket by what it SAW, to within one value", () => {
    fc.assert(
      fc.property(buckets, fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (specs, capacity, u) => {
        const reservoirs = specs.map((s, i) => constantBucket(i, s.seen, s.capacity));
        const size = mergedSize(reservoirs, capacity);
        const draws = allocateDraws(
          reservoirs.map((r) => r.seen),
          size,
          () => u,
        );
        const total = reservoirs.reduce((n, r) => n + r.seen, 0);
        expect(draws.reduce((n, d) => n + d, 0)).toBe(total === 0 ? 0 : size);
        draws.forEach((d, i) => {
          expect(d).toBeLessThanOrEqual(reservoirs[i].sample.length);
          if (total > 0) expect(Math.abs(d - (size * reservoirs[i].seen) / total)).toBeLessThan(1);
        });
        expect(size).toBeLessThanOrEqual(capacity);
      }),
    );
  });

  it("is unbiased: over many merges each bucket's share of the sample matches its share of the traffic", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 1, max: 1000 }), (seen, seed) => {
        const random = seeded(seed);
        // Every bucket keeps at most 200 values, so a naive concatenation would weight them equally.
        const reservoirs = seen.map((n, i) => constantBucket(i, n, 200));
        const total = seen.reduce((a, b) => a + b, 0);
        const taken = new Array<number>(seen.length).fill(0);
        let drawn = 0;
        for (let run = 0; run < 200; run++) {
          const merged = mergeReservoirs(reservoirs, random, 500);
          expect(merged.seen).toBe(total);
          for (const value of merged.sample) taken[value]++;
          drawn += merged.sample.length;
        }
        seen.forEach((n, i) => expect(Math.abs(taken[i] / drawn - n / total)).toBeLessThan(0.01));
      }),
      { numRuns: 30 },
    );
  });

  it("keeps the exact total seen and at most the merged capacity", () => {
    const merged = mergeReservoirs(
      Array.from({ length: 48 }, (_, i) => constantBucket(i, 5_000, 2_000)),
      seeded(3),
    );
    expect(merged.seen).toBe(240_000);
    expect(merged.sample.length).toBe(10_000);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCategoryCounts, compareFeature, DriftInputError } from "./index";

function tally<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

const categories = fc.array(fc.constantFrom("DE", "FR", "US", "GB", "IN", "JP"), { minLength: 1, maxLength: 1500 });

describe("compareCategoryCounts", () => {
  it("agrees with compareFeature on the expanded values, for the automatic and every categorical method", () => {
    fc.assert(
      fc.property(categories, categories, fc.constantFrom(undefined, "chisquare", "jensenshannon", "psi"), (reference, current, method) => {
        expect(compareCategoryCounts(tally(reference), tally(current), { method })).toEqual(compareFeature(reference, current, { method }));
      }),
      { numRuns: 60 },
    );
  });

  it("agrees for booleans, ztest included", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1 }), fc.array(fc.boolean(), { minLength: 1 }), (reference, current) => {
        expect(compareCategoryCounts(tally(reference), tally(current), { method: "ztest" })).toEqual(compareFeature(reference, current, { method: "ztest" }));
      }),
    );
  });

  it("refuses empty samples, mixed kinds, bad counts and numeric methods with a DriftInputError", () => {
    const some = new Map([["a", 3]]);
    expect(() => compareCategoryCounts(new Map(), some)).toThrow(DriftInputError);
    expect(() => compareCategoryCounts(new Map([["a", 0]]), some)).toThrow(/reference is empty/);
    expect(() => compareCategoryCounts(new Map<string | boolean, number>([[true, 2]]), some)).toThrow(/mixed kinds/);
    expect(() => compareCategoryCounts(new Map([["a", 1.5]]), some)).toThrow(/non-negative integers/);
    expect(() => compareCategoryCounts(some, some, { method: "ks" })).toThrow(/compares numbers/);
  });
});

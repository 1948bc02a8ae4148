import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareFeature, DRIFT_METHODS, DriftInputError, type DriftMethod, type DriftResult } from "./index";

const numbers = fc.oneof(
  fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }),
  // Few distinct integers: ties everywhere, and the categorical reading of numbers.
  fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 80 }),
);
const strings = fc.array(fc.constantFrom("DE", "FR", "US", "GB", "IN"), { minLength: 1, maxLength: 80 });
const booleans = fc.array(fc.boolean(), { minLength: 1, maxLength: 80 });
const samples: fc.Arbitrary<(number | string | boolean)[]> = fc.oneof(numbers, strings, booleans);

/** Two samples of one kind: both from the same generator. */
const samplePairs = fc.oneof(fc.tuple(numbers, numbers), fc.tuple(strings, strings), fc.tuple(booleans, booleans)) as fc.Arbitrary<
  [(number | string | boolean)[], (number | string | boolean)[]]
>;

function shuffled<T>(values: T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length });
}

/** Every method that accepts this sample, rather than throwing DriftInputError for it. */
function applicableMethods(reference: unknown[], current: unknown[]): DriftMethod[] {
  return DRIFT_METHODS.filter((method) => {
    try {
      compareFeature(reference, current, { method });
      return true;
    } catch (error) {
      if (error instanceof DriftInputError) return false;
      throw error;
    }
  });
}

function expectWellFormed(result: DriftResult): void {
  for (const value of [result.statistic, result.p_value, result.threshold]) expect(Number.isNaN(value)).toBe(false);
  if (result.p_value !== null) {
    expect(result.p_value).toBeGreaterThanOrEqual(0);
    expect(result.p_value).toBeLessThanOrEqual(1);
  }
  if (result.statistic === null) expect(result.method).toBe("chisquare");
  else expect(result.statistic).toBeGreaterThanOrEqual(0);
}

describe("drift properties", () => {
  it("a sample never drifts from itself, whatever the method, and in any order", () => {
    fc.assert(
      fc.property(
        samples.chain((s) => fc.tuple(fc.constant(s), shuffled(s))),
        ([sample, reordered]) => {
          for (const method of applicableMethods(sample, reordered)) {
            const result = compareFeature(sample, reordered, { method });
            expect(result.drifted, method).toBe(false);
          }
          expect(compareFeature(sample, reordered).drifted).toBe(false);
        },
      ),
    );
  });

  it("the KS statistic is the largest gap between the empirical CDFs, within [0, 1], and symmetric", () => {
    fc.assert(
      fc.property(fc.tuple(numbers, numbers), ([reference, current]) => {
        const result = compareFeature(reference, current, { method: "ks" });
        const statistic = result.statistic as number;
        expect(statistic).toBeGreaterThanOrEqual(0);
        expect(statistic).toBeLessThanOrEqual(1);
        expect(statistic).toBeCloseTo(bruteForceKs(reference, current), 12);
        const swapped = compareFeature(current, reference, { method: "ks" });
        expect(swapped.statistic).toBe(result.statistic);
        expect(swapped.p_value).toBe(result.p_value);
      }),
    );
  });

  it("PSI and Jensen–Shannon are never negative, and zero for identical distributions", () => {
    fc.assert(
      fc.property(samplePairs, fc.integer({ min: 1, max: 3 }), ([reference, current], copies) => {
        const sameShares = Array.from({ length: copies }, () => reference).flat();
        for (const method of ["psi", "jensenshannon"] as const) {
          expect(compareFeature(reference, current, { method }).statistic).toBeGreaterThanOrEqual(0);
          expect(compareFeature(reference, sameShares, { method }).statistic, method).toBe(0);
        }
      }),
    );
  });

  it("results do not depend on the order of the values", () => {
    fc.assert(
      fc.property(
        samplePairs.chain(([reference, current]) => fc.tuple(fc.constant([reference, current]), shuffled(reference), shuffled(current))),
        ([[reference, current], reference2, current2]) => {
          for (const method of applicableMethods(reference, current)) {
            expect(compareFeature(reference2, current2, { method }), method).toEqual(compareFeature(reference, current, { method }));
          }
        },
      ),
    );
  });

  it("any input gives a well-formed result or a DriftInputError, never NaN", () => {
    const present = <T>(values: fc.Arbitrary<T>) => fc.array(fc.option(values, { nil: null, freq: 8 }), { maxLength: 40 });
    const validPair = fc.oneof(
      fc.tuple(present(fc.double({ min: -1e12, max: 1e12, noNaN: true })), present(fc.double({ min: -1e12, max: 1e12, noNaN: true }))),
      fc.tuple(present(fc.integer({ min: 0, max: 6 })), present(fc.integer({ min: 0, max: 6 }))),
      fc.tuple(present(fc.constantFrom("a", "b", "c")), present(fc.constantFrom("a", "b", "c"))),
      fc.tuple(present(fc.boolean()), present(fc.boolean())),
    ) as fc.Arbitrary<[unknown[], unknown[]]>;
    const badValue = fc.oneof(fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e200, "x", true, undefined), fc.anything());
    // Mostly valid pairs, a third of them with one value swapped for something else.
    const inputs = fc.tuple(validPair, fc.option(fc.tuple(fc.boolean(), fc.nat(), badValue), { freq: 2 }));
    fc.assert(
      fc.property(inputs, fc.option(fc.constantFrom(...DRIFT_METHODS), { nil: undefined }), ([[reference, current], bad], method) => {
        if (bad !== null) {
          const [inReference, at, value] = bad;
          const target = inReference ? reference : current;
          target[at % (target.length + 1)] = value;
        }
        try {
          expectWellFormed(compareFeature(reference, current, { method }));
        } catch (error) {
          expect(error).toBeInstanceOf(DriftInputError);
          expect((error as DriftInputError).message).toMatch(/reference|current|method|feature/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("well-formed results for every method on every valid pair", () => {
    fc.assert(
      fc.property(samplePairs, ([reference, current]) => {
        for (const method of applicableMethods(reference, current)) expectWellFormed(compareFeature(reference, current, { method }));
      }),
    );
  });
});

/** max over every observed value of |F_ref − F_cur|, the O(n·m) definition. */
function bruteForceKs(reference: number[], current: number[]): number {
  const cdf = (sample: number[], at: number) => sample.filter((value) => value <= at).length / sample.length;
  return Math.max(...[...reference, ...current].map((at) => Math.abs(cdf(reference, at) - cdf(current, at))));
}

import { describe, expect, it } from "vitest";
import { compareFeature, chooseMethod, DriftInputError } from "./index";

function errorOf(action: () => unknown): DriftInputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DriftInputError);
    return error as DriftInputError;
  }
  throw new Error("expected a DriftInputError");
}

const numbers = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5];

describe("degenerate input is refused with a DriftInputError that says what is wrong", () => {
  it.each([
    ["empty reference", [], numbers, /reference is empty/],
    ["empty current", numbers, [], /current is empty/],
    ["a sample of nulls only", [null, null], numbers, /reference is empty \(all 2 values are null\)/],
    ["NaN", [1, Number.NaN, 3], numbers, /reference\[1\] is NaN; drift needs finite numbers/],
    ["Infinity", numbers, [1, 2, Infinity], /current\[2\] is Infinity/],
    ["-Infinity", numbers, [-Infinity], /current\[0\] is -Infinity/],
    ["numbers and strings in one sample", [1, "2", 3], numbers, /mixed kinds.*reference\[0\] is a number but reference\[1\] is a string/],
    ["numbers against strings", numbers, ["a", "b"], /mixed kinds.*current\[0\] is a string/],
    ["booleans against numbers", [true, false], [1, 0], /mixed kinds/],
    ["an object", [{ value: 1 }], numbers, /reference\[0\] is an object; expected a number, a string, a boolean or null/],
    ["an array", numbers, [[1, 2]], /current\[0\] is an array/],
    ["a bigint", [BigInt(3)], numbers, /reference\[0\] is a bigint/],
    ["an absurd magnitude", [1e200], numbers, /reference\[0\] is 1e\+200; drift supports numbers up to ±1e\+150 only/],
  ])("%s", (_label, reference, current, message) => {
    expect(errorOf(() => compareFeature(reference, current)).message).toMatch(message);
    expect(errorOf(() => chooseMethod(reference, current)).message).toMatch(message);
  });

  it("a sample that is not an array", () => {
    expect(errorOf(() => compareFeature("1,2,3" as unknown as unknown[], numbers)).message).toMatch(/reference must be an array/);
  });

  it("a method that does not exist or does not fit the values", () => {
    expect(errorOf(() => compareFeature(numbers, numbers, { method: "ttest" as never })).message).toMatch(
      /unknown drift method "ttest"; expected one of ks, wasserstein, ztest, chisquare, jensenshannon, psi/,
    );
    expect(errorOf(() => compareFeature(["a", "b"], ["a"], { method: "ks" })).message).toMatch(/ks compares numbers, but this feature holds strings/);
    expect(errorOf(() => compareFeature([true], [false], { method: "wasserstein" })).message).toMatch(
      /wasserstein compares numbers, but this feature holds booleans/,
    );
    expect(errorOf(() => compareFeature(["a", "b", "c"], ["a"], { method: "ztest" })).message).toMatch(/ztest .* 3 distinct values; use chisquare/);
  });

  it.each([0, -0.1, 1.5, Number.NaN, Infinity])("p-value threshold %s", (threshold) => {
    expect(errorOf(() => compareFeature(numbers, numbers, { method: "ks", threshold })).message).toMatch(
      /threshold .* does not suit ks: expected a p-value threshold in \(0, 1\]/,
    );
  });

  it.each([0, -1, Number.NaN, Infinity])("distance threshold %s", (threshold) => {
    expect(errorOf(() => compareFeature(numbers, numbers, { method: "psi", threshold })).message).toMatch(
      /threshold .* does not suit psi: expected a positive finite distance/,
    );
  });
});

describe("missing values", () => {
  it("null and undefined are dropped before anything is computed, and not counted", () => {
    const withGaps = compareFeature([null, 1, 2, undefined, 3, 4, 5, 6], [7, null, 8, 9]);
    const without = compareFeature([1, 2, 3, 4, 5, 6], [7, 8, 9]);
    expect(withGaps).toEqual(without);
    expect(withGaps.n_ref).toBe(6);
    expect(withGaps.n_cur).toBe(3);
  });

  it("a sample may be all one kind apart from its nulls", () => {
    expect(compareFeature(["a", null, "b"], [null, "a"]).method).toBe("ztest");
  });
});

describe("a DriftInputError names the field at fault, as a comparison request writes it", () => {
  it.each([
    ["an empty sample", [], numbers, {}, "reference"],
    ["a bad value", numbers, [1, 2, Number.NaN], {}, "current[2]"],
    ["a second kind", [1, "2", 3], numbers, {}, "reference[1]"],
    ["a method that does not exist", numbers, numbers, { method: "vibes" }, "method"],
    ["a threshold the method cannot read", numbers, numbers, { method: "ks", threshold: 2 }, "threshold"],
  ])("%s", (_label, reference, current, options, path) => {
    const error = errorOf(() => compareFeature(reference, current, options as never));
    expect(error.details).toEqual([{ path, message: error.message }]);
    expect(error.kind).toBe("invalid");
  });
});

import { describe, expect, it } from "vitest";
import { chooseMethod, compareFeature, defaultThreshold, DRIFT_METHODS } from "./index";

const range = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => i + offset);
/** n values cycling through `distinct` different ones. */
const cycling = <T>(n: number, values: T[]) => Array.from({ length: n }, (_, i) => values[i % values.length]);

describe("automatic method choice (Evidently's default preset)", () => {
  it("numbers with more than 5 distinct values: ks up to 1000 reference values, wasserstein above", () => {
    expect(chooseMethod(range(1000), range(50))).toMatchObject({ kind: "numerical", method: "ks" });
    expect(chooseMethod(range(1001), range(50))).toMatchObject({ kind: "numerical", method: "wasserstein" });
  });

  it("the current sample's size does not matter, only the reference's", () => {
    expect(chooseMethod(range(10), range(50_000)).method).toBe("ks");
  });

  it("5 distinct numbers are categories, 6 are a measurement", () => {
    expect(chooseMethod(cycling(500, [1, 2, 3, 4, 5]), [1, 2])).toMatchObject({ kind: "categorical", method: "chisquare" });
    expect(chooseMethod(cycling(500, [1, 2, 3, 4, 5, 6]), [1, 2])).toMatchObject({ kind: "numerical", method: "ks" });
  });

  it("distinct values are counted over both samples together", () => {
    expect(chooseMethod(cycling(500, [1, 2, 3, 4, 5]), [6])).toMatchObject({ kind: "numerical", method: "ks" });
    expect(chooseMethod(cycling(500, ["a", "b"]), ["c"]).method).toBe("chisquare");
  });

  it("2 categories: ztest; 3: chisquare; either way jensenshannon above 1000 reference values", () => {
    expect(chooseMethod(cycling(1000, ["a", "b"]), ["a"]).method).toBe("ztest");
    expect(chooseMethod(cycling(1000, ["a", "b", "c"]), ["a"]).method).toBe("chisquare");
    expect(chooseMethod(cycling(1001, ["a", "b"]), ["a"]).method).toBe("jensenshannon");
    expect(chooseMethod(cycling(1001, ["a", "b", "c"]), ["a"]).method).toBe("jensenshannon");
  });

  it("booleans and numbers with two values are categories too", () => {
    expect(chooseMethod([true, false], [true])).toMatchObject({ kind: "categorical", method: "ztest" });
    expect(chooseMethod([0, 1, 1], [1])).toMatchObject({ kind: "categorical", method: "ztest" });
    expect(chooseMethod(cycling(5000, [0, 1, 2]), [1])).toMatchObject({ kind: "categorical", method: "jensenshannon" });
  });

  it("psi is never chosen automatically, only on request", () => {
    const result = compareFeature(range(2000), range(2000, 5), { method: "psi" });
    expect(result.method).toBe("psi");
    expect(result.reason).toBe(
      "population stability index, as requested; automatically: " +
        "numbers with 2005 distinct values and 2000 reference values, more than 1000: Wasserstein distance",
    );
  });

  it("says why in plain words", () => {
    expect(chooseMethod(range(800, 0.5), range(10)).reason).toBe(
      "numbers with 810 distinct values and 800 reference values, at most 1000: Kolmogorov–Smirnov test",
    );
    expect(chooseMethod(cycling(700, [3, 4, 5, 6]), [3]).reason).toBe(
      "numbers with only 4 distinct values, taken as categories, and 700 reference values, at most 1000: chi-square test",
    );
    expect(chooseMethod(cycling(3000, ["FR", "DE"]), ["FR"]).reason).toBe(
      "strings with 2 distinct values and 3000 reference values, more than 1000: Jensen–Shannon distance",
    );
  });
});

describe("thresholds", () => {
  it("default to 0.05 for the tests and 0.1 for the distances", () => {
    expect(Object.fromEntries(DRIFT_METHODS.map((method) => [method, defaultThreshold(method)]))).toEqual({
      ks: 0.05,
      ztest: 0.05,
      chisquare: 0.05,
      wasserstein: 0.1,
      jensenshannon: 0.1,
      psi: 0.1,
    });
  });

  it("can be overridden per call", () => {
    const reference = range(100);
    const current = range(100, 12);
    const strict = compareFeature(reference, current);
    expect(strict).toMatchObject({ method: "ks", threshold: 0.05, drifted: false });
    expect(strict.p_value).toBeGreaterThan(0.05);
    expect(compareFeature(reference, current, { threshold: 0.5 })).toMatchObject({ threshold: 0.5, drifted: true });
    expect(compareFeature(reference, current, { method: "psi" })).toMatchObject({ threshold: 0.1, p_value: null });
  });

  it("a distance drifts when it reaches the threshold, a p-value when it falls below", () => {
    const psi = compareFeature(range(100), range(100, 12), { method: "psi" }).statistic as number;
    expect(compareFeature(range(100), range(100, 12), { method: "psi", threshold: psi }).drifted).toBe(true);
    const p = compareFeature(range(100), range(100, 12)).p_value as number;
    expect(compareFeature(range(100), range(100, 12), { threshold: p }).drifted).toBe(false);
  });
});

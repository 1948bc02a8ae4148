import { describe, expect, it } from "vitest";
import { compareFeature, summarizeDrift } from "./index";

const repeat = <T>(value: T, times: number) => Array<T>(times).fill(value);

describe("categorical tests", () => {
  it("a category the reference never saw makes chisquare infinite: statistic null, p-value 0, drifted", () => {
    const result = compareFeature(["a", "b", "c", "a"], ["a", "b", "d"], { method: "chisquare" });
    expect(result).toMatchObject({ statistic: null, p_value: 0, drifted: true });
  });

  it("a category missing from the current sample is an ordinary, finite term", () => {
    const result = compareFeature([...repeat("a", 10), ...repeat("b", 10), "c"], [...repeat("a", 10), ...repeat("b", 10)], {
      method: "chisquare",
    });
    // Expected counts 200/21, 200/21 and 20/21 against 10, 10 and 0.
    expect(result.statistic).toBeCloseTo(1, 12);
    expect(result.drifted).toBe(false);
  });

  it("both samples one and the same value: statistic 0, p-value 1", () => {
    for (const method of ["ztest", "chisquare"] as const) {
      expect(compareFeature(["x", "x"], ["x"], { method })).toMatchObject({ statistic: 0, p_value: 1, drifted: false });
    }
  });

  it("two different constant samples drift", () => {
    expect(compareFeature(repeat("x", 30), repeat("y", 30))).toMatchObject({ method: "ztest", drifted: true });
  });
});

describe("model-level summary", () => {
  it("drifts when at least half the features drift, and always reports the share", () => {
    const features = (drifted: number, total: number) => Array.from({ length: total }, (_, i) => ({ drifted: i < drifted }));
    expect(summarizeDrift(features(1, 3))).toEqual({ share_drifted: 1 / 3, drifted: false });
    expect(summarizeDrift(features(2, 4))).toEqual({ share_drifted: 0.5, drifted: true });
    expect(summarizeDrift(features(3, 3))).toEqual({ share_drifted: 1, drifted: true });
  });

  it("no features: share 0, not drifted, never NaN", () => {
    expect(summarizeDrift([])).toEqual({ share_drifted: 0, drifted: false });
  });
});

import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/drift/reservoir";
import { BOOTSTRAP_RESAMPLES, bootstrapInterval, maeOf, rankByScore, rocAucOf, seedFromText, wilsonInterval } from "./index";

function normalErrors(seed: number, n: number) {
  const random = seededRandom(seed);
  const actual = Float64Array.from({ length: n }, () => 100 * random());
  const predicted = actual.map((y) => y + Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
  return { actual, predicted };
}

describe("percentile bootstrap", () => {
  it("is deterministic for a seed, and the seed matters", () => {
    const { actual, predicted } = normalErrors(3, 300);
    const mae = (weights: Float64Array) => maeOf(actual, predicted, weights);
    const once = bootstrapInterval(actual.length, mae, { seed: 42 });
    expect(bootstrapInterval(actual.length, mae, { seed: 42 })).toEqual(once);
    expect(bootstrapInterval(actual.length, mae, { seed: 43 })).not.toEqual(once);
    expect(once!.low).toBeLessThan(maeOf(actual, predicted)!);
    expect(once!.high).toBeGreaterThan(maeOf(actual, predicted)!);
  });

  it("evaluates at least 200 resamples", () => {
    let calls = 0;
    bootstrapInterval(10, () => ++calls, { seed: 1 });
    expect(BOOTSTRAP_RESAMPLES).toBeGreaterThanOrEqual(200);
    expect(calls).toBe(BOOTSTRAP_RESAMPLES);
  });

  it("covers the true value about 95 % of the time", () => {
    // MAE of standard normal errors is √(2/π). 300 datasets of 200 records each.
    const truth = Math.sqrt(2 / Math.PI);
    let covered = 0;
    const datasets = 300;
    for (let d = 0; d < datasets; d++) {
      const { actual, predicted } = normalErrors(1000 + d, 200);
      const interval = bootstrapInterval(actual.length, (w) => maeOf(actual, predicted, w), { seed: d })!;
      if (interval.low <= truth && truth <= interval.high) covered++;
    }
    // Binomial(300, 0.95) lies in [270, 295] with probability > 0.999; percentile intervals run slightly narrow.
    expect(covered / datasets).toBeGreaterThan(0.88);
    expect(covered / datasets).toBeLessThan(0.99);
  });

  it("stratified by label, every ROC AUC resample keeps both classes", () => {
    const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 3 ? 1 : 0));
    const scores = Float64Array.from({ length: 100 }, (_, i) => (i < 3 ? 0.6 + i / 10 : i / 100));
    const ranked = rankByScore(labels, scores);
    let undefinedResamples = 0;
    bootstrapInterval(
      labels.length,
      (weights) => {
        const auc = rocAucOf(ranked, weights);
        if (auc === null) undefinedResamples++;
        return auc;
      },
      { seed: 5, strata: labels },
    );
    expect(undefinedResamples).toBe(0);
  });

  it("answers null when the metric is never defined", () => {
    expect(bootstrapInterval(5, () => null, { seed: 1 })).toBeNull();
  });
});

describe("Wilson interval", () => {
  it("stays within [0, 1] and is not empty at 0 % or 100 %", () => {
    expect(wilsonInterval(0, 20)!.low).toBe(0);
    expect(wilsonInterval(0, 20)!.high).toBeGreaterThan(0.1);
    expect(wilsonInterval(20, 20)!.high).toBe(1);
    expect(wilsonInterval(20, 20)!.low).toBeLessThan(0.9);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("seedFromText", () => {
  it("is stable and spreads nearby texts", () => {
    expect(seedFromText("v3|2026-11-25T12:00:00Z")).toBe(seedFromText("v3|2026-11-25T12:00:00Z"));
    expect(seedFromText("v3|2026-11-25T12:00:00Z")).not.toBe(seedFromText("v3|2026-11-25T13:00:00Z"));
  });
});

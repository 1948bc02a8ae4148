import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/drift/reservoir";
import { accuracyOf, confusionOf, expectedConfusion, expectedRocAuc, f1Of, precisionOf, rankByScore, recallOf, rocAucOf } from "./index";

describe("CBPE on a hand-worked example", () => {
  // Calibrated probabilities 0.9, 0.6, 0.6, 0.2; the model predicted 1, 1, 0, 0.
  const p = [0.9, 0.6, 0.6, 0.2];
  const predictions = [1, 1, 0, 0];

  it("expected confusion matrix: TP = 0.9 + 0.6, FP = 0.1 + 0.4, FN = 0.6 + 0.2, TN = 0.4 + 0.8", () => {
    const matrix = expectedConfusion(p, predictions);
    expect(matrix.tp).toBeCloseTo(1.5, 15);
    expect(matrix.fp).toBeCloseTo(0.5, 15);
    expect(matrix.fn).toBeCloseTo(0.8, 15);
    expect(matrix.tn).toBeCloseTo(1.2, 15);
    expect(accuracyOf(matrix)).toBeCloseTo((1.5 + 1.2) / 4, 15);
    expect(precisionOf(matrix)).toBeCloseTo(1.5 / 2, 15);
    expect(recallOf(matrix)).toBeCloseTo(1.5 / 2.3, 15);
    expect(f1Of(matrix)).toBeCloseTo(3 / 4.3, 15);
  });

  it("expected ROC AUC: points (0,0), (0.1/1.7, 0.9/2.3), (0.9/1.7, 2.1/2.3), (1, 1) joined by trapezoids", () => {
    // Σp = 2.3, Σ(1−p) = 1.7. Distinct thresholds 0.9, 0.6 (two records), 0.2:
    // cumulative (expected negatives, expected positives) = (0.1, 0.9), (0.9, 2.1), (1.7, 2.3).
    // Area = [0.1·(0.9 + 0) + 0.8·(2.1 + 0.9) + 0.8·(2.3 + 2.1)] / 2 / (2.3 · 1.7) = 3.005 / 3.91.
    expect(expectedRocAuc(p)).toBeCloseTo(3.005 / 3.91, 14);
  });

  it("is undefined (null) when every record is certainly one class", () => {
    expect(expectedRocAuc([0, 0, 0])).toBeNull();
    expect(expectedRocAuc([1, 1])).toBeNull();
    expect(expectedRocAuc([])).toBeNull();
    expect(accuracyOf(expectedConfusion([], []))).toBeNull();
  });
});

/** Scores uniform in [0, 1], each label drawn positive with exactly its score's probability. */
function calibratedTraffic(seed: number, n: number) {
  const random = seededRandom(seed);
  const scores = Float64Array.from({ length: n }, () => random());
  const labels = Uint8Array.from(scores, (s) => (random() < s ? 1 : 0));
  const predictions = Uint8Array.from(scores, (s) => (s >= 0.5 ? 1 : 0));
  return { scores, labels, predictions };
}

describe("CBPE on perfectly calibrated traffic", () => {
  it("estimated accuracy is within sampling error of the realized accuracy", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 200, max: 5000 }), (seed, n) => {
        const { scores, labels, predictions } = calibratedTraffic(seed, n);
        const estimated = accuracyOf(expectedConfusion(scores, predictions))!;
        const realized = accuracyOf(confusionOf(labels, predictions))!;
        // Record i is right with probability max(s, 1 − s): the realized accuracy's variance given
        // the scores is Σ s(1 − s) / n². 4.5 standard deviations: a false alarm once in ~150 000 runs.
        const variance = scores.reduce((sum, s) => sum + s * (1 - s), 0) / (n * n);
        return Math.abs(estimated - realized) <= 4.5 * Math.sqrt(variance);
      }),
      { numRuns: 60 },
    );
  });

  it("estimated ROC AUC agrees with the realized one on large traffic", () => {
    const { scores, labels } = calibratedTraffic(11, 200_000);
    // For s ~ U(0, 1) and y ~ Bernoulli(s) the population AUC is 5/6 (P(s₊ > s₋) with densities 2s and 2(1 − s)).
    expect(expectedRocAuc(scores)).toBeCloseTo(5 / 6, 2);
    expect(Math.abs(expectedRocAuc(scores)! - rocAucOf(rankByScore(labels, scores))!)).toBeLessThan(0.005);
  });
});

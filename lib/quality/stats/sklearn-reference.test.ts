import { describe, expect, it } from "vitest";
import reference from "./__fixtures__/sklearn-reference.json";
import {
  accuracyOf,
  brierOf,
  calibrate,
  confusionOf,
  encodeClasses,
  f1Of,
  fitIsotonic,
  logLossOf,
  macroF1Of,
  maeOf,
  mapeOf,
  multiclassAccuracyOf,
  precisionOf,
  r2Of,
  rankByScore,
  recallOf,
  rmseOf,
  rocAucOf,
  wilsonInterval,
} from "./index";

/** Within 1e-9, relative for values above 1 (MAPE with a true 0 is ~1e15), and null only where null is expected. */
function agrees(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

function expectAgreement(name: string, actual: Record<string, number | null>, expected: Record<string, number | null>) {
  for (const [metric, value] of Object.entries(expected)) {
    expect(agrees(actual[metric], value), `${name}: ${metric} = ${actual[metric]}, reference ${value}`).toBe(true);
  }
}

// The reference values come from a line-by-line standard-library port of scikit-learn (see
// __fixtures__/README.md), regenerated with __fixtures__/make_fixture.py.
describe(`quality metrics against ${reference.generated_with}`, () => {
  it("binary: roc_auc, accuracy, precision, recall, f1, log_loss, brier", () => {
    for (const { name, y_true, y_pred, score, expected } of reference.binary) {
      const matrix = confusionOf(y_true, y_pred);
      const actual = {
        roc_auc: rocAucOf(rankByScore(y_true, score)),
        accuracy: accuracyOf(matrix),
        precision: precisionOf(matrix),
        recall: recallOf(matrix),
        f1: f1Of(matrix),
        log_loss: logLossOf(y_true, score),
        brier: brierOf(y_true, score),
      };
      expectAgreement(name, actual, expected);
    }
  });

  it("binary cases cover ties, one class, all correct and all wrong", () => {
    const names = reference.binary.map((c) => c.name);
    for (const wanted of ["ties across the classes", "only negatives", "only positives", "all correct", "all wrong"]) {
      expect(names).toContain(wanted);
    }
    expect(reference.binary.filter((c) => c.expected.roc_auc === null).length).toBeGreaterThanOrEqual(3);
  });

  it("multiclass: accuracy and macro F1 over the union of labels and predictions", () => {
    for (const { name, y_true, y_pred, expected } of reference.multiclass) {
      const encoded = encodeClasses(y_true, y_pred);
      expectAgreement(name, { accuracy: multiclassAccuracyOf(encoded), macro_f1: macroF1Of(encoded) }, expected);
    }
  });

  it("regression: mae, rmse, mape (with scikit-learn's epsilon), r2 (constant y_true, one record)", () => {
    for (const { name, y_true, y_pred, expected } of reference.regression) {
      const actual = { mae: maeOf(y_true, y_pred), rmse: rmseOf(y_true, y_pred), mape: mapeOf(y_true, y_pred), r2: r2Of(y_true, y_pred) };
      expectAgreement(name, actual, expected);
    }
  });

  it("Wilson score intervals as statsmodels' proportion_confint(method='wilson')", () => {
    for (const { successes, n, low, high } of reference.wilson) {
      const interval = wilsonInterval(successes, n);
      expect(agrees(interval!.low, low) && agrees(interval!.high, high), `${successes}/${n}: ${JSON.stringify(interval)} vs ${low}, ${high}`).toBe(true);
    }
  });

  it("isotonic calibration as IsotonicRegression(y_min=0, y_max=1, out_of_bounds='clip')", () => {
    for (const { name, x, y, queries, expected } of reference.isotonic) {
      const calibration = fitIsotonic(x, y);
      queries.forEach((score, i) => {
        const actual = calibrate(calibration, score);
        expect(agrees(actual, expected[i]), `${name}: f(${score}) = ${actual}, reference ${expected[i]}`).toBe(true);
      });
    }
  });
});

describe("undefined cases answer null, never NaN", () => {
  it("no records", () => {
    const none = confusionOf([], []);
    for (const value of [accuracyOf(none), precisionOf(none), recallOf(none), f1Of(none)]) expect(value).toBeNull();
    expect(rocAucOf(rankByScore([], []))).toBeNull();
    expect(logLossOf([], [])).toBeNull();
    expect(brierOf([], [])).toBeNull();
    expect(macroF1Of(encodeClasses([], []))).toBeNull();
    expect(multiclassAccuracyOf(encodeClasses([], []))).toBeNull();
    for (const metric of [maeOf, rmseOf, mapeOf, r2Of]) expect(metric([], [])).toBeNull();
  });

  it("records that all carry weight 0 count as none", () => {
    expect(r2Of([1, 2, 3], [1, 2, 4], [0, 0, 0])).toBeNull();
    expect(maeOf([1, 2], [2, 3], [0, 0])).toBeNull();
  });
});

describe("r2 of a constant y_true", () => {
  it("is 0 for any error even when the mean of the values is not exact in floating point", () => {
    // 0.1 + 0.1 + 0.1 = 0.30000000000000004: a mean-based test would see a tiny spread and answer ≈ −1e31.
    expect(r2Of([0.1, 0.1, 0.1], [0, 0.1, 0.2])).toBe(0);
    expect(r2Of([0.1, 0.1, 0.1], [0.1, 0.1, 0.1])).toBe(1);
  });
});

describe("weights are multiplicities", () => {
  it("weighting a record k times equals repeating it k times", () => {
    const labels = [1, 0, 1, 0, 1];
    const scores = [0.9, 0.4, 0.4, 0.2, 0.7];
    const weights = [2, 0, 1, 3, 1];
    const repeatedLabels = labels.flatMap((label, i) => Array<number>(weights[i]).fill(label));
    const repeatedScores = scores.flatMap((score, i) => Array<number>(weights[i]).fill(score));
    expect(rocAucOf(rankByScore(labels, scores), weights)).toBe(rocAucOf(rankByScore(repeatedLabels, repeatedScores)));
    expect(logLossOf(labels, scores, weights)).toBeCloseTo(logLossOf(repeatedLabels, repeatedScores)!, 15);
    expect(r2Of(scores, labels, weights)).toBeCloseTo(r2Of(repeatedScores, repeatedLabels)!, 14);
  });
});

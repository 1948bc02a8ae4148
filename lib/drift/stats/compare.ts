import { histogram } from "./binning";
import { chiSquareTest, twoProportionZTest } from "./categorical";
import { chooseMethodFor, MAX_ZTEST_CATEGORIES, METHOD_NAMES } from "./choose";
import { DriftInputError } from "./errors";
import { categoryCounts, readCategoryCounts, readFeature, sampleSizes, type Feature, type NumericFeature } from "./feature";
import { jensenShannonDistance } from "./jensenshannon";
import { ksTwoSample } from "./ks";
import { populationStabilityIndex } from "./psi";
import { DRIFT_METHODS, type CompareOptions, type DriftMethod, type DriftResult } from "./types";
import { normalizedWasserstein } from "./wasserstein";

interface Measurement {
  statistic: number | null;
  pValue: number | null;
}

interface MethodSpec {
  /** Tests drift when the p-value falls below the threshold; distances when the statistic reaches it. */
  verdictBy: "p_value" | "statistic";
  defaultThreshold: number;
  /** Throws DriftInputError when the method does not fit the feature's values. */
  measure(feature: Feature): Measurement;
}

const P_VALUE_THRESHOLD = 0.05;
const DISTANCE_THRESHOLD = 0.1;

const METHODS: Record<DriftMethod, MethodSpec> = {
  ks: {
    verdictBy: "p_value",
    defaultThreshold: P_VALUE_THRESHOLD,
    measure(feature) {
      const { reference, current } = numbersOf(feature, "ks");
      return ksTwoSample(reference, current);
    },
  },
  wasserstein: {
    verdictBy: "statistic",
    defaultThreshold: DISTANCE_THRESHOLD,
    measure(feature) {
      const { reference, current } = numbersOf(feature, "wasserstein");
      return { statistic: normalizedWasserstein(reference, current), pValue: null };
    },
  },
  ztest: {
    verdictBy: "p_value",
    defaultThreshold: P_VALUE_THRESHOLD,
    measure(feature) {
      if (feature.distinct > MAX_ZTEST_CATEGORIES) {
        throw new DriftInputError(
          "method",
          `ztest compares the share of one of two values, but this feature has ${feature.distinct} distinct values; use chisquare`,
        );
      }
      return twoProportionZTest(categoryCounts(feature));
    },
  },
  chisquare: {
    verdictBy: "p_value",
    defaultThreshold: P_VALUE_THRESHOLD,
    measure: (feature) => chiSquareTest(categoryCounts(feature)),
  },
  jensenshannon: {
    verdictBy: "statistic",
    defaultThreshold: DISTANCE_THRESHOLD,
    measure: (feature) => ({ statistic: jensenShannonDistance(histogram(feature)), pValue: null }),
  },
  psi: {
    verdictBy: "statistic",
    defaultThreshold: DISTANCE_THRESHOLD,
    measure: (feature) => ({ statistic: populationStabilityIndex(histogram(feature)), pValue: null }),
  },
};

/** Tests read their threshold as a p-value in (0, 1]; distances as a positive statistic. */
export function isPValueMethod(method: DriftMethod): boolean {
  return METHODS[method].verdictBy === "p_value";
}

export function defaultThreshold(method: DriftMethod): number {
  return METHODS[method].defaultThreshold;
}

/**
 * Compares one feature's current sample with its reference sample. null and undefined values
 * are dropped as missing before anything else (n_ref and n_cur count what is left). Throws
 * DriftInputError for input no statistic can be computed from.
 */
export function compareFeature(reference: unknown[], current: unknown[], opts: CompareOptions = {}): DriftResult {
  const requested = checkedMethod(opts.method);
  return compareRead(readFeature(reference, current), requested, opts.threshold);
}

/**
 * The same comparison for categories given as exact counts (value → occurrences), so that a
 * month of traffic costs one entry per category rather than one array slot per observation.
 * Agrees with compareFeature on the expanded arrays.
 */
export function compareCategoryCounts(
  reference: ReadonlyMap<string | boolean, number>,
  current: ReadonlyMap<string | boolean, number>,
  opts: CompareOptions = {},
): DriftResult {
  const requested = checkedMethod(opts.method);
  return compareRead(readCategoryCounts(reference, current), requested, opts.threshold);
}

function compareRead(feature: Feature, requested: DriftMethod | undefined, requestedThreshold: unknown): DriftResult {
  const automatic = chooseMethodFor(feature);
  const method = requested ?? automatic.method;
  const spec = METHODS[method];
  const threshold = checkedThreshold(requestedThreshold, method);
  const { statistic, pValue } = spec.measure(feature);
  assertNumbers(method, statistic, pValue);
  const drifted = spec.verdictBy === "p_value" ? pValue !== null && pValue < threshold : statistic !== null && statistic >= threshold;
  const { nRef, nCur } = sampleSizes(feature);
  const reason = requested === undefined ? automatic.reason : `${METHOD_NAMES[method]}, as requested; automatically: ${automatic.reason}`;
  return { kind: automatic.kind, method, statistic, p_value: pValue, threshold, drifted, n_ref: nRef, n_cur: nCur, reason };
}

function numbersOf(feature: Feature, method: DriftMethod): NumericFeature {
  if (feature.valueKind !== "number") {
    throw new DriftInputError("method", `${method} compares numbers, but this feature holds ${feature.valueKind}s`);
  }
  return feature;
}

function checkedMethod(method: unknown): DriftMethod | undefined {
  if (method === undefined) return undefined;
  if (!DRIFT_METHODS.includes(method as DriftMethod)) {
    throw new DriftInputError("method", `unknown drift method ${JSON.stringify(method)}; expected one of ${DRIFT_METHODS.join(", ")}`);
  }
  return method as DriftMethod;
}

function checkedThreshold(threshold: unknown, method: DriftMethod): number {
  const spec = METHODS[method];
  if (threshold === undefined) return spec.defaultThreshold;
  const isPValue = spec.verdictBy === "p_value";
  const valid = typeof threshold === "number" && Number.isFinite(threshold) && threshold > 0 && (!isPValue || threshold <= 1);
  if (!valid) {
    const expected = isPValue ? "a p-value threshold in (0, 1]" : "a positive finite distance";
    throw new DriftInputError("threshold", `threshold ${String(threshold)} does not suit ${method}: expected ${expected}`);
  }
  return threshold as number;
}

/** The statistics are built never to produce NaN; if one ever did, failing loudly beats storing it. */
function assertNumbers(method: DriftMethod, statistic: number | null, pValue: number | null): void {
  if (Number.isNaN(statistic) || Number.isNaN(pValue)) throw new Error(`drift method ${method} produced NaN`);
}

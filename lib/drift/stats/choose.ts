import { readFeature, featureKind, sampleSizes, type Feature } from "./feature";
import type { DriftMethod, MethodChoice } from "./types";

/** Evidently's default preset switches from tests to distances above this many reference values. */
const MAX_SMALL_REFERENCE = 1000;
/** Up to this many categories a two-proportion z-test applies; beyond it, chi-square. */
export const MAX_ZTEST_CATEGORIES = 2;

export const METHOD_NAMES: Record<DriftMethod, string> = {
  ks: "Kolmogorov–Smirnov test",
  wasserstein: "Wasserstein distance",
  ztest: "two-proportion z-test",
  chisquare: "chi-square test",
  jensenshannon: "Jensen–Shannon distance",
  psi: "population stability index",
};

/**
 * The method Evidently's default data-drift preset would use. Small references get a
 * statistical test, which is well calibrated there; large ones get a distance, because
 * with thousands of values every test flags differences too small to matter.
 */
export function chooseMethod(reference: unknown[], current: unknown[]): MethodChoice {
  return chooseMethodFor(readFeature(reference, current));
}

export function chooseMethodFor(feature: Feature): MethodChoice {
  const kind = featureKind(feature);
  const { nRef } = sampleSizes(feature);
  const small = nRef <= MAX_SMALL_REFERENCE;
  let method: DriftMethod;
  if (kind === "numerical") method = small ? "ks" : "wasserstein";
  else if (!small) method = "jensenshannon";
  else method = feature.distinct <= MAX_ZTEST_CATEGORIES ? "ztest" : "chisquare";
  const size = `${nRef} reference values, ${small ? "at most" : "more than"} ${MAX_SMALL_REFERENCE}`;
  return { kind, method, reason: `${describeValues(feature)} and ${size}: ${METHOD_NAMES[method]}` };
}

function describeValues(feature: Feature): string {
  const distinct = `${feature.distinct} distinct value${feature.distinct === 1 ? "" : "s"}`;
  if (feature.valueKind !== "number") return `${feature.valueKind}s with ${distinct}`;
  if (featureKind(feature) === "categorical") return `numbers with only ${distinct}, taken as categories,`;
  return `numbers with ${distinct}`;
}

/**
 * Drift statistics: pure functions, no I/O, safe on server and client alike.
 * See README.md in this folder for which method is chosen when, and why.
 */
export { chooseMethod } from "./choose";
export { compareCategoryCounts, compareFeature, defaultThreshold, isPValueMethod } from "./compare";
export { DriftInputError } from "./errors";
export { summarizeDrift, DRIFT_SHARE } from "./summary";
export { DRIFT_METHODS } from "./types";
export type { CompareOptions, DriftMethod, DriftResult, DriftSummary, FeatureKind, FeatureValue, MethodChoice } from "./types";

/**
 * Quality statistics: pure functions, no I/O, safe on server and client alike. Realized metrics
 * equal scikit-learn's; see README.md in this folder for the definitions and edge cases.
 */
export { accuracyOf, brierOf, confusionOf, f1Of, logLossOf, precisionOf, rankByScore, recallOf, rocAucOf, rocAucOfDraws } from "./binary";
export type { Confusion, RankedScores } from "./binary";
export { expectedConfusion, expectedRocAuc } from "./cbpe";
export { BOOTSTRAP_RESAMPLES, bootstrapInterval, bootstrapOfDraws, seedFromText, wilsonInterval } from "./intervals";
export type { Interval } from "./intervals";
export { calibrate, fitIsotonic } from "./isotonic";
export type { IsotonicCalibration } from "./isotonic";
export { encodeClasses, macroF1Of, multiclassAccuracyOf } from "./multiclass";
export type { ClassValue, EncodedClasses } from "./multiclass";
export { maeOf, mapeOf, r2Of, rmseOf } from "./regression";

/**
 * The contract's agreement with SciPy: within 1e-6 relative, or 1e-6 absolute for values below
 * 1e-6. Statistics may be null (chisquare with an unseen category), which must match exactly.
 */
export function agreesWithScipy(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  const error = Math.abs(actual - expected);
  return Math.abs(expected) < 1e-6 ? error <= 1e-6 : error <= 1e-6 * Math.abs(expected);
}

/** Tighter: relative 1e-8 for every normal double, so tiny tail p-values are checked digit for digit too. */
export function agreesClosely(actual: number, expected: number): boolean {
  if (Math.abs(expected) < 1e-300) return Math.abs(actual - expected) <= 1e-300;
  return Math.abs(actual - expected) <= 1e-8 * Math.abs(expected);
}

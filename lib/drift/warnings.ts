import type { DriftResult } from "@/lib/drift/stats/types";

/** Below this many current values a verdict is too noisy to act on. */
export const MIN_CURRENT_SAMPLE = 30;
/** From this many values on, a test calls every difference significant, however small. */
export const HUGE_SAMPLE = 10_000;

/** What a reader must know before trusting a result, in plain words. */
export function driftWarnings(result: Pick<DriftResult, "n_ref" | "n_cur" | "p_value">): string[] {
  const warnings: string[] = [];
  if (result.n_cur < MIN_CURRENT_SAMPLE) {
    warnings.push(`Only ${result.n_cur} current value${result.n_cur === 1 ? "" : "s"}: fewer than ${MIN_CURRENT_SAMPLE} is too few to judge drift.`);
  }
  if (result.p_value !== null && Math.max(result.n_ref, result.n_cur) >= HUGE_SAMPLE) {
    warnings.push(
      `The p-value means little here: with ${Math.max(result.n_ref, result.n_cur).toLocaleString("en")} values a test finds even negligible differences significant. Judge the size of the change from the distributions, or use a distance (wasserstein, jensenshannon).`,
    );
  }
  return warnings;
}

/**
 * How far a result is towards drift, for colour: 1 at the threshold. Distances: statistic ÷
 * threshold. Tests: log p ÷ log threshold, so p = threshold gives 1 and p = 1 gives 0.
 */
export function severity(result: Pick<DriftResult, "statistic" | "p_value" | "threshold" | "drifted">): number {
  if (result.p_value !== null) {
    const scale = Math.log(result.threshold);
    if (result.p_value <= 0 || scale === 0) return result.drifted ? 10 : 0;
    return Math.min(10, Math.log(result.p_value) / scale);
  }
  if (result.statistic === null) return result.drifted ? 10 : 0;
  return Math.min(10, result.statistic / result.threshold);
}

import type { DriftSummary } from "./types";

/** Evidently's drift_share: the model drifts when at least half of its features do. */
export const DRIFT_SHARE = 0.5;

/** A model-level verdict from its features' results. No features: share 0, not drifted. */
export function summarizeDrift(results: readonly { drifted: boolean }[]): DriftSummary {
  if (results.length === 0) return { share_drifted: 0, drifted: false };
  const share = results.filter((result) => result.drifted).length / results.length;
  return { share_drifted: share, drifted: share >= DRIFT_SHARE };
}

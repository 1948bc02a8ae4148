/** A tuple, so request schemas can enumerate it (e.g. z.enum(DRIFT_METHODS)). */
export const DRIFT_METHODS = ["ks", "wasserstein", "ztest", "chisquare", "jensenshannon", "psi"] as const;

export type DriftMethod = (typeof DRIFT_METHODS)[number];

/** A single observation of a feature; `null`/`undefined` are accepted by the API and dropped as missing. */
export type FeatureValue = number | string | boolean;

/** "numerical": numbers with more than 5 distinct values; everything else is "categorical". */
export type FeatureKind = "numerical" | "categorical";

export interface DriftResult {
  kind: FeatureKind;
  method: DriftMethod;
  /** null only for chisquare when the current sample has a category the reference never saw (infinite statistic). */
  statistic: number | null;
  /** null for the distance methods (wasserstein, jensenshannon, psi). */
  p_value: number | null;
  threshold: number;
  drifted: boolean;
  /** Sample sizes after dropping missing values. */
  n_ref: number;
  n_cur: number;
  /** Why this method was used, in plain words. */
  reason: string;
}

export interface CompareOptions {
  method?: DriftMethod;
  threshold?: number;
}

export interface MethodChoice {
  kind: FeatureKind;
  method: DriftMethod;
  reason: string;
}

export interface DriftSummary {
  share_drifted: number;
  drifted: boolean;
}

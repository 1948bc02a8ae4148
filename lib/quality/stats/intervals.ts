/**
 * 95 % intervals around a realized metric: the Wilson score interval for proportions (accuracy,
 * precision, recall), a seeded percentile bootstrap for everything else.
 */
import { quantileOfSorted } from "@/lib/drift/stats/binning";
import { seededRandom } from "@/lib/drift/reservoir";

export interface Interval {
  low: number;
  high: number;
}

/** The standard normal's 97.5th percentile, scipy.stats.norm.isf(0.025). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for `successes` out of `n` (statsmodels' proportion_confint(method=
 * "wilson")): unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and is not zero-width at 0 % or
 * 100 %, which matters for the small labeled buckets late labels leave. Null when n is 0.
 */
export function wilsonInterval(successes: number, n: number): Interval | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

export const BOOTSTRAP_RESAMPLES = 200;

export interface BootstrapOptions {
  /** The same seed gives the same interval: an answer does not change between two page loads. */
  seed: number;
  /**
   * Resample within each stratum (e.g. the label, for ROC AUC), keeping its size, so that no
   * resample loses a class and every resample's metric is defined (pROC's default for AUC).
   */
  strata?: ArrayLike<number>;
  resamples?: number;
}

/**
 * Percentile bootstrap: draw the n records with replacement `resamples` times, evaluate the metric
 * on each draw (as weights: how many times each record was drawn) and take the 2.5th and 97.5th
 * percentiles (numpy's linear interpolation) of the results. Resamples where the metric is
 * undefined are left out; null when none is defined.
 */
export function bootstrapInterval(n: number, statistic: (weights: Float64Array) => number | null, options: BootstrapOptions): Interval | null {
  const weights = new Float64Array(n);
  return bootstrapOfDraws(
    n,
    {
      start: () => weights.fill(0),
      add: (index) => weights[index]++,
      finish: () => statistic(weights),
    },
    options,
  );
}

/** A statistic that takes a resample one drawn record at a time. */
export interface DrawnStatistic {
  /** Before each resample: forget the last one. */
  start(): void;
  /** Record `index` was drawn (once more). */
  add(index: number): void;
  /** The statistic of the records drawn since `start`. */
  finish(): number | null;
}

/**
 * The same bootstrap as `bootstrapInterval` (same seed, same draws, same interval), for a statistic
 * that folds each draw into counts of its own, e.g. ROC AUC's per-score counts, instead of reading
 * a weight for every record after each resample: a large bucket then costs the draws alone.
 */
export function bootstrapOfDraws(n: number, statistic: DrawnStatistic, { seed, strata, resamples = BOOTSTRAP_RESAMPLES }: BootstrapOptions): Interval | null {
  const random = seededRandom(seed);
  const groups = strataOf(n, strata);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    statistic.start();
    for (const group of groups) {
      for (let k = 0; k < group.length; k++) statistic.add(group[Math.floor(random() * group.length)]);
    }
    const value = statistic.finish();
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { low: quantileOfSorted(values, 0.025), high: quantileOfSorted(values, 0.975) };
}

function strataOf(n: number, strata: ArrayLike<number> | undefined): Uint32Array[] {
  if (strata === undefined) return [Uint32Array.from({ length: n }, (_, i) => i)];
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const group = members.get(strata[i]);
    if (group) group.push(i);
    else members.set(strata[i], [i]);
  }
  return [...members.values()].map((group) => Uint32Array.from(group));
}

/** A 32-bit seed from text (FNV-1a), e.g. from the version and the bucket's start. */
export function seedFromText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

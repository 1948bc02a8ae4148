import { clamp01, roundHalfEven } from "./float";
import { kolmogorovSf } from "./kolmogorov";
import { forEachDistinct } from "./sorted";

/** SciPy's MAX_AUTO_N: ks_2samp(method="auto") is exact while both samples are at most this big. */
export const MAX_EXACT_N = 10_000;

/**
 * The most lattice cells the exact p-value for unequal sizes may walk (~50 ms). It walks
 * m · (2h/(m/g) + 1) cells, about 2·d·m·n: a large statistic on large samples. Past this budget
 * the one-sample distribution is used instead. With both samples at most MAX_EXACT_N, a statistic
 * that needs more cells has n_eff·d² > budget² / (4·m·n·(m+n)) ≥ 12.5, so both p-values are
 * below 1e-10 and agree with SciPy's exact one to far better than 1e-6 absolute.
 */
export const MAX_EXACT_CELLS = 10_000_000;

export interface KsResult {
  statistic: number;
  pValue: number;
}

/** Two-sided two-sample Kolmogorov–Smirnov test on ascending samples, as scipy.stats.ks_2samp(method="auto"). */
export function ksTwoSample(reference: Float64Array, current: Float64Array): KsResult {
  return ksTwoSidedPValue(reference.length, current.length, ksStatistic(reference, current));
}

/** The largest gap between the two empirical CDFs, read at every distinct value (ties included). */
function ksStatistic(a: Float64Array, b: Float64Array): number {
  let inA = 0;
  let inB = 0;
  let maxDiff = 0;
  let minDiff = 0;
  forEachDistinct(a, b, (_value, countA, countB) => {
    inA += countA;
    inB += countB;
    // Same operations as SciPy (cdf1 − cdf2 of the two quotients), so that d rounds identically.
    const diff = inA / a.length - inB / b.length;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  });
  return Math.max(Math.min(-minDiff, 1), maxDiff);
}

/**
 * The p-value of statistic d for sample sizes n1, n2, following ks_2samp's "auto" rules:
 * exact while max(n1, n2) ≤ 10 000 (the statistic is then snapped to the lattice h/lcm
 * it must lie on, as SciPy reports it), otherwise — or if the exact computation leaves
 * [0, 1] — the one-sample distribution at n = round(n1·n2/(n1+n2)).
 */
export function ksTwoSidedPValue(n1: number, n2: number, d: number): KsResult {
  let statistic = d;
  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    statistic = h / lcm;
    if (h === 0) return { statistic, pValue: 1 };
    if (n1 === n2 || bandCells(n1, n2, g, h) <= MAX_EXACT_CELLS) {
      const exact = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
      if (exact >= 0 && exact <= 1) return { statistic, pValue: exact };
    }
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const effectiveN = roundHalfEven((m * n) / (m + n));
  return { statistic, pValue: clamp01(kolmogorovSf(effectiveN, statistic)) };
}

/**
 * Exact P(D ≥ h/n) for two samples of equal size n (SciPy's _compute_prob_outside_square):
 * the reflection-principle sum 2·Σ (−1)^(k−1) C(2n, n−kh)/C(2n, n), written as nested
 * products 2·A₀(1 − A₁(1 − A₂(…))) so no alternating terms are ever subtracted.
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/** How many cells probabilityOutsideBand walks: m columns of at most 2h/(m/g) + 2 cells each. */
export function bandCells(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  return m * Math.min(n + 1, 2 * Math.ceil(h / (m / g)) + 2);
}

/**
 * Exact P(D ≥ h/lcm) for sizes m ≠ n (SciPy's _compute_outer_prob_inside_method): walks the
 * lattice paths from (0,0) to (m,n) column by column, keeping only the band of cells with
 * |x/m − y/n| < h/lcm, and carries 1 − (share of paths inside) directly, as Viehmann (2021)
 * suggests, so the answer keeps its digits when it is tiny. O(m · band width) time, O(n) memory.
 */
function probabilityOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const column = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  column.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = (column[jj + minJ - lastMinJ] * i + value * j) / (i + j);
      column[jj] = value;
    }
    currentLength = maxJ - minJ;
    if (lastLength > currentLength) column.fill(1, maxJ - minJ, maxJ - minJ + (lastLength - currentLength));
  }
  return column[maxJ - minJ - 1];
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

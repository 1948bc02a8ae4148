import { clamp01 } from "./float";

/** Beyond this n SciPy's smirnov stops summing and uses an asymptotic formula; so do we. */
const MAX_SUMMED_N = 1_000_000;

/**
 * P(D⁺_n > x) for the one-sided one-sample Kolmogorov–Smirnov statistic (scipy.special.smirnov),
 * 0 < x < 1, by the Smirnov / Birnbaum–Tingey sum
 *   x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v).
 * Every term is positive, so the sum keeps its relative accuracy however small it gets;
 * terms are formed in log space because C(n, v) alone overflows long before n = 10⁴.
 */
export function smirnovSf(n: number, x: number): number {
  if (n === 1) return 1 - x;
  if (n > MAX_SUMMED_N) {
    const logP = -((6 * n * x + 1) ** 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }
  const lastV = Math.floor(n * (1 - x));
  const logX = Math.log(x);
  let logBinomial = 0;
  let total = 0;
  for (let v = 0; v <= lastV; v++) {
    const remaining = (n - v) / n - x;
    const term = remaining > 0 ? Math.exp(logBinomial + logX + (v - 1) * Math.log(x + v / n) + (n - v) * Math.log(remaining)) : 0;
    total += term;
    // Past the peak the terms only shrink: stop once the rest cannot reach the last bit.
    if (term !== 0 && 4 * (lastV - v) * term < Number.EPSILON * total) break;
    if (term === 0 && v > n / 2) break;
    logBinomial += Math.log((n - v) / (v + 1));
  }
  return clamp01(total);
}

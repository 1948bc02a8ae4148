import { clamp01 } from "./float";
import { durbinCdf } from "./kolmogorov-durbin";
import { pelzGoodCdf } from "./kolmogorov-pelz-good";
import { pomeranzCdf } from "./kolmogorov-pomeranz";
import { smirnovSf } from "./smirnov";

/**
 * P(D_n > x) for the two-sided one-sample Kolmogorov–Smirnov statistic with n an integer
 * ≥ 1: scipy.stats.kstwo.sf, which ks_2samp's asymptotic mode evaluates at n = round(mn/(m+n)).
 * Simard & L'Ecuyer's (2011) choice of algorithm per region, with SciPy's cut-offs, so
 * that each region gets the same method, and therefore the same digits, as SciPy.
 */
export function kolmogorovSf(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) return clamp01(1 - rubenGambinoLowerCdf(n, t));
  if (t >= n - 1) return clamp01(2 * (1 - x) ** n);
  // From x = 0.5 on, D⁺ > x and D⁻ > x cannot both happen, so the two tails just add.
  if (x >= 0.5) return clamp01(2 * smirnovSf(n, x));

  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clamp01(1 - durbinCdf(n, x));
    if (nx2 <= 4) return clamp01(1 - pomeranzCdf(n, x));
    // Miller's approximation: the overlap of the two tails is negligible here.
    return clamp01(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clamp01(2 * smirnovSf(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
  return clamp01(1 - cdf);
}

/** Ruben & Gambino: for 1/2n < x ≤ 1/n, P(D_n ≤ x) = n!/nⁿ · (2nx − 1)ⁿ. */
function rubenGambinoLowerCdf(n: number, t: number): number {
  if (t <= 0.5) return 0;
  if (n <= 140) {
    let product = 1;
    for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
    return product;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

// B_2j / (2j (2j−1)) for j = 8…1, highest order first.
const STIRLING_COEFFICIENTS = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
  -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

/** ln(n!/nⁿ) by Stirling's series, with n·ln n removed up front to avoid cancellation. */
function logFactorialOverPower(n: number): number {
  const inverse = 1 / n;
  let series = 0;
  for (const c of STIRLING_COEFFICIENTS) series = series * (inverse / n) + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + inverse * series;
}

import { clamp01, ldexp } from "./float";

const SCALE_EXPONENT = 128;
const SCALE = 2 ** SCALE_EXPONENT;

/**
 * P(D_n ≤ x) for the two-sided one-sample Kolmogorov–Smirnov statistic by Pomeranz's
 * recursion (1974): 2n+1 rows, each the convolution of the previous one with Poisson-like
 * weights; only a short band of each row is non-zero. Follows SciPy's _kolmogn_Pomeranz.
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilF = f > 0 ? 1 : 0;
  const roundF = f > 0.5 ? 1 : 0;
  const band = 2 * (ll + 1);
  // (c/n)^j / j! for c = g, 2g and 1 − 2g: Poisson weights without their normalising factor.
  const gPowers = scaledPowers(g / n, band);
  const twoGPowers = scaledPowers((2 * g) / n, band);
  const oneMinusTwoGPowers = scaledPowers((1 - 2 * g) / n, band);

  let previous = new Float64Array(band);
  let row = new Float64Array(band);
  row[0] = 1;
  let previousStart = 0;
  let rowStart = 0;
  let exponent = 0;
  let [j1] = bandLimits(0, n, ll, ceilF, roundF);
  for (let i = 1; i <= 2 * n + 1; i++) {
    const k1 = j1;
    [previous, row] = [row, previous];
    [previousStart, rowStart] = [rowStart, previousStart];
    row.fill(0);
    let j2: number;
    [j1, j2] = bandLimits(i, n, ll, ceilF, roundF);
    const weights = i === 1 || i === 2 * n + 1 ? gPowers : i % 2 === 1 ? twoGPowers : oneMinusTwoGPowers;
    const span = j2 - k1 + 1;
    if (span > 0) {
      convolveInto(row, previous, k1 - previousStart, weights, span, j1 - k1, j2 - j1 + 1);
      const largest = Math.max(...row);
      if (largest > 0 && largest < 1 / SCALE) {
        for (let j = 0; j < row.length; j++) row[j] *= SCALE;
        exponent -= SCALE_EXPONENT;
      }
      rowStart = previousStart + j1 - k1;
    }
  }

  let answer = row[n - rowStart];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE) {
      answer /= SCALE;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return clamp01(ldexp(answer, exponent));
}

function scaledPowers(base: number, count: number): Float64Array {
  const powers = new Float64Array(count);
  powers[0] = 1;
  for (let m = 1; m < count; m++) powers[m] = (powers[m - 1] * base) / m;
  return powers;
}

/** The non-zero band [j1, j2] of row i. */
function bandLimits(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1;
        j2 = n + ll + ceilF - 1;
      } else {
        j1 = half - 1 - ll - roundF - 1;
        j2 = half + ll - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * Writes entries [from, from + count) of the full convolution of
 * source[offset, offset + span) with weights[0, span) into target[0, count).
 */
function convolveInto(target: Float64Array, source: Float64Array, offset: number, weights: Float64Array, span: number, from: number, count: number): void {
  const sourceLength = Math.min(span, source.length - offset);
  const weightLength = Math.min(span, weights.length);
  for (let out = 0; out < count; out++) {
    const lag = from + out;
    let total = 0;
    const first = Math.max(0, lag - weightLength + 1);
    const last = Math.min(lag, sourceLength - 1);
    for (let s = first; s <= last; s++) total += source[offset + s] * weights[lag - s];
    target[out] = total;
  }
}

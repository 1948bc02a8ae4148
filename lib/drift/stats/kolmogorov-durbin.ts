import { clamp01, ldexp } from "./float";

// Intermediate powers are rescaled by 2^±128 and the exponent is carried separately.
const SCALE_EXPONENT = 128;
const SCALE = 2 ** SCALE_EXPONENT;

/**
 * P(D_n ≤ d) for the two-sided one-sample Kolmogorov–Smirnov statistic, by Durbin's
 * matrix method as Marsaglia, Tsang & Wang (2003) evaluate it: the k-th diagonal entry
 * of Hⁿ·n!/nⁿ for an m×m matrix H, m = 2⌈nd⌉ − 1. Exact, and cheap while nd is small.
 * Follows SciPy's _kolmogn_DMTW.
 */
export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  let matrix = durbinMatrix(h, m);
  let power = identity(m);
  let powerExponent = 0;
  let matrixExponent = 0;
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      power = multiply(power, matrix, m);
      powerExponent += matrixExponent;
    }
    matrix = multiply(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[(k - 1) * m + (k - 1)]) > SCALE) {
      for (let i = 0; i < matrix.length; i++) matrix[i] /= SCALE;
      matrixExponent += SCALE_EXPONENT;
    }
  }

  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / SCALE) {
      p *= SCALE;
      powerExponent -= SCALE_EXPONENT;
    }
  }
  return clamp01(ldexp(p, powerExponent));
}

/** Durbin's H for d = (k − h)/n: 1/(i−j+1)! inside, first column and last row (1 − hⁱ)/i!. */
function durbinMatrix(h: number, m: number): Float64Array {
  const edge = new Float64Array(m);
  const inverseFactorials = new Float64Array(m);
  let inverseFactorial = 1;
  for (let j = 1; j <= m; j++) {
    inverseFactorials[j - 1] = inverseFactorial;
    inverseFactorial /= j;
    edge[j - 1] = (1 - h ** j) * inverseFactorial;
  }
  const correction = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  edge[m - 1] = (1 + correction) * inverseFactorial;

  const matrix = new Float64Array(m * m);
  for (let column = 1; column < m; column++) {
    for (let row = column - 1; row < m; row++) matrix[row * m + column] = inverseFactorials[row - column + 1];
  }
  for (let row = 0; row < m; row++) matrix[row * m] = edge[row];
  for (let column = 0; column < m; column++) matrix[(m - 1) * m + column] = edge[m - 1 - column];
  return matrix;
}

function identity(m: number): Float64Array {
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) matrix[i * m + i] = 1;
  return matrix;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const product = new Float64Array(m * m);
  for (let row = 0; row < m; row++) {
    for (let inner = 0; inner < m; inner++) {
      const factor = a[row * m + inner];
      if (factor === 0) continue;
      for (let column = 0; column < m; column++) product[row * m + column] += factor * b[inner * m + column];
    }
  }
  return product;
}

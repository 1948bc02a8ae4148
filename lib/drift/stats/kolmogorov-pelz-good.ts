const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
/** exp() of anything below this is 0 in double precision. */
const MIN_LOG = -708;

/**
 * Pelz & Good's (1976) approximation of P(D_n ≤ x): the Li-Chien/Korolyuk expansion
 * K0 + K1/√n + K2/n + K3/n^1.5 in z = x√n, rewritten through Jacobi theta identities so
 * it converges fast for the small z where large n puts the bulk of the distribution.
 * Follows SciPy's _kolmogn_PelzGood.
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qLog = -PI2 / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  let q = Math.exp(qLog);

  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Horner scheme over the odd integers m = 2k − 1 of Σ c(m) q^(m²).
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qPower = q ** (8 * k);
    const coefficients = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) terms[i] = terms[i] * qPower + coefficients[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) terms[i] = (terms[i] * q * SQRT_2PI) / divisors[i];

  // K2 and K3 also carry sums over all integers k of k² q^(k²) terms.
  q = Math.exp(-PI2 / 2 / z2);
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const k2 = k ** 2;
    const weighted = k2 * q ** k2;
    const kPi = Math.PI * k;
    k2Extra += weighted;
    k3Extra += (SQRT3 * z + kPi) * (SQRT3 * z - kPi) * weighted;
  }
  terms[2] += (k2Extra * PI2 * SQRT_2PI) / (-36 * z3);
  terms[3] += (k3Extra * PI2 * SQRT_2PI) / (216 * z6);

  let cdf = 0;
  for (let i = 0; i < 4; i++) cdf += terms[i] / n ** (i / 2);
  return cdf;
}

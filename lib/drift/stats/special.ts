/**
 * Special functions behind the p-values: the normal and chi-square survival functions.
 * Both must stay accurate deep in the tails (p-values of 1e-25 are ordinary with big
 * samples), so a small upper tail is always computed directly, never as 1 − cdf.
 */

// Cephes rational approximations (S. L. Moshier), the ones SciPy's ndtr/erfc are built on.
const ERFC_P = [
  2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687, 4.86371970985681366614e1, 1.96520832956077098242e2, 5.26445194995477358631e2,
  9.3452852717195760754e2, 1.02755188689515710272e3, 5.57535335369399327526e2,
];
const ERFC_Q = [
  1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2, 9.75708501743205489753e2, 1.82390916687909736289e3, 2.24633760818710981792e3,
  1.65666309194161350182e3, 5.57535340817727675546e2,
];
const ERFC_R = [
  5.64189583547755073984e-1, 1.27536670759978104416, 5.01905042251180477414, 6.16021097993053585195, 7.4097426995044893916, 2.9788666537210024067,
];
const ERFC_S = [
  2.2605286322011727659, 9.39603524938001434673, 1.20489539808096656605e1, 1.70814450747565897222e1, 9.60896809063285878198, 3.3690764510008151605,
];
const ERF_T = [9.60497373987051638749, 9.00260197203842689217e1, 2.23200534594684319226e3, 7.00332514112805075473e3, 5.55923013010394962768e4];
const ERF_U = [3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3, 2.26290000613890934246e4, 4.92673942608635921086e4];
/** Largest x with exp(x) finite. */
const MAX_LOG = 7.09782712893383996843e2;

function polynomial(x: number, coefficients: readonly number[]): number {
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}

/** A polynomial whose leading coefficient, 1, is left out of the table. */
function monicPolynomial(x: number, coefficients: readonly number[]): number {
  let value = 1;
  for (const c of coefficients) value = value * x + c;
  return value;
}

export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  if (x > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polynomial(z, ERF_T)) / monicPolynomial(z, ERF_U);
}

export function erfc(a: number): number {
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -MAX_LOG) return a < 0 ? 2 : 0;
  const [p, q] = x < 8 ? [ERFC_P, ERFC_Q] : [ERFC_R, ERFC_S];
  const y = (Math.exp(z) * polynomial(x, p)) / monicPolynomial(x, q);
  return a < 0 ? 2 - y : y;
}

/** P(Z > z) for a standard normal Z (scipy.stats.norm.sf). */
export function normalSf(z: number): number {
  const x = -z * Math.SQRT1_2;
  if (Math.abs(x) < 1) return 0.5 + 0.5 * erf(x);
  const tail = 0.5 * erfc(Math.abs(x));
  return x > 0 ? 1 - tail : tail;
}

/** P(X > x) for X chi-square with df degrees of freedom (scipy.stats.chi2.sf), df ≥ 1. */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  return upperRegularizedGamma(df / 2, x / 2);
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const RELATIVE_EPSILON = 1e-16;
const TINY = 1e-300;

/** Q(a, x) = Γ(a, x) / Γ(a) for a ≥ 0.5, x > 0: series below the mode, continued fraction above. */
function upperRegularizedGamma(a: number, x: number): number {
  const front = gammaFront(a, x);
  if (front === 0) return x > a ? 0 : 1;
  // Both expansions need O(√a) terms when x is near a.
  const maxTerms = 1000 + Math.ceil(50 * Math.sqrt(a));
  if (x < a + 1) return Math.max(0, 1 - front * lowerGammaSeries(a, x, maxTerms));
  return Math.min(1, front * upperGammaContinuedFraction(a, x, maxTerms));
}

/** Σ x^n / (a (a+1) … (a+n)), so that P(a, x) = front · series. */
function lowerGammaSeries(a: number, x: number, maxTerms: number): number {
  let term = 1 / a;
  let total = term;
  for (let n = 1; n < maxTerms; n++) {
    term *= x / (a + n);
    total += term;
    if (term < total * RELATIVE_EPSILON) break;
  }
  return total;
}

/** Legendre's continued fraction for Γ(a, x) e^x x^-a, evaluated by the modified Lentz method. */
function upperGammaContinuedFraction(a: number, x: number, maxTerms: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let value = d;
  for (let i = 1; i < maxTerms; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    value *= delta;
    if (Math.abs(delta - 1) < RELATIVE_EPSILON) break;
  }
  return value;
}

/**
 * x^a e^-x / Γ(a). For large a the naive exp(a ln x − x − lnΓ(a)) loses digits to
 * cancellation between terms of size a ln a, so the Stirling form is used there:
 * exp(a·(ln(1+t) − t)) · √(a/2π) · e^-S(a) with t = (x − a)/a and S Stirling's tail.
 */
function gammaFront(a: number, x: number): number {
  if (a < 10) return Math.exp(a * Math.log(x) - x - lnGammaLanczos(a));
  const t = (x - a) / a;
  const exponent = Math.abs(t) < 0.5 ? a * log1pMinusX(t) : a * Math.log(x / a) - (x - a);
  return Math.exp(exponent - stirlingTail(a)) * Math.sqrt(a / (2 * Math.PI));
}

/** ln(1+t) − t for |t| < 0.5 without cancellation: with r = t/(2+t), it is −r·t + 2(r³/3 + r⁵/5 + …). */
function log1pMinusX(t: number): number {
  const r = t / (2 + t);
  const r2 = r * r;
  let power = r * r2;
  let series = 0;
  for (let k = 3; k < 80; k += 2) {
    const term = power / k;
    series += term;
    if (Math.abs(term) < Math.abs(series) * RELATIVE_EPSILON) break;
    power *= r2;
  }
  return -r * t + 2 * series;
}

// Bernoulli numbers B_2k / (2k (2k−1)), k = 1…8: lnΓ(a) − Stirling's leading terms, for a ≥ 10.
const STIRLING_TAIL = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

function stirlingTail(a: number): number {
  const inverseSquare = 1 / (a * a);
  let value = 0;
  for (let k = STIRLING_TAIL.length - 1; k >= 0; k--) value = value * inverseSquare + STIRLING_TAIL[k];
  return value / a;
}

// Lanczos approximation, g = 7, n = 9: lnΓ to ~1e-15 relative for a ≥ 0.5.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

function lnGammaLanczos(a: number): number {
  const x = a - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return LOG_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(series);
}

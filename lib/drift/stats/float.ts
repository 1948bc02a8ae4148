/** Floating-point helpers that JavaScript lacks and the SciPy ports rely on. */

/** x·2^exponent without the intermediate 2^exponent overflowing or underflowing (C's ldexp). */
export function ldexp(x: number, exponent: number): number {
  let scaled = x;
  let remaining = exponent;
  while (remaining > 1000) {
    scaled *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000) {
    scaled *= 2 ** -1000;
    remaining += 1000;
  }
  return scaled * 2 ** remaining;
}

/** numpy.round: halves go to the even neighbour (Math.round sends them up). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

export function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

export function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

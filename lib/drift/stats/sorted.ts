/**
 * Visits each distinct value of two ascending samples, in ascending order, with how many
 * times it occurs in each. KS, Wasserstein and the category counts of numbers all need
 * exactly this walk; ties in the data fall out of it for free.
 */
export function forEachDistinct(a: Float64Array, b: Float64Array, visit: (value: number, inA: number, inB: number) => void): void {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    const startA = i;
    const startB = j;
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    visit(value, i - startA, j - startB);
  }
}

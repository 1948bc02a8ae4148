import { describe, expect, it } from "vitest";
import reference from "./__fixtures__/scipy-reference.json";
import { agreesClosely, agreesWithScipy } from "./__fixtures__/tolerance";
import { binOf, decileEdges } from "./binning";
import { kolmogorovSf } from "./kolmogorov";
import { bandCells, ksTwoSidedPValue, MAX_EXACT_CELLS, MAX_EXACT_N } from "./ks";
import { chiSquareSf, normalSf } from "./special";

// The numeric kernels over ranges a few features cannot reach: deep tails, huge degrees of
// freedom, every branch of the Kolmogorov distribution, exact and asymptotic KS sizes.
// Regenerate with __fixtures__/generate_scipy_reference.py.
/** Whether ks_2samp's exact p-value for these sizes and statistic is past our exact path's budget. */
function capped(n1: number, n2: number, d: number): boolean {
  if (n1 === n2 || Math.max(n1, n2) > MAX_EXACT_N) return false;
  let g = n1;
  for (let r = n2; r !== 0;) [g, r] = [r, g % r];
  const lcm = (n1 / g) * n2;
  return bandCells(n1, n2, g, Math.round(d * lcm)) > MAX_EXACT_CELLS;
}

describe(`numeric kernels against ${reference.generated_with}`, () => {
  it("normal survival function (norm.sf), far into the tail", () => {
    for (const { z, sf } of reference.normal_sf) expect(agreesClosely(normalSf(z), sf), `z=${z}`).toBe(true);
  });

  it("chi-square survival function (chi2.sf), 1 to 999 999 degrees of freedom", () => {
    for (const { x, df, sf } of reference.chi2_sf) {
      expect(agreesClosely(chiSquareSf(x, df), sf), `x=${x} df=${df}: ${chiSquareSf(x, df)} vs ${sf}`).toBe(true);
    }
  });

  it("Kolmogorov distribution (kstwo.sf) in every region of its algorithm choice", () => {
    for (const { n, x, sf } of reference.kstwo_sf) {
      const actual = kolmogorovSf(n, x);
      // Results below 1e-300 are subnormal in SciPy too and keep only a few digits.
      const close = sf < 1e-300 ? Math.abs(actual - sf) < 1e-300 : Math.abs(actual - sf) <= 1e-8 * sf;
      expect(close, `n=${n} x=${x}: ${actual} vs ${sf}`).toBe(true);
    }
  });

  it("two-sample KS p-values (ks_2samp, method auto), exact and asymptotic", () => {
    const sizes = new Set(reference.ks_2samp.map(({ n1, n2 }) => Math.max(n1, n2) <= MAX_EXACT_N));
    expect(sizes).toEqual(new Set([true, false]));
    for (const { n1, n2, statistic, p_value } of reference.ks_2samp) {
      const actual = ksTwoSidedPValue(n1, n2, statistic);
      expect(actual.statistic).toBeCloseTo(statistic, 15);
      const message = `${n1}×${n2} d=${statistic}: ${actual.pValue} vs ${p_value}`;
      if (!capped(n1, n2, statistic)) expect(agreesClosely(actual.pValue, p_value), message).toBe(true);
      else {
        // Past the exact path's budget the asymptotic tail stands in: far below 1e-6, as the contract allows.
        expect(p_value, message).toBeLessThan(1e-10);
        expect(agreesWithScipy(actual.pValue, p_value), message).toBe(true);
      }
    }
  });

  it("decile edges and bins exactly as numpy.quantile and searchsorted(side='left')", () => {
    for (const { reference: values, current, edges, current_counts } of reference.deciles) {
      const actualEdges = decileEdges(Float64Array.from(values).sort());
      expect(actualEdges).toEqual(edges);
      const counts = new Array<number>(edges.length + 1).fill(0);
      for (const value of current) counts[binOf(value, actualEdges)]++;
      expect(counts).toEqual(current_counts);
    }
  });
});

describe("the exact KS path's budget", () => {
  it("only ever hands tails below 1e-10 to the asymptotic distribution", () => {
    // The smallest statistic past the budget, for sizes across the exact range: its tail is negligible.
    for (const m of [10, 100, 1_000, 2_500, 5_000, 9_999, 10_000]) {
      for (const n of [1, 7, 100, 999, 5_001, 9_998, 10_000]) {
        if (m === n) continue;
        let g = m;
        for (let r = n; r !== 0;) [g, r] = [r, g % r];
        const lcm = (m / g) * n;
        if (bandCells(m, n, g, lcm) <= MAX_EXACT_CELLS) continue;
        // Binary search for the first lattice step whose walk is past the budget.
        let [low, h] = [0, lcm];
        while (h - low > 1) {
          const mid = Math.floor((low + h) / 2);
          if (bandCells(m, n, g, mid) > MAX_EXACT_CELLS) h = mid;
          else low = mid;
        }
        const effectiveN = Math.round((m * n) / (m + n));
        expect(kolmogorovSf(effectiveN, h / lcm), `${m}×${n} h=${h}`).toBeLessThan(1e-10);
      }
    }
  });
});

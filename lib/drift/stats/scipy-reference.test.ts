import { describe, expect, it } from "vitest";
import reference from "./__fixtures__/scipy-reference.json";
import { agreesClosely } from "./__fixtures__/tolerance";
import { binOf, decileEdges } from "./binning";
import { kolmogorovSf } from "./kolmogorov";
import { ksTwoSidedPValue, MAX_EXACT_N } from "./ks";
import { chiSquareSf, normalSf } from "./special";

// The numeric kernels over ranges a few features cannot reach: deep tails, huge degrees of
// freedom, every branch of the Kolmogorov distribution, exact and asymptotic KS sizes.
// Regenerate with __fixtures__/generate_scipy_reference.py.
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
      expect(agreesClosely(actual.pValue, p_value), `${n1}×${n2} d=${statistic}: ${actual.pValue} vs ${p_value}`).toBe(true);
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

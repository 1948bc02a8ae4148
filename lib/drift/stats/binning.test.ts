import { describe, expect, it } from "vitest";
import { binOf, decileEdges, histogram } from "./binning";
import { readFeature } from "./feature";

const sorted = (values: number[]) => Float64Array.from(values).sort();

describe("binning for psi and jensenshannon", () => {
  it("edges are the reference's deciles, linearly interpolated like numpy.quantile", () => {
    // n = 10: decile q sits at index 9q, between the values ⌊9q⌋+1 and ⌊9q⌋+2.
    const edges = decileEdges(sorted([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
    expect(edges.map((edge) => Number(edge.toFixed(12)))).toEqual([1.9, 2.8, 3.7, 4.6, 5.5, 6.4, 7.3, 8.2, 9.1]);
  });

  it("repeated edges are dropped", () => {
    const reference = [...Array<number>(50).fill(0), ...Array<number>(50).fill(1)];
    expect(decileEdges(sorted(reference))).toEqual([0, 0.5, 1]);
    expect(decileEdges(sorted([7]))).toEqual([7]);
  });

  it("a value's bin is the number of edges strictly below it", () => {
    const edges = [0, 0.5, 1];
    expect([-1, 0, 0.2, 0.5, 0.7, 1, 1.5].map((value) => binOf(value, edges))).toEqual([0, 0, 1, 1, 2, 2, 3]);
  });

  it("numerical features are binned by deciles: about a tenth of the reference per bin", () => {
    const reference = Array.from({ length: 1000 }, (_, i) => i);
    const { reference: counts, current } = histogram(readFeature(reference, [-5, 100.5, 2000]));
    expect([...counts]).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    expect([...current]).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("categorical features get one bin per category of either sample, by string form", () => {
    const { reference, current } = histogram(readFeature(["b", "a", "a"], ["c", "a"]));
    expect([...reference]).toEqual([2, 1, 0]);
    expect([...current]).toEqual([1, 0, 1]);
    const numbers = histogram(readFeature([2, 10, 10], [2]));
    expect([...numbers.reference]).toEqual([1, 2]);
  });
});

import { categoryCounts, featureKind, type Feature } from "./feature";

/** Occurrences per bin in each sample; bins are in a fixed order. */
export interface Histogram {
  reference: Float64Array;
  current: Float64Array;
}

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * The bins PSI and Jensen–Shannon compare: for numerical features, the reference's deciles
 * (so each bin holds about a tenth of the reference and a shift shows as uneven current
 * bins); for categorical ones, one bin per category of either sample.
 */
export function histogram(feature: Feature): Histogram {
  if (feature.valueKind !== "number" || featureKind(feature) === "categorical") {
    const counts = categoryCounts(feature);
    return { reference: counts.reference, current: counts.current };
  }
  const edges = decileEdges(feature.reference);
  return { reference: countPerBin(feature.reference, edges), current: countPerBin(feature.current, edges) };
}

/**
 * numpy.quantile(reference, [0.1 … 0.9]) with its default linear interpolation, repeated
 * edges dropped.
 */
export function decileEdges(sortedReference: Float64Array): number[] {
  const edges: number[] = [];
  for (const q of DECILES) {
    const edge = quantileOfSorted(sortedReference, q);
    if (edges.length === 0 || edges[edges.length - 1] !== edge) edges.push(edge);
  }
  return edges;
}

/**
 * numpy.quantile(sorted, q) with its default linear interpolation. Reproduces numpy's arithmetic
 * exactly (index (n−1)·q, and interpolation from the upper neighbour when the weight is ≥ 0.5)
 * because a sample value that sits exactly on a decile edge changes bin with the last bit of it.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const index = (n - 1) * q;
  if (index >= n - 1) return sorted[n - 1];
  const below = Math.floor(index);
  const weight = index - below;
  const low = sorted[below];
  const high = sorted[below + 1];
  const gap = high - low;
  return weight >= 0.5 ? high - gap * (1 - weight) : low + gap * weight;
}

/** A value's bin is the number of edges strictly below it. */
export function binOf(value: number, edges: readonly number[]): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edges[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function countPerBin(values: Float64Array, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  for (const value of values) counts[binOf(value, edges)]++;
  return counts;
}

/**
 * The two distributions the drawer overlays, as shares so that samples of different sizes
 * compare: equal-width bins over both samples' range for numbers, one bar per category otherwise.
 */
export type Distribution =
  | { kind: "numerical"; bins: { from: number; to: number; reference: number; current: number }[] }
  | { kind: "categorical"; bins: { category: string; reference: number; current: number }[] };

export const NUMERIC_BINS = 24;
export const MAX_CATEGORY_BARS = 20;

export type CurrentValues = { kind: "number"; sample: number[] } | { kind: "string" | "boolean"; counts: Map<string, number> } | { kind: "mixed" };

export function distributions(reference: { values: (number | string | boolean)[] }, current: CurrentValues): Distribution | null {
  if (current.kind === "mixed") return null;
  if (current.kind === "number") {
    const ref = reference.values.filter((v): v is number => typeof v === "number");
    return ref.length && current.sample.length ? numericBins(ref, current.sample) : null;
  }
  const refCounts = new Map<string, number>();
  for (const value of reference.values) refCounts.set(String(value), (refCounts.get(String(value)) ?? 0) + 1);
  return categoryBars(refCounts, current.counts);
}

export function numericBins(reference: readonly number[], current: readonly number[], bins = NUMERIC_BINS): Distribution {
  // The range spans the middle 99 % of both samples, so one far outlier does not squeeze every
  // other value into the first bin; values beyond it count in the outermost bins.
  const sorted = [...reference, ...current].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
  const low = at(0.005);
  const high = at(0.995);
  const count = high > low ? bins : 1;
  const width = high > low ? (high - low) / bins : 1;
  const shares = (values: readonly number[]) => {
    const counts = new Array<number>(count).fill(0);
    for (const v of values) counts[Math.min(count - 1, Math.max(0, Math.floor((v - low) / width)))]++;
    return counts.map((c) => c / values.length);
  };
  const ref = shares(reference);
  const cur = shares(current);
  return { kind: "numerical", bins: ref.map((r, i) => ({ from: low + i * width, to: low + (i + 1) * width, reference: r, current: cur[i] })) };
}

/** The most frequent categories of both samples together; the rest share one bar. */
export function categoryBars(reference: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>, limit = MAX_CATEGORY_BARS): Distribution {
  const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) || 1;
  const refTotal = total(reference);
  const curTotal = total(current);
  const keys = [...new Set([...reference.keys(), ...current.keys()])].map((category) => ({
    category,
    reference: (reference.get(category) ?? 0) / refTotal,
    current: (current.get(category) ?? 0) / curTotal,
  }));
  keys.sort((a, b) => b.reference + b.current - (a.reference + a.current) || a.category.localeCompare(b.category));
  if (keys.length <= limit) return { kind: "categorical", bins: keys };
  const rest = keys.slice(limit - 1);
  const other = {
    category: `${rest.length} others`,
    reference: rest.reduce((n, k) => n + k.reference, 0),
    current: rest.reduce((n, k) => n + k.current, 0),
  };
  return { kind: "categorical", bins: [...keys.slice(0, limit - 1), other] };
}

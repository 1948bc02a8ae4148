import { DriftInputError } from "./errors";
import { sum } from "./float";
import { forEachDistinct } from "./sorted";
import type { FeatureKind } from "./types";

type ValueKind = "number" | "string" | "boolean";

/** Occurrences per category over the union of both samples; keys sorted so that sums never depend on input order. */
export interface CategoryCounts {
  keys: string[];
  reference: Float64Array;
  current: Float64Array;
}

export interface NumericFeature {
  valueKind: "number";
  /** Sorted ascending: every numeric statistic here walks ordered samples. */
  reference: Float64Array;
  current: Float64Array;
  distinct: number;
}

interface CategoricalFeature {
  valueKind: "string" | "boolean";
  counts: CategoryCounts;
  distinct: number;
}

/** Both samples of one feature, validated, with missing values dropped. */
export type Feature = NumericFeature | CategoricalFeature;

/** Evidently's rule: a handful of distinct numbers is a category code, not a measurement. */
const MAX_CATEGORICAL_DISTINCT_NUMBERS = 5;

/**
 * Beyond this magnitude squares and sums in the standard deviation and the Wasserstein area
 * overflow to Infinity (and on to NaN); no real feature comes near it, so such input is refused.
 */
const MAX_MAGNITUDE = 1e150;

type SampleName = "reference" | "current";

interface KindWitness {
  kind: ValueKind;
  where: string;
}

/**
 * Validates both samples and keeps them in the form the statistics need: sorted numbers, or
 * counts per category. Missing values (null, undefined) are dropped. The first pass only
 * checks, the second builds, so a million categorical values cost no intermediate copies.
 */
export function readFeature(reference: unknown, current: unknown): Feature {
  const ref = asArray(reference, "reference");
  const cur = asArray(current, "current");
  // Whatever kind the first present value has, every other value of both samples must share it.
  const { kind } = checkValues(cur, "current", checkValues(ref, "reference", null));
  if (kind === "number") {
    const sortedRef = presentNumbers(ref).sort();
    const sortedCur = presentNumbers(cur).sort();
    return { valueKind: "number", reference: sortedRef, current: sortedCur, distinct: countDistinct(sortedRef, sortedCur) };
  }
  const counts = countCategories(ref, cur);
  return { valueKind: kind, counts, distinct: counts.keys.length };
}

/**
 * Both samples given as exact counts per category (strings or booleans, never mixed). Counts
 * must be non-negative integers; each sample needs at least one occurrence.
 */
export function readCategoryCounts(reference: ReadonlyMap<unknown, number>, current: ReadonlyMap<unknown, number>): Feature {
  let witness: KindWitness | null = null;
  const tally = new Map<string, { ref: number; cur: number }>();
  for (const [name, sample] of [
    ["reference", reference],
    ["current", current],
  ] as const) {
    let present = 0;
    for (const [value, count] of sample) {
      const where = `${name}[${JSON.stringify(value)}]`;
      const kind = typeof value === "boolean" ? "boolean" : typeof value === "string" ? "string" : null;
      if (kind === null) throw new DriftInputError(name, `${where}: counted categories must be strings or booleans`);
      if (witness === null) witness = { kind, where };
      else if (witness.kind !== kind)
        throw new DriftInputError(name, `mixed kinds in one feature: ${witness.where} is a ${witness.kind} but ${where} is a ${kind}`);
      if (!Number.isInteger(count) || count < 0) throw new DriftInputError(name, `${where} has count ${count}; counts must be non-negative integers`);
      if (count === 0) continue;
      present += count;
      const key = String(value);
      const slot = tally.get(key) ?? { ref: 0, cur: 0 };
      if (name === "reference") slot.ref += count;
      else slot.cur += count;
      tally.set(key, slot);
    }
    if (present === 0) throw new DriftInputError(name, `${name} is empty; drift needs at least one value in each sample`);
  }
  const keys = [...tally.keys()].sort();
  const counts: CategoryCounts = { keys, reference: new Float64Array(keys.length), current: new Float64Array(keys.length) };
  keys.forEach((key, slot) => {
    const counted = tally.get(key) as { ref: number; cur: number };
    counts.reference[slot] = counted.ref;
    counts.current[slot] = counted.cur;
  });
  return { valueKind: (witness as KindWitness).kind as "string" | "boolean", counts, distinct: keys.length };
}

export function featureKind(feature: Feature): FeatureKind {
  return feature.valueKind === "number" && feature.distinct > MAX_CATEGORICAL_DISTINCT_NUMBERS ? "numerical" : "categorical";
}

export function sampleSizes(feature: Feature): { nRef: number; nCur: number } {
  if (feature.valueKind === "number") return { nRef: feature.reference.length, nCur: feature.current.length };
  return { nRef: sum(feature.counts.reference), nCur: sum(feature.counts.current) };
}

/** The feature seen as categories; numbers become one category per distinct value, named by their string form. */
export function categoryCounts(feature: Feature): CategoryCounts {
  if (feature.valueKind !== "number") return feature.counts;
  const keys: string[] = [];
  const refCounts = new Float64Array(feature.distinct);
  const curCounts = new Float64Array(feature.distinct);
  forEachDistinct(feature.reference, feature.current, (value, inRef, inCur) => {
    refCounts[keys.length] = inRef;
    curCounts[keys.length] = inCur;
    keys.push(String(value));
  });
  return { keys, reference: refCounts, current: curCounts };
}

function asArray(sample: unknown, name: SampleName): unknown[] {
  if (!Array.isArray(sample)) throw new DriftInputError(name, `${name} must be an array of values`);
  return sample;
}

/** Throws on a value of the wrong type or kind, or on a sample with no present value; returns the kind seen first. */
function checkValues(sample: unknown[], name: SampleName, seen: KindWitness | null): KindWitness {
  let witness = seen;
  let present = 0;
  for (let index = 0; index < sample.length; index++) {
    const value: unknown = sample[index];
    if (value === null || value === undefined) continue;
    present++;
    const kind = valueKindOf(value, name, index);
    if (witness === null) {
      witness = { kind, where: `${name}[${index}]` };
    } else if (witness.kind !== kind) {
      throw new DriftInputError(
        `${name}[${index}]`,
        `mixed kinds in one feature: ${witness.where} is a ${witness.kind} but ${name}[${index}] is a ${kind}; ` +
          "a feature must hold only numbers, only strings or only booleans",
      );
    }
  }
  if (present === 0) {
    const detail = sample.length > 0 ? ` (all ${sample.length} values are null)` : "";
    throw new DriftInputError(name, `${name} is empty${detail}; drift needs at least one value in each sample`);
  }
  return witness as KindWitness;
}

function valueKindOf(value: unknown, name: SampleName, index: number): ValueKind {
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new DriftInputError(`${name}[${index}]`, `${name}[${index}] is ${value}; drift needs finite numbers`);
      if (Math.abs(value) > MAX_MAGNITUDE) {
        throw new DriftInputError(`${name}[${index}]`, `${name}[${index}] is ${value}; drift supports numbers up to ±${MAX_MAGNITUDE} only`);
      }
      return "number";
    case "string":
      return "string";
    case "boolean":
      return "boolean";
    default: {
      const described = Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
      throw new DriftInputError(`${name}[${index}]`, `${name}[${index}] is ${described}; expected a number, a string, a boolean or null`);
    }
  }
}

function presentNumbers(sample: unknown[]): Float64Array {
  const numbers = new Float64Array(sample.length);
  let length = 0;
  for (const value of sample) if (typeof value === "number") numbers[length++] = value;
  return numbers.subarray(0, length);
}

function countDistinct(a: Float64Array, b: Float64Array): number {
  let distinct = 0;
  forEachDistinct(a, b, () => distinct++);
  return distinct;
}

function countCategories(ref: unknown[], cur: unknown[]): CategoryCounts {
  const tally = new Map<string, { ref: number; cur: number }>();
  const slotFor = (value: unknown) => {
    const key = String(value);
    let slot = tally.get(key);
    if (slot === undefined) {
      slot = { ref: 0, cur: 0 };
      tally.set(key, slot);
    }
    return slot;
  };
  // Missing values are the only ones left to skip: checkValues has vetted the rest.
  for (const value of ref) if (value !== null && value !== undefined) slotFor(value).ref++;
  for (const value of cur) if (value !== null && value !== undefined) slotFor(value).cur++;
  const keys = [...tally.keys()].sort();
  const refCounts = new Float64Array(keys.length);
  const curCounts = new Float64Array(keys.length);
  keys.forEach((key, slot) => {
    const counted = tally.get(key) as { ref: number; cur: number };
    refCounts[slot] = counted.ref;
    curCounts[slot] = counted.cur;
  });
  return { keys, reference: refCounts, current: curCounts };
}

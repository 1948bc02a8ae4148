import type { ErrorDetail } from "@/lib/api/errors";
import { reservoirAdd, type Random } from "./reservoir";

/**
 * Folding feature records into hourly buckets: pure, so the ingest transaction only loads the
 * locked rows, calls these, and writes the result back.
 */
export type ValueKind = "number" | "string" | "boolean";
export type ObservedValue = number | string | boolean | null;

export interface BucketState {
  valueKind: ValueKind | null;
  /** Present values seen (exact). */
  seen: number;
  /** Nulls seen (exact). */
  missing: number;
  /** Numbers only: a uniform reservoir of what was seen. */
  sample: number[];
  /** Strings and booleans only: exact counts by string form. */
  counts: Record<string, number>;
}

/** Distinct categories a bucket counts one by one; further new ones are counted together. */
export const MAX_CATEGORIES_PER_BUCKET = 1_000;
export const OTHER_CATEGORY = "(other)";

export const HOUR_MS = 3_600_000;

export function emptyBucket(): BucketState {
  return { valueKind: null, seen: 0, missing: 0, sample: [], counts: {} };
}

export function kindOf(value: Exclude<ObservedValue, null>): ValueKind {
  return typeof value as ValueKind;
}

export function hourOf(ts: string | Date): Date {
  const ms = new Date(ts).getTime();
  return new Date(ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS));
}

/** Every (feature, hour) a batch touches, with its values in arrival order. */
export function groupByBucket(
  records: { ts: string; features: Record<string, ObservedValue> }[],
): Map<string, { feature: string; hour: Date; values: ObservedValue[] }> {
  const groups = new Map<string, { feature: string; hour: Date; values: ObservedValue[] }>();
  for (const record of records) {
    const hour = hourOf(record.ts);
    for (const [feature, value] of Object.entries(record.features)) {
      const key = bucketKey(feature, hour);
      let group = groups.get(key);
      if (!group) {
        group = { feature, hour, values: [] };
        groups.set(key, group);
      }
      group.values.push(value);
    }
  }
  return groups;
}

export function bucketKey(feature: string, hour: Date): string {
  return `${feature}\u0000${hour.toISOString()}`;
}

/**
 * A feature must hold one kind of value (numbers, strings or booleans): the first present value
 * of each feature sets it, and every later value of the batch, or of `known` (the reference
 * sample's kinds), must agree. Returns a 422 detail for each feature that does not.
 */
export function kindConflicts(
  records: { features: Record<string, ObservedValue> }[],
  known: ReadonlyMap<string, { kind: ValueKind; where: string }>,
): ErrorDetail[] {
  const seen = new Map(known);
  const details: ErrorDetail[] = [];
  const reported = new Set<string>();
  records.forEach((record, index) => {
    for (const [feature, value] of Object.entries(record.features)) {
      if (value === null || reported.has(feature)) continue;
      const kind = kindOf(value);
      const first = seen.get(feature);
      if (!first) {
        seen.set(feature, { kind, where: `records[${index}]` });
      } else if (first.kind !== kind) {
        reported.add(feature);
        details.push({ path: `records[${index}].features.${feature}`, message: `is a ${kind}, but ${feature} holds ${first.kind}s in ${first.where}` });
      }
    }
  });
  return details;
}

/** Adds a batch's values to a bucket; the caller has checked that their kind matches the bucket's. */
export function addToBucket(bucket: BucketState, values: readonly ObservedValue[], random: Random): BucketState {
  let valueKind = bucket.valueKind;
  let missing = bucket.missing;
  const numbers: number[] = [];
  // A Map, not an object: a category may be called "constructor" or "__proto__".
  const counts = new Map(Object.entries(bucket.counts));
  let categorical = 0;
  for (const value of values) {
    if (value === null) {
      missing++;
      continue;
    }
    valueKind ??= kindOf(value);
    if (typeof value === "number") {
      numbers.push(value);
      continue;
    }
    categorical++;
    const key = String(value);
    const slot = counts.has(key) || counts.size < MAX_CATEGORIES_PER_BUCKET ? key : OTHER_CATEGORY;
    counts.set(slot, (counts.get(slot) ?? 0) + 1);
  }
  const reservoir = reservoirAdd({ sample: bucket.sample, seen: valueKind === "number" ? bucket.seen : 0 }, numbers, random);
  return {
    valueKind,
    missing,
    seen: bucket.seen + numbers.length + categorical,
    sample: reservoir.sample,
    counts: Object.fromEntries(counts),
  };
}

import "server-only";
import { and, eq, gte, isNull, lt, type SQL } from "drizzle-orm";
import { driftSettings, featureBuckets, featureReferences, referenceSamples, type DriftSettingsByFeature } from "@/drizzle/schema";
import type { DbOrTx } from "@/lib/db";
import { hourOf, type ValueKind } from "./buckets";
import { compareCategoryCounts, compareFeature } from "@/lib/drift/stats/compare";
import { DriftInputError } from "@/lib/drift/stats/errors";
import { mergeReservoirs } from "./reservoir";
import { summarizeDrift } from "@/lib/drift/stats/summary";
import type { CompareOptions, DriftMethod, DriftResult } from "@/lib/drift/stats/types";

/**
 * Drift of one model version over a window: each feature's reference sample against the merged
 * current sample of the window's hourly buckets. No registry imports here, so the registry can
 * ask for drift status without an import cycle.
 */
export interface FeatureDrift extends DriftResult {
  feature: string;
  /** Present values the window saw (exact); n_cur is what the statistic used (sampled for numbers). */
  n_seen: number;
}

export interface VersionDrift {
  reference_size: number;
  current_size: number;
  share_drifted: number;
  drifted: boolean;
  features: FeatureDrift[];
  /** Features that have no reference, no traffic in the window, or values no statistic accepts. */
  skipped: { feature: string; reason: string }[];
}

export interface ReferenceColumn {
  feature: string;
  kind: ValueKind;
  values: (number | string | boolean)[];
  recordCount: number;
}

export type CurrentColumn =
  | { feature: string; kind: "number"; sample: number[]; seen: number; missing: number }
  | { feature: string; kind: "string" | "boolean"; counts: Map<string, number>; seen: number; missing: number }
  | { feature: string; kind: "mixed"; seen: number; missing: number };

function selectReference(db: DbOrTx, where: SQL | undefined): Promise<ReferenceColumn[]> {
  return db
    .select({
      feature: featureReferences.feature,
      kind: featureReferences.valueKind,
      values: featureReferences.values,
      recordCount: referenceSamples.recordCount,
    })
    .from(featureReferences)
    .innerJoin(referenceSamples, eq(referenceSamples.id, featureReferences.sampleId))
    .where(where);
}

/** The version's reference sample in force. */
export function loadReference(db: DbOrTx, versionId: string): Promise<ReferenceColumn[]> {
  return selectReference(db, and(eq(referenceSamples.modelVersionId, versionId), isNull(referenceSamples.replacedAt)));
}

/** One reference sample, in force or replaced since; null (no sample) has no columns. */
export async function loadReferenceSample(db: DbOrTx, sampleId: string | null): Promise<ReferenceColumn[]> {
  return sampleId === null ? [] : selectReference(db, eq(featureReferences.sampleId, sampleId));
}

/** The window is widened to whole hours: buckets are hourly. */
export async function loadCurrent(db: DbOrTx, versionId: string, from: Date, to: Date): Promise<Map<string, CurrentColumn>> {
  const rows = await db
    .select()
    .from(featureBuckets)
    .where(and(eq(featureBuckets.modelVersionId, versionId), gte(featureBuckets.hour, hourOf(from)), lt(featureBuckets.hour, to)));
  return mergeBuckets(rows);
}

export function mergeBuckets(rows: (typeof featureBuckets.$inferSelect)[]): Map<string, CurrentColumn> {
  const byFeature = new Map<string, (typeof featureBuckets.$inferSelect)[]>();
  for (const row of rows) {
    if (row.seen + row.missing === 0) continue;
    byFeature.set(row.feature, [...(byFeature.get(row.feature) ?? []), row]);
  }
  const columns = new Map<string, CurrentColumn>();
  for (const [feature, buckets] of byFeature) {
    const seen = buckets.reduce((n, b) => n + Number(b.seen), 0);
    const missing = buckets.reduce((n, b) => n + Number(b.missing), 0);
    const kinds = new Set(buckets.map((b) => b.valueKind).filter((k) => k !== null));
    const [kind] = kinds;
    if (kinds.size > 1) columns.set(feature, { feature, kind: "mixed", seen, missing });
    else if (kind === "number" || kind === undefined) {
      const merged = mergeReservoirs(
        buckets.map((b) => ({ sample: b.sample, seen: Number(b.seen) })),
        Math.random,
      );
      columns.set(feature, { feature, kind: "number", sample: merged.sample, seen, missing });
    } else {
      const counts = new Map<string, number>();
      for (const b of buckets) for (const [value, n] of Object.entries(b.counts)) counts.set(value, (counts.get(value) ?? 0) + n);
      columns.set(feature, { feature, kind, counts, seen, missing });
    }
  }
  return columns;
}

/** The model's per-feature drift settings as stored: what a promotion request binds. */
export async function settingsByFeature(db: DbOrTx, modelId: string): Promise<DriftSettingsByFeature> {
  const rows = await db.select().from(driftSettings).where(eq(driftSettings.modelId, modelId));
  return Object.fromEntries(rows.map((r) => [r.feature, { method: r.method, threshold: r.threshold }]));
}

export function compareOptionsOf(settings: DriftSettingsByFeature): Map<string, CompareOptions> {
  return new Map(
    Object.entries(settings).map(([feature, s]) => [
      feature,
      { method: (s.method ?? undefined) as DriftMethod | undefined, threshold: s.threshold ?? undefined },
    ]),
  );
}

export async function loadSettings(db: DbOrTx, modelId: string): Promise<Map<string, CompareOptions>> {
  return compareOptionsOf(await settingsByFeature(db, modelId));
}

/**
 * What drift is judged by: a reference sample (null: none) and per-feature settings. A promotion
 * request binds the evidence in force when it is made and judges by it at every evaluation.
 */
export interface DriftEvidence {
  referenceSampleId: string | null;
  settings: DriftSettingsByFeature;
}

export async function driftEvidenceInForce(db: DbOrTx, version: { id: string; modelId: string }): Promise<DriftEvidence> {
  const [sample] = await db
    .select({ id: referenceSamples.id })
    .from(referenceSamples)
    .where(and(eq(referenceSamples.modelVersionId, version.id), isNull(referenceSamples.replacedAt)));
  return { referenceSampleId: sample?.id ?? null, settings: await settingsByFeature(db, version.modelId) };
}

/** One feature's comparison, or why there is none. */
export function compareColumns(reference: ReferenceColumn, current: CurrentColumn, options: CompareOptions): DriftResult {
  if (current.kind === "mixed")
    throw new DriftInputError(current.feature, `${current.feature} received different kinds of values in different hours of the window`);
  if (current.seen === 0) throw new DriftInputError(current.feature, `${current.feature} was null in every record of the window`);
  if (current.kind === "number") return compareFeature(reference.values, current.sample, options);
  const toValue = (key: string): string | boolean => (current.kind === "boolean" ? key === "true" : key);
  const cur = new Map([...current.counts].map(([key, n]) => [toValue(key), n]));
  const ref = new Map<string | boolean, number>();
  // A reference of numbers against current categories: compareCategoryCounts refuses the number keys as mixed kinds.
  for (const value of reference.values as (string | boolean)[]) ref.set(value, (ref.get(value) ?? 0) + 1);
  return compareCategoryCounts(ref, cur, options);
}

/**
 * A method named in the request wins with the request's threshold (or the method's default);
 * otherwise the stored setting applies, with the request's threshold if it names one.
 */
export function optionsFor(stored: CompareOptions | undefined, request: CompareOptions): CompareOptions {
  if (request.method !== undefined) return { method: request.method, threshold: request.threshold };
  return { ...stored, ...(request.threshold !== undefined ? { threshold: request.threshold } : {}) };
}

export function evaluateDrift(
  reference: ReferenceColumn[],
  current: Map<string, CurrentColumn>,
  settings: Map<string, CompareOptions>,
  request: CompareOptions = {},
): VersionDrift {
  const features: FeatureDrift[] = [];
  const skipped: VersionDrift["skipped"] = [];
  for (const ref of reference) {
    const cur = current.get(ref.feature);
    if (!cur) {
      skipped.push({ feature: ref.feature, reason: "no traffic in this window" });
      continue;
    }
    try {
      features.push({ feature: ref.feature, ...compareColumns(ref, cur, optionsFor(settings.get(ref.feature), request)), n_seen: cur.seen });
    } catch (error) {
      if (!(error instanceof DriftInputError)) throw error;
      skipped.push({ feature: ref.feature, reason: error.message });
    }
  }
  for (const feature of current.keys()) {
    if (!reference.some((r) => r.feature === feature)) skipped.push({ feature, reason: "no reference sample for this feature" });
  }
  features.sort((a, b) => a.feature.localeCompare(b.feature));
  const summary = summarizeDrift(features);
  return {
    reference_size: reference.reduce((n, r) => Math.max(n, r.recordCount), 0),
    current_size: [...current.values()].reduce((n, c) => Math.max(n, c.seen + c.missing), 0),
    ...summary,
    features,
    skipped,
  };
}

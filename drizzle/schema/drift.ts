import { sql } from "drizzle-orm";
import { bigint, boolean, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { models, modelVersions } from "./registry";
import type { DriftMethod } from "../../lib/drift/stats/types";

export type FeatureValueKind = "number" | "string" | "boolean";

/**
 * A version's reference sample (its training-time data), as uploaded. Uploading a new one
 * replaces it for drift from then on (`replaced_at`), but the old sample stays: a promotion
 * request keeps judging drift against the sample that was in force when it was made.
 */
export const referenceSamples = pgTable(
  "reference_samples",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelVersionId: uuid("model_version_id")
      .notNull()
      .references(() => modelVersions.id),
    /** Records in the upload: the reference_size drift reports. */
    recordCount: integer("record_count").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
    /** When a newer upload took its place; null for the sample in force. */
    replacedAt: timestamp("replaced_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reference_samples_in_force")
      .on(t.modelVersionId)
      .where(sql`replaced_at is null`),
  ],
);

/** One feature's column of a reference sample. Values are kept whole: drift compares against them. */
export const featureReferences = pgTable(
  "feature_references",
  {
    sampleId: uuid("sample_id")
      .notNull()
      .references(() => referenceSamples.id),
    feature: text("feature").notNull(),
    valueKind: text("value_kind").$type<FeatureValueKind>().notNull(),
    /** The feature's present values, nulls dropped. */
    values: jsonb("values").$type<(number | string | boolean)[]>().notNull(),
    missing: integer("missing").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.feature] })],
);

/**
 * Live traffic per (version, feature, hour): a uniform reservoir of at most 2,000 numbers with
 * the exact count seen, or exact counts per category. Updated under a row lock in the ingest
 * transaction, so concurrent batches never lose each other's values.
 */
export const featureBuckets = pgTable(
  "feature_buckets",
  {
    modelVersionId: uuid("model_version_id")
      .notNull()
      .references(() => modelVersions.id),
    feature: text("feature").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    /** null until the first value arrives (a fresh row is created empty, then locked and filled). */
    valueKind: text("value_kind").$type<FeatureValueKind>(),
    /** Present values seen (exact). */
    seen: bigint("seen", { mode: "number" }).notNull().default(0),
    missing: bigint("missing", { mode: "number" }).notNull().default(0),
    sample: jsonb("sample").$type<number[]>().notNull().default([]),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.modelVersionId, t.feature, t.hour] })],
);

/** Per feature, the method and threshold chosen over the automatic ones (null: automatic). */
export type DriftSettingsByFeature = Record<string, { method: string | null; threshold: number | null }>;

/** Per model and feature, the method and threshold an ml_lead or admin chose over the automatic ones. */
export const driftSettings = pgTable(
  "drift_settings",
  {
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id),
    feature: text("feature").notNull(),
    method: text("method"),
    threshold: doublePrecision("threshold"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text("updated_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.feature] })],
);

/**
 * The drift of each complete UTC day, computed once and kept. Rows are deleted when what they
 * were computed from changes: a new reference, a drift setting, late traffic for that day.
 */
export const driftDaily = pgTable(
  "drift_daily",
  {
    modelVersionId: uuid("model_version_id")
      .notNull()
      .references(() => modelVersions.id),
    feature: text("feature").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    method: text("method").$type<DriftMethod>().notNull(),
    statistic: doublePrecision("statistic"),
    pValue: doublePrecision("p_value"),
    threshold: doublePrecision("threshold").notNull(),
    drifted: boolean("drifted").notNull(),
    nRef: integer("n_ref").notNull(),
    nCur: integer("n_cur").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelVersionId, t.feature, t.day] })],
);

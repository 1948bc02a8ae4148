import { bigint, boolean, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { models, modelVersions } from "./registry";

export type FeatureValueKind = "number" | "string" | "boolean";

/**
 * A version's reference sample (its training-time data), one row per feature. Uploading a new
 * reference replaces every row of the version. Values are kept whole: drift compares against them.
 */
export const featureReferences = pgTable(
  "feature_references",
  {
    modelVersionId: uuid("model_version_id")
      .notNull()
      .references(() => modelVersions.id),
    feature: text("feature").notNull(),
    valueKind: text("value_kind").$type<FeatureValueKind>().notNull(),
    /** The feature's present values, nulls dropped. */
    values: jsonb("values").$type<(number | string | boolean)[]>().notNull(),
    missing: integer("missing").notNull(),
    /** Records in the upload this row came from: the reference_size drift reports. */
    recordCount: integer("record_count").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelVersionId, t.feature] })],
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
    method: text("method").notNull(),
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

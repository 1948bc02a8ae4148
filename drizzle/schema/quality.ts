import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { models, modelVersions } from "./registry";

/**
 * One row per prediction a model made, its id unique per model. The label is copied onto the row
 * when it arrives (before or after the prediction), so quality reads one index range of
 * (version, ts) and never joins. Binary and regression outputs live in the number columns (0/1 for
 * binary), multiclass outputs in the class columns.
 */
export const predictions = pgTable(
  "predictions",
  {
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id),
    recordId: text("record_id").notNull(),
    modelVersionId: uuid("model_version_id")
      .notNull()
      .references(() => modelVersions.id),
    ts: timestamp("ts", { withTimezone: true, precision: 3 }).notNull(),
    prediction: doublePrecision("prediction"),
    predictionClass: text("prediction_class"),
    score: doublePrecision("score"),
    label: doublePrecision("label"),
    labelClass: text("label_class"),
    /** sha256 of the record as sent (version, time, prediction, score, features): tells an exact repeat from a conflict. */
    contentHash: text("content_hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.recordId] }), index("predictions_version_ts").on(t.modelVersionId, t.ts)],
);

/** Every label received, by model and prediction id: kept whether or not its prediction has arrived yet. */
export const labels = pgTable(
  "labels",
  {
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id),
    recordId: text("record_id").notNull(),
    label: doublePrecision("label"),
    labelClass: text("label_class"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.recordId] })],
);

/**
 * The quality rules a promotion request binds when it is made: the model's task and the metric its
 * quality gate compares (its primary metric then). Changing the task or metric afterwards changes
 * no open request's gate.
 */
export interface QualityGateRules {
  task: string;
  metric: string;
}

/** Knots of a fitted isotonic calibration: linear between them, clipped outside. */
export interface CalibrationKnots {
  x: number[];
  y: number[];
}

/**
 * The calibration CBPE uses for a version, fitted when its reference sample is uploaded from the
 * records that carry both a score and a label. `calibration` is null below the minimum number of
 * such records: the scores are then taken as calibrated.
 */
export const referenceCalibrations = pgTable("reference_calibrations", {
  modelVersionId: uuid("model_version_id")
    .primaryKey()
    .references(() => modelVersions.id),
  labeledScores: integer("labeled_scores").notNull(),
  calibration: jsonb("calibration").$type<CalibrationKnots>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

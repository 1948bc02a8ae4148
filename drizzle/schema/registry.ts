import { index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const models = pgTable("models", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  owner: text("owner").notNull().default(""),
  /** binary_classification, multiclass_classification or regression give quality metrics; other text does not. */
  task: text("task").notNull().default(""),
  /** The quality metric the model is judged by; null: the task's default. */
  primaryMetric: text("primary_metric"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  createdBy: text("created_by").notNull(),
});

export const STAGES = ["none", "staging", "production", "archived"] as const;
export type Stage = (typeof STAGES)[number];

export const modelVersions = pgTable(
  "model_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id),
    version: text("version").notNull(),
    stage: text("stage").$type<Stage>().notNull().default("none"),
    artifactUri: text("artifact_uri"),
    metrics: jsonb("metrics").$type<Record<string, number>>().notNull().default({}),
    modelCard: text("model_card"),
    featureImportance: jsonb("feature_importance").$type<Record<string, number>>(),
    trainingRun: text("training_run"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [unique("model_versions_model_version").on(t.modelId, t.version), index("model_versions_stage").on(t.modelId, t.stage)],
);

export const stageHistory = pgTable(
  "stage_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id),
    version: text("version").notNull(),
    fromStage: text("from_stage").$type<Stage>().notNull(),
    toStage: text("to_stage").$type<Stage>().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    by: text("by").notNull(),
    promotionId: uuid("promotion_id"),
    reason: text("reason"),
  },
  (t) => [index("stage_history_model_at").on(t.modelId, t.at)],
);

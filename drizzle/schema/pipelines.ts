import { bigint, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { modelVersions } from "./registry";

/** A data pipeline and its freshness promise; created by its first run or its first expectation. */
export const pipelines = pgTable("pipelines", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  /** How often a successful run is promised; null: no promise, so never stale. */
  expectedEverySeconds: integer("expected_every_seconds"),
  graceSeconds: integer("grace_seconds").notNull().default(0),
  owner: text("owner").notNull().default(""),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const RUN_STATUSES = ["running", "succeeded", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunCheck {
  name: string;
  passed: boolean;
  observed?: number | string | boolean | null;
}

/**
 * One run, upserted by (pipeline, run_id): reports about the same run (a START and a COMPLETE,
 * in either order) merge into this row.
 */
export const pipelineRuns = pgTable(
  "pipeline_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id),
    runId: text("run_id").notNull(),
    status: text("status").$type<RunStatus>().notNull(),
    // Null until a report says when the run started (a COMPLETE may arrive before its START).
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
    rowsIn: bigint("rows_in", { mode: "number" }),
    rowsOut: bigint("rows_out", { mode: "number" }),
    error: text("error"),
    checks: jsonb("checks").$type<RunCheck[]>().notNull().default([]),
    producesVersionId: uuid("produces_version_id").references(() => modelVersions.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("pipeline_runs_pipeline_run").on(t.pipelineId, t.runId),
    index("pipeline_runs_pipeline_finished").on(t.pipelineId, t.finishedAt),
    index("pipeline_runs_produces").on(t.producesVersionId),
  ],
);

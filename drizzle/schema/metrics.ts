import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { modelVersions } from "./registry";

/** Raw points, pruned after the retention period; the rollups below keep the long view. */
export const metricPoints = pgTable(
  "metric_points",
  {
    modelVersionId: uuid("model_version_id")
      .notNull()
      .references(() => modelVersions.id),
    metric: text("metric").notNull(),
    ts: timestamp("ts", { withTimezone: true, precision: 3 }).notNull(),
    value: doublePrecision("value").notNull(),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [index("metric_points_series_ts").on(t.modelVersionId, t.metric, t.ts), index("metric_points_ts").on(t.ts)],
);

/**
 * count, sum, min and max per series and bucket, at 1 minute (60) and 1 hour (3600), kept in the
 * same transaction as the raw insert: a chart of any range reads at most a few thousand rows.
 */
export const metricRollups = pgTable(
  "metric_rollups",
  {
    resolutionSeconds: integer("resolution_seconds").notNull(),
    modelVersionId: uuid("model_version_id")
      .notNull()
      .references(() => modelVersions.id),
    metric: text("metric").notNull(),
    bucketStart: timestamp("bucket_start", { withTimezone: true }).notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    sum: doublePrecision("sum").notNull(),
    min: doublePrecision("min").notNull(),
    max: doublePrecision("max").notNull(),
  },
  (t) => [primaryKey({ columns: [t.resolutionSeconds, t.modelVersionId, t.metric, t.bucketStart] })],
);

import { z } from "zod";
import { finiteNumber, rfc3339 } from "@/lib/api/fields";

export const MAX_POINTS_PER_BATCH = 10_000;

export const metricPointSchema = z.object({
  model: z.string().min(1).max(63),
  version: z.string().min(1).max(64),
  metric: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/, "must be 1–128 letters, digits, '_', '.', ':' or '-', starting with a letter or '_'"),
  ts: rfc3339,
  value: finiteNumber,
  labels: z.record(z.string().max(100), z.string().max(500)).optional(),
});

export const ingestMetricsSchema = z.object({
  points: z.array(metricPointSchema).min(1, "at least one point").max(MAX_POINTS_PER_BATCH, `at most ${MAX_POINTS_PER_BATCH} points a batch`),
});

export type MetricPointInput = z.infer<typeof metricPointSchema>;

/** What a batch write answers: how many items it stored (all of them, or it failed whole). */
export const acceptedSchema = z.object({ accepted: z.number().int() });

/**
 * The kinds of alert rule: for each, what it watches (a model or a pipeline) and the shape of its
 * condition. Adding a kind is one entry here and one observer in observe.ts; the database stores
 * the kind as text, so no migration is needed.
 */
import { z } from "zod";
import { finiteNumber } from "@/lib/api/fields";
import { pipelineNameSchema } from "@/lib/pipelines/schemas";
import { QUALITY_SOURCES } from "@/lib/quality/alert";
import { QUALITY_METRICS } from "@/lib/quality/metrics";
import { modelNameSchema } from "@/lib/registry/schemas";
import { AGGREGATIONS, COMPARISONS } from "./evaluate";

export const modelTargetSchema = z.strictObject({ model: modelNameSchema, version: z.string().min(1).max(64).optional() });
export const pipelineTargetSchema = z.strictObject({ pipeline: pipelineNameSchema });

const DAY_SECONDS = 86_400;

export const metricConditionSchema = z.strictObject({
  metric: z.string().trim().min(1).max(200),
  aggregation: z.enum(AGGREGATIONS),
  // Rules read the one-minute rollups: a window shorter than a minute would see a partial bucket only.
  window_seconds: z
    .number()
    .int("must be whole seconds")
    .min(60, "must be at least 60 seconds")
    .max(7 * DAY_SECONDS),
  op: z.enum(COMPARISONS),
  threshold: finiteNumber,
  for_seconds: z.number().int("must be whole seconds").min(0, "must not be negative").max(DAY_SECONDS).optional(),
});

export const driftConditionSchema = z
  .strictObject({
    share_at_least: finiteNumber.gt(0, "must be above 0").max(1, "must be at most 1").optional(),
    feature: z.string().trim().min(1).max(200).optional(),
  })
  .refine((c) => c.share_at_least === undefined || c.feature === undefined, { message: "name either share_at_least or feature, not both" });

// Quality is computed over the window's predictions at once: at least an hour so it rests on some,
// at most the 30 days a labeled window may need when labels arrive weeks late.
export const qualityConditionSchema = z.strictObject({
  metric: z.enum(QUALITY_METRICS),
  source: z.enum(QUALITY_SOURCES),
  window_seconds: z
    .number()
    .int("must be whole seconds")
    .min(3600, "must be at least 3600 seconds")
    .max(30 * DAY_SECONDS),
  op: z.enum(COMPARISONS),
  threshold: finiteNumber,
});

const noCondition = z.strictObject({});

export const RULE_KINDS = {
  metric_threshold: { watches: "model", target: modelTargetSchema, condition: metricConditionSchema, label: "Metric threshold" },
  drift: { watches: "model", target: modelTargetSchema, condition: driftConditionSchema, label: "Drift" },
  pipeline_stale: { watches: "pipeline", target: pipelineTargetSchema, condition: noCondition, label: "Pipeline stale" },
  pipeline_failed: { watches: "pipeline", target: pipelineTargetSchema, condition: noCondition, label: "Pipeline failed" },
  quality: { watches: "model", target: modelTargetSchema, condition: qualityConditionSchema, label: "Quality" },
} as const satisfies Record<string, { watches: "model" | "pipeline"; target: z.ZodType; condition: z.ZodType; label: string }>;

export type RuleKind = keyof typeof RULE_KINDS;
export const RULE_KIND_NAMES = Object.keys(RULE_KINDS) as [RuleKind, ...RuleKind[]];

/** How long a rule's condition must hold before it fires. */
export function forSecondsOf(condition: Record<string, unknown>): number {
  return typeof condition.for_seconds === "number" ? condition.for_seconds : 0;
}

import { z } from "zod";
import { QUALITY_METRICS } from "@/lib/quality/metrics";
import { modelSummarySchema } from "@/lib/registry/schemas";

const sparkline = z.array(z.object({ ts: z.string(), value: z.number() }));

export const modelHealthSchema = z.object({
  version: z.string().nullable(),
  window_from: z.string(),
  p95_latency_ms: z.number().nullable(),
  error_rate: z.number().nullable(),
  requests_per_minute: z.number().nullable(),
  sparklines: z.object({ latency_p95_ms: sparkline, error_rate: sparkline, requests_per_minute: sparkline }),
});

export const modelWithHealthSchema = modelSummarySchema.extend({ health: modelHealthSchema });
export const modelListSchema = z.object({ models: z.array(modelWithHealthSchema) });

/** What a model's last 24 hours of serving are compared with. */
export const servingBaselineSchema = z.object({
  from: z.string(),
  to: z.string(),
  before_promotion_of: z.string().nullable(),
  promoted_at: z.string().nullable(),
  p95_latency_ms: z.number().nullable(),
  error_rate: z.number().nullable(),
});

/** The primary quality metric over the last 24 hours (estimated where the model has estimates) against the 7 days before. */
export const fleetQualitySchema = z.object({
  metric: z.enum(QUALITY_METRICS),
  kind: z.enum(["estimated", "realized"]),
  lower_is_better: z.boolean(),
  value: z.number().nullable(),
  baseline: z.number().nullable(),
  change: z.number().nullable(),
  dropped: z.boolean(),
});

export const attentionItemSchema = z.object({
  kind: z.enum([
    "incident_critical",
    "incident_open",
    "pipeline_failing",
    "pipeline_stale",
    "model_drifting",
    "approval_waiting",
    "review_waiting",
    "pipeline_volume",
    "model_degraded",
  ]),
  severity: z.enum(["critical", "warning", "info"]),
  title: z.string(),
  why: z.string(),
  href: z.string(),
  since: z.string().nullable(),
});

export const fleetOverviewSchema = z.object({
  generated_at: z.string(),
  kpis: z.object({
    models: z.number().int(),
    models_in_production: z.number().int(),
    drifting_models: z.number().int(),
    unhealthy_pipelines: z.number().int(),
    approvals_waiting_for_you: z.number().int(),
    open_incidents: z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  }),
  attention: z.array(attentionItemSchema),
  /** Most urgent first (see lib/fleet/severity.ts). */
  models: z.array(
    modelWithHealthSchema.extend({
      baseline: servingBaselineSchema.nullable(),
      status_reason: z.string().nullable(),
      status_since: z.string().nullable(),
      drift_share: z.number().nullable(),
      quality: fleetQualitySchema.nullable(),
      last_promotion_at: z.string().nullable(),
    }),
  ),
});

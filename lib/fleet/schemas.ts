import { z } from "zod";
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
  models: z.array(modelWithHealthSchema.extend({ drift_share: z.number().nullable(), last_promotion_at: z.string().nullable() })),
});

import { z } from "zod";
import { STAGES } from "@/drizzle/schema/registry";
import { finiteNumber, rfc3339 } from "@/lib/api/fields";
import { QUALITY_METRICS } from "@/lib/quality/metrics";

export const modelNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "must match ^[a-z0-9][a-z0-9._-]{0,62}$: lower-case letters, digits, '.', '_' or '-', at most 63");

export const createModelSchema = z.object({
  name: modelNameSchema,
  description: z.string().max(2000).optional(),
  owner: z.string().max(200).optional(),
  task: z.string().max(200).optional(),
});

/** Any subset of a model's descriptive fields; a metric must fit the task (checked with the task in force). */
export const updateModelSchema = z
  .object({
    description: z.string().max(2000).optional(),
    owner: z.string().max(200).optional(),
    task: z.string().max(200).optional(),
    primary_metric: z.enum(QUALITY_METRICS).nullable().optional(),
  })
  .refine((input) => Object.keys(input).length > 0, "name at least one of description, owner, task, primary_metric");

export const versionNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, "must be 1–64 letters, digits, '.', '_', '+' or '-'");

export const createVersionSchema = z.object({
  version: versionNameSchema,
  artifact_uri: z.string().max(2000).optional(),
  metrics: z.record(z.string().min(1).max(100), finiteNumber).optional(),
  model_card: z.string().max(200_000).optional(),
  feature_importance: z.record(z.string().min(1).max(200), finiteNumber).optional(),
  training_run: z.string().max(200).optional(),
});

export type CreateModelInput = z.infer<typeof createModelSchema>;
export type UpdateModelInput = z.infer<typeof updateModelSchema>;
export type CreateVersionInput = z.infer<typeof createVersionSchema>;

export const stagesQuerySchema = z.object({ as_of: rfc3339.optional() });

export const MODEL_STATUSES = ["healthy", "degraded", "drifting", "unknown"] as const;

export const modelSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  owner: z.string(),
  task: z.string(),
  /** The quality metric the model is judged by (its task's default unless chosen); null without a quality task. */
  primary_metric: z.enum(QUALITY_METRICS).nullable(),
  production_version: z.string().nullable(),
  staging_version: z.string().nullable(),
  status: z.enum(MODEL_STATUSES),
});

export const versionViewSchema = z.object({
  version: z.string(),
  stage: z.enum(STAGES),
  created_at: z.string(),
  metrics: z.record(z.string(), z.number()),
  artifact_uri: z.string().nullable(),
  training_run: z.string().nullable(),
  has_model_card: z.boolean(),
});

export const stageChangeSchema = z.object({
  version: z.string(),
  from_stage: z.enum(STAGES),
  to_stage: z.enum(STAGES),
  at: z.string(),
  by: z.string(),
  promotion_id: z.string().nullable(),
  reason: z.string().nullable(),
});

export const modelDetailSchema = modelSummarySchema.extend({
  created_at: z.string(),
  versions: z.array(versionViewSchema),
  stage_history: z.array(stageChangeSchema),
});

export type ModelStatus = (typeof MODEL_STATUSES)[number];
export type ModelSummary = z.infer<typeof modelSummarySchema>;
export type VersionView = z.infer<typeof versionViewSchema>;
export type StageChangeView = z.infer<typeof stageChangeSchema>;

export const stagesAsOfSchema = z.object({ as_of: z.string(), production_version: z.string().nullable(), staging_version: z.string().nullable() });

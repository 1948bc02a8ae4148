import { z } from "zod";
import { finiteNumber, rfc3339 } from "@/lib/api/fields";

export const modelNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "must match ^[a-z0-9][a-z0-9._-]{0,62}$: lower-case letters, digits, '.', '_' or '-', at most 63");

export const createModelSchema = z.object({
  name: modelNameSchema,
  description: z.string().max(2000).optional(),
  owner: z.string().max(200).optional(),
  task: z.string().max(200).optional(),
});

export const createVersionSchema = z.object({
  version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, "must be 1–64 letters, digits, '.', '_', '+' or '-'"),
  artifact_uri: z.string().max(2000).optional(),
  metrics: z.record(z.string().min(1).max(100), finiteNumber).optional(),
  model_card: z.string().max(200_000).optional(),
  feature_importance: z.record(z.string().min(1).max(200), finiteNumber).optional(),
  training_run: z.string().max(200).optional(),
});

export type CreateModelInput = z.infer<typeof createModelSchema>;
export type CreateVersionInput = z.infer<typeof createVersionSchema>;

export const stagesQuerySchema = z.object({ as_of: rfc3339.optional() });

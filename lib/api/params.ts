import { z } from "zod";
import { modelNameSchema, versionNameSchema } from "@/lib/registry/schemas";
import { pipelineNameSchema } from "@/lib/pipelines/schemas";
import { targetStageSchema } from "@/lib/governance/schemas";

/**
 * Path parameters, one schema each for every route that names the thing. A value that does not
 * fit names nothing that can exist, so every route answers it the same way: 404 naming the part
 * of the path at fault.
 */
export const modelNameParam = modelNameSchema;
export const versionParam = versionNameSchema;
export const uuidParam = z.uuid("must be a UUID");
export const pipelineNameParam = pipelineNameSchema;
export const featureParam = z.string().min(1).max(200);

export type ParamShape = Record<string, z.ZodType<unknown, string>>;
export const targetStageParam = targetStageSchema;

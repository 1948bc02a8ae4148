import { z } from "zod";
import { rfc3339 } from "@/lib/api/fields";
import { featuresSchema, MAX_RECORDS_PER_BATCH } from "@/lib/drift/schemas";
import { modelNameSchema, versionNameSchema } from "@/lib/registry/schemas";
import { outputValueSchema, scoreSchema } from "./fields";
import { QUALITY_METRICS } from "./metrics";

/** Longest range a quality query evaluates: each bucket reads its predictions. */
export const MAX_QUALITY_RANGE_DAYS = 90;
export const QUALITY_BUCKETS = ["hour", "day"] as const;
export type QualityBucket = (typeof QUALITY_BUCKETS)[number];

export const recordIdSchema = z.string().min(1, "must not be empty").max(200, "at most 200 characters");

const batch = <T extends z.ZodType>(record: T) =>
  z.array(record).min(1, "at least one record").max(MAX_RECORDS_PER_BATCH, `at most ${MAX_RECORDS_PER_BATCH} records a batch`);

export const predictionRecordSchema = z.object({
  id: recordIdSchema,
  ts: rfc3339,
  prediction: outputValueSchema,
  score: scoreSchema.optional(),
  features: featuresSchema.optional(),
});

export const ingestPredictionsSchema = z.object({
  model: modelNameSchema,
  version: versionNameSchema,
  records: batch(predictionRecordSchema),
});

export const ingestLabelsSchema = z.object({
  model: modelNameSchema,
  records: batch(z.object({ id: recordIdSchema, label: outputValueSchema })),
});

export const qualityQuerySchema = z
  .object({
    metric: z.string().min(1).max(50).optional(),
    version: versionNameSchema.optional(),
    from: rfc3339.optional(),
    to: rfc3339.optional(),
    bucket: z.enum(QUALITY_BUCKETS, "must be hour or day").default("day"),
  })
  .transform((q) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    return { ...q, from, to };
  })
  .refine((q) => q.from < q.to, { message: "from must be before to", path: ["from"] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= MAX_QUALITY_RANGE_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_QUALITY_RANGE_DAYS} days`,
    path: ["from"],
  });

const nullableNumber = z.number().nullable();

export const qualityPointSchema = z.object({
  /** Start of the bucket (UTC, aligned to the hour or day), by the predictions' time. */
  ts: z.string(),
  n: z.number().int(),
  n_labeled: z.number().int(),
  realized: nullableNumber,
  realized_low: nullableNumber,
  realized_high: nullableNumber,
  estimated: nullableNumber,
});

export const qualityAnswerSchema = z.object({
  model: z.string(),
  task: z.string(),
  metric: z.enum(QUALITY_METRICS),
  bucket: z.enum(QUALITY_BUCKETS),
  series: z.array(z.object({ version: z.string(), points: z.array(qualityPointSchema) })),
});

export type IngestPredictionsInput = z.infer<typeof ingestPredictionsSchema>;
export type IngestLabelsInput = z.infer<typeof ingestLabelsSchema>;
export type QualityQuery = z.output<typeof qualityQuerySchema>;
export type QualityPoint = z.infer<typeof qualityPointSchema>;
export type QualityAnswer = z.infer<typeof qualityAnswerSchema>;

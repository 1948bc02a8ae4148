import { z } from "zod";
import { finiteNumber, rfc3339 } from "@/lib/api/fields";
import { isPValueMethod } from "@/lib/drift/stats/compare";
import { DRIFT_METHODS } from "@/lib/drift/stats/types";
import { outputValueSchema, scoreSchema } from "@/lib/quality/fields";

export const MAX_RECORDS_PER_BATCH = 10_000;
export const MAX_REFERENCE_RECORDS = 50_000;
/** Longest window a drift query merges; a wider one would read months of buckets per request. */
export const MAX_DRIFT_WINDOW_DAYS = 90;

export const featureNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/, "must be 1–128 letters, digits, '_', '.', ':' or '-', starting with a letter or '_'");

export const featureValueSchema = z.union([finiteNumber, z.string().max(200, "at most 200 characters"), z.boolean(), z.null()]);

export const featuresSchema = z
  .record(featureNameSchema, featureValueSchema)
  .refine((features) => Object.keys(features).length <= 200, "at most 200 features a record");

export const referenceUploadSchema = z.object({
  records: z
    // The model's outputs on the reference, when given, calibrate quality estimates (lib/quality).
    .array(z.object({ features: featuresSchema, prediction: outputValueSchema.optional(), score: scoreSchema.optional(), label: outputValueSchema.optional() }))
    .min(1, "at least one record")
    .max(MAX_REFERENCE_RECORDS, `at most ${MAX_REFERENCE_RECORDS} records`),
});

export const featureRecordSchema = z.object({
  ts: rfc3339,
  features: featuresSchema,
  prediction: featureValueSchema.optional(),
  label: featureValueSchema.optional(),
});

export const ingestFeaturesSchema = z.object({
  model: z.string().min(1).max(63),
  version: z.string().min(1).max(64),
  records: z.array(featureRecordSchema).min(1, "at least one record").max(MAX_RECORDS_PER_BATCH, `at most ${MAX_RECORDS_PER_BATCH} records a batch`),
});

const methodSchema = z.enum(DRIFT_METHODS);
const thresholdSchema = finiteNumber.refine((t) => t > 0, "must be positive");

/** Values are checked by the drift functions themselves, which name the offending index. */
export const compareRequestSchema = z.object({
  reference: z.array(z.unknown()),
  current: z.array(z.unknown()),
  method: methodSchema.optional(),
  threshold: thresholdSchema.optional(),
});

export const driftQuerySchema = z
  .object({
    version: z.string().min(1).optional(),
    from: rfc3339.optional(),
    to: rfc3339.optional(),
    method: methodSchema.optional(),
    threshold: z.coerce.number().pipe(thresholdSchema).optional(),
  })
  .transform((q) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
    return { ...q, from, to };
  })
  .refine((q) => q.from < q.to, { message: "from must be before to", path: ["from"] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= MAX_DRIFT_WINDOW_DAYS * 86_400_000, {
    message: `the window may span at most ${MAX_DRIFT_WINDOW_DAYS} days`,
    path: ["from"],
  });

export const driftSettingsSchema = z.object({
  settings: z
    .array(
      z
        .object({
          feature: featureNameSchema,
          /** null (or absent) returns to the automatic choice. */
          method: methodSchema.nullable().optional(),
          threshold: thresholdSchema.nullable().optional(),
        })
        .refine((s) => s.threshold == null || s.method != null, {
          message: "a threshold needs a method: p-value tests and distances read thresholds differently",
          path: ["threshold"],
        })
        .refine((s) => s.threshold == null || s.method == null || !isPValueMethod(s.method) || s.threshold <= 1, {
          message: "a p-value threshold must be in (0, 1]",
          path: ["threshold"],
        }),
    )
    .min(1, "at least one feature")
    .max(500),
});

export type IngestFeaturesInput = z.infer<typeof ingestFeaturesSchema>;
export type FeatureRecordInput = z.infer<typeof featureRecordSchema>;
export type ReferenceUploadInput = z.infer<typeof referenceUploadSchema>;
export type DriftSettingsInput = z.infer<typeof driftSettingsSchema>;

// What the drift routes answer.
const nullableNumber = z.number().nullable();

export const driftResultSchema = z.object({
  kind: z.enum(["numerical", "categorical"]),
  method: methodSchema,
  statistic: nullableNumber,
  p_value: nullableNumber,
  threshold: z.number(),
  drifted: z.boolean(),
  n_ref: z.number().int(),
  n_cur: z.number().int(),
  reason: z.string(),
});

const versionDriftShape = {
  reference_size: z.number().int(),
  current_size: z.number().int(),
  share_drifted: z.number(),
  drifted: z.boolean(),
  features: z.array(driftResultSchema.extend({ feature: z.string(), n_seen: z.number().int() })),
  skipped: z.array(z.object({ feature: z.string(), reason: z.string() })),
};

export const modelDriftSchema = z.object({ model: z.string(), version: z.string(), from: z.string(), to: z.string(), ...versionDriftShape });

export const fleetDriftSchema = z.object({
  from: z.string(),
  to: z.string(),
  models: z.array(
    z.object({
      model: z.string(),
      version: z.string(),
      ...versionDriftShape,
      strip: z.array(z.object({ day: z.string(), share_drifted: z.number(), features: z.number().int() })),
    }),
  ),
  without_production: z.array(z.string()),
});

export const featureDetailSchema = z.object({
  model: z.string(),
  version: z.string(),
  feature: z.string(),
  from: z.string(),
  to: z.string(),
  result: driftResultSchema.nullable(),
  problem: z.string().nullable(),
  n_seen: z.number().int(),
  distribution: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("numerical"), bins: z.array(z.object({ from: z.number(), to: z.number(), reference: z.number(), current: z.number() })) }),
      z.object({ kind: z.literal("categorical"), bins: z.array(z.object({ category: z.string(), reference: z.number(), current: z.number() })) }),
    ])
    .nullable(),
  daily: z.array(
    driftResultSchema
      .pick({ statistic: true, p_value: true, threshold: true, drifted: true, n_ref: true, n_cur: true })
      .extend({ day: z.string(), method: z.string() }),
  ),
});

export const driftSettingListSchema = z.object({
  model: z.string(),
  settings: z.array(
    z.object({ feature: z.string(), method: z.string().nullable(), threshold: nullableNumber, updated_at: z.string(), updated_by: z.string() }),
  ),
});

export const referenceStoredSchema = z.object({
  model: z.string(),
  version: z.string(),
  records: z.number().int(),
  features: z.array(z.object({ feature: z.string(), kind: z.string(), n: z.number().int(), missing: z.number().int() })),
});

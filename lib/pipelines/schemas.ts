import { z } from "zod";
import { RUN_STATUSES } from "@/drizzle/schema/pipelines";
import { finiteNumber, rfc3339 } from "@/lib/api/fields";

/** Any printable name; OpenLineage pipelines are `namespace/name`, so slashes are welcome. */
export const pipelineNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]*$/u, "must not contain control characters")
  .refine((s) => s.trim() === s, "must not start or end with white space");

export const rowCount = z.number().int("must be a whole number").min(0).max(Number.MAX_SAFE_INTEGER);

export const modelVersionRefSchema = z.object({ model: z.string().min(1).max(63), version: z.string().min(1).max(64) });

export const checkSchema = z.object({
  name: z.string().min(1).max(200),
  passed: z.boolean(),
  observed: z.union([finiteNumber, z.string().max(500), z.boolean(), z.null()]).optional(),
});

export const pipelineRunSchema = z
  .object({
    pipeline: pipelineNameSchema,
    run_id: z.string().min(1).max(255),
    status: z.enum(RUN_STATUSES),
    started_at: rfc3339,
    finished_at: rfc3339.optional(),
    rows_in: rowCount.optional(),
    rows_out: rowCount.optional(),
    error: z.string().max(20_000).optional(),
    checks: z.array(checkSchema).max(500).optional(),
    produces: modelVersionRefSchema.optional(),
  })
  .refine((r) => !r.finished_at || Date.parse(r.finished_at) >= Date.parse(r.started_at), {
    path: ["finished_at"],
    message: "must not be before started_at",
  })
  .refine((r) => r.status !== "running" || !r.finished_at, { path: ["finished_at"], message: "a running run has not finished" });

export type PipelineRunInput = z.infer<typeof pipelineRunSchema>;

const YEAR_SECONDS = 366 * 86400;

export const expectationSchema = z.object({
  /** null withdraws the promise: the pipeline can then never be stale. */
  expected_every_seconds: z.number().int("must be a whole number of seconds").min(1).max(YEAR_SECONDS).nullable(),
  grace_seconds: z.number().int("must be a whole number of seconds").min(0).max(YEAR_SECONDS),
  owner: z.string().max(200).optional(),
});

export type ExpectationInput = z.infer<typeof expectationSchema>;

export const RUNS_PAGE_MAX = 500;

export const runsPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(RUNS_PAGE_MAX).default(50),
  cursor: z.string().max(200).optional(),
});

import { z } from "zod";
import { RUN_STATUSES, type RunCheck, type RunStatus } from "@/drizzle/schema/pipelines";
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

/** Exactly one per pipeline, derived on read (contract 4.3). */
export const PIPELINE_STATUSES = ["failing", "stale", "volume_anomaly", "running", "healthy", "unknown"] as const;

export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

/** Most urgent first: the order of the pipelines table and of the status precedence. */
export const URGENCY: Record<PipelineStatus, number> = { failing: 0, stale: 1, volume_anomaly: 2, running: 3, healthy: 4, unknown: 5 };

/** The statuses the overview counts as "unhealthy pipelines": each needs a person. */
export const UNHEALTHY_PIPELINE_STATUSES: ReadonlySet<PipelineStatus> = new Set(["failing", "stale", "volume_anomaly"]);

export interface ModelVersionRef {
  model: string;
  version: string;
}

export interface RunView {
  run_id: string;
  status: RunStatus;
  started_at: string | null;
  finished_at: string | null;
  duration_seconds: number | null;
  rows_in: number | null;
  rows_out: number | null;
  checks: RunCheck[];
  error: string | null;
  produces: ModelVersionRef | null;
}

export interface PipelineSummary {
  name: string;
  status: PipelineStatus;
  reason: string;
  owner: string;
  last_run: RunView | null;
  last_success_at: string | null;
  expected_every_seconds: number | null;
  grace_seconds: number;
  /** When the freshness promise broke (last success + expected_every + grace), while it is broken. */
  overdue_since: string | null;
  /** The latest moment the next successful run keeps the promise. */
  next_expected_by: string | null;
  /** rows_out below this marks a volume anomaly: half the median of the previous ten successes. */
  rows_threshold: number | null;
}

export interface ProducedVersion extends ModelVersionRef {
  run_id: string;
  finished_at: string | null;
}

export interface PipelineDetail extends PipelineSummary {
  runs: RunView[];
  next_cursor: string | null;
  /** Every model version a run of this pipeline produced, newest first: the lineage link. */
  produced: ProducedVersion[];
}

// What the pipeline routes answer: the view types above, as documented.
const nullableIso = z.string().nullable();

export const runViewSchema = z.object({
  run_id: z.string(),
  status: z.enum(RUN_STATUSES),
  started_at: nullableIso,
  finished_at: nullableIso,
  duration_seconds: z.number().nullable(),
  rows_in: z.number().nullable(),
  rows_out: z.number().nullable(),
  checks: z.array(z.object({ name: z.string(), passed: z.boolean(), observed: z.union([z.number(), z.string(), z.boolean(), z.null()]).optional() })),
  error: z.string().nullable(),
  produces: z.object({ model: z.string(), version: z.string() }).nullable(),
});

export const pipelineSummarySchema = z.object({
  name: z.string(),
  status: z.enum(PIPELINE_STATUSES),
  reason: z.string(),
  owner: z.string(),
  last_run: runViewSchema.nullable(),
  last_success_at: nullableIso,
  expected_every_seconds: z.number().nullable(),
  grace_seconds: z.number(),
  overdue_since: nullableIso,
  next_expected_by: nullableIso,
  rows_threshold: z.number().nullable(),
});

export const pipelineListSchema = z.object({ pipelines: z.array(pipelineSummarySchema) });

export const pipelineDetailSchema = pipelineSummarySchema.extend({
  runs: z.array(runViewSchema),
  next_cursor: z.string().nullable(),
  produced: z.array(z.object({ model: z.string(), version: z.string(), run_id: z.string(), finished_at: nullableIso })),
});

export const producingRunSchema = z.object({ producing_run: z.object({ pipeline: z.string(), run: runViewSchema }).nullable() });

/** What a run report (native or OpenLineage) answers: the run as it now stands. */
export const runRecordedSchema = z.object({ pipeline: z.string(), run_id: z.string(), status: z.enum(RUN_STATUSES) });

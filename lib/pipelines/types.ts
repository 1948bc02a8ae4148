import type { RunCheck, RunStatus } from "@/drizzle/schema/pipelines";

export type { RunCheck, RunStatus };

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

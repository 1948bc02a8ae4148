import type { PipelineRunInput, ModelVersionRef } from "./schemas";
import type { RunCheck, RunStatus } from "@/drizzle/schema/pipelines";

/**
 * One report about one run, from either door: `/ingest/pipeline-runs` or an OpenLineage event.
 * Fields a report does not know are null; `status` null means "no news about the state" (an
 * OpenLineage OTHER event).
 */
export interface RunReport {
  pipeline: string;
  runId: string;
  status: RunStatus | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  rowsIn: number | null;
  rowsOut: number | null;
  error: string | null;
  checks: RunCheck[] | null;
  produces: ModelVersionRef | null;
  /** Where `produces` came from in the request, for a 422 that names it. */
  producesPath: string;
}

/** The stored state of a run, as far as merging is concerned. */
export interface RunState {
  status: RunStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  rowsIn: number | null;
  rowsOut: number | null;
  error: string | null;
  checks: RunCheck[];
  producesVersionId: string | null;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() <= b.getTime() ? a : b;
}

function mergeChecks(existing: RunCheck[], incoming: RunCheck[] | null): RunCheck[] {
  if (!incoming) return existing;
  const byName = new Map(existing.map((c) => [c.name, c]));
  for (const check of incoming) byName.set(check.name, check);
  return [...byName.values()];
}

/**
 * Folds a report into a run's state so that the order reports arrive in does not matter: a
 * finished state is never undone by a late "running" (a COMPLETE that overtook its START still
 * yields one finished run), the start is the earliest start anyone reported, and a field a report
 * leaves out keeps what an earlier report said. Two finished reports: the later one corrects.
 * A run that finishes without saying when gets `receivedAt`.
 */
export function mergeRun(existing: RunState | null, report: RunReport, producesVersionId: string | null, receivedAt: Date): RunState {
  const incomingStatus = report.status ?? existing?.status ?? "running";
  const keepFinished = existing !== null && existing.status !== "running" && incomingStatus === "running";
  const status = keepFinished ? existing.status : incomingStatus;
  const finishedAt = status === "running" ? null : keepFinished ? existing.finishedAt : (report.finishedAt ?? existing?.finishedAt ?? receivedAt);
  return {
    status,
    startedAt: earliest(existing?.startedAt ?? null, report.startedAt),
    finishedAt,
    rowsIn: report.rowsIn ?? existing?.rowsIn ?? null,
    rowsOut: report.rowsOut ?? existing?.rowsOut ?? null,
    error: report.error ?? existing?.error ?? null,
    checks: mergeChecks(existing?.checks ?? [], report.checks),
    producesVersionId: producesVersionId ?? existing?.producesVersionId ?? null,
  };
}

/** A /ingest/pipeline-runs body as a report. */
export function pipelineRunToReport(input: PipelineRunInput): RunReport {
  return {
    pipeline: input.pipeline,
    runId: input.run_id,
    status: input.status,
    startedAt: new Date(input.started_at),
    finishedAt: input.finished_at ? new Date(input.finished_at) : null,
    rowsIn: input.rows_in ?? null,
    rowsOut: input.rows_out ?? null,
    error: input.error ?? null,
    checks: input.checks ?? null,
    produces: input.produces ?? null,
    producesPath: "produces",
  };
}

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
 * What a report may no longer change about a run, because gates and people rely on it: a finished
 * run's status, the outcome of each check once the run has finished, and the version a run said it
 * produced. Later reports may still add rows, new checks, an error text and the finish time.
 * Answers why the report is refused, or null.
 */
export function refusedCorrection(existing: RunState | null, report: RunReport, producesVersionId: string | null): string | null {
  if (existing === null) return null;
  const run = `Run ${report.runId} of ${report.pipeline}`;
  const finished = existing.status !== "running";
  if (finished && report.status !== null && report.status !== "running" && report.status !== existing.status) {
    return `${run} already ${existing.status}: a finished run keeps its status`;
  }
  if (finished) {
    const changed = (report.checks ?? []).filter((check) => existing.checks.some((c) => c.name === check.name && c.passed !== check.passed));
    if (changed.length) {
      return `${run} has finished: the outcome of its check${changed.length > 1 ? "s" : ""} ${changed.map((c) => c.name).join(", ")} is kept`;
    }
  }
  if (producesVersionId !== null && existing.producesVersionId !== null && producesVersionId !== existing.producesVersionId) {
    return `${run} already reported the model version it produced: that cannot change`;
  }
  return null;
}

/**
 * Folds a report into a run's state so that the order reports arrive in does not matter: a
 * finished state is never undone by a late "running" (a COMPLETE that overtook its START still
 * yields one finished run), the start is the earliest start anyone reported, and a field a report
 * leaves out keeps what an earlier report said. A report refusedCorrection names never reaches
 * here. A run that finishes without saying when gets `receivedAt`.
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

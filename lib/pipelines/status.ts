import { formatDuration } from "./duration";
import type { PipelineStatus } from "./schemas";
import type { RunCheck, RunStatus } from "@/drizzle/schema/pipelines";

/** What status derivation needs to know about a run. */
export interface RunFacts {
  runId: string;
  status: RunStatus;
  startedAt: Date | null;
  finishedAt: Date | null;
  rowsOut: number | null;
  checks: RunCheck[];
  error: string | null;
}

export interface StatusInput {
  /** Passed in, never read from the clock here, so that every boundary can be tested exactly. */
  now: Date;
  /** When the pipeline appeared: the freshness baseline until its first success. */
  createdAt: Date;
  expectedEverySeconds: number | null;
  graceSeconds: number;
  /**
   * At least the newest run, the newest finished run and the newest eleven successes (the last
   * success and the ten before it), in any order; more runs change nothing.
   */
  runs: RunFacts[];
}

export interface StatusAnswer {
  status: PipelineStatus;
  reason: string;
  lastSuccessAt: Date | null;
  overdueSince: Date | null;
  nextExpectedBy: Date | null;
  rowsThreshold: number | null;
}

/** Successes before the last one that the volume median looks at. */
export const VOLUME_HISTORY = 10;

const timeOf = (run: RunFacts) => (run.startedAt ?? run.finishedAt)?.getTime() ?? 0;
const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;
const fmtRows = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 1 });
// A median is a yardstick, not a count: three significant digits (DESIGN.md).
const fmtApprox = (n: number) => n.toLocaleString("en-US", { maximumSignificantDigits: 3 });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function newest(runs: RunFacts[], key: (r: RunFacts) => number): RunFacts | undefined {
  return runs.reduce<RunFacts | undefined>((best, run) => (!best || key(run) > key(best) ? run : best), undefined);
}

function failingReason(run: RunFacts): string | null {
  const failedChecks = run.checks.filter((c) => !c.passed);
  const parts: string[] = [];
  // The first line of the error says what went wrong; the stack trace below it belongs on the pipeline page.
  const headline = run.error?.trim().split("\n")[0].slice(0, 300);
  if (run.status === "failed") parts.push(`Last run ${run.runId} failed: ${headline || "no error text was sent"}`);
  if (failedChecks.length) {
    const described = failedChecks.map((c) => (c.observed === undefined || c.observed === null ? c.name : `${c.name} (observed ${String(c.observed)})`));
    // When the run's failure already named it, the checks need not name it again.
    const where = run.status === "failed" ? "" : ` in run ${run.runId}`;
    parts.push(`${failedChecks.length === 1 ? "check" : "checks"} ${described.join(", ")} failed${where}`);
  }
  if (!parts.length) return null;
  const text = parts.join("; ");
  return text[0].toUpperCase() + text.slice(1);
}

function volumeAnomaly(successes: RunFacts[]): { reason: string | null; threshold: number | null } {
  const [last, ...before] = successes;
  if (!last || last.rowsOut === null) return { reason: null, threshold: null };
  const history = before
    .slice(0, VOLUME_HISTORY)
    .map((r) => r.rowsOut)
    .filter((n): n is number => n !== null);
  const threshold = history.length ? median(history) / 2 : null;
  if (last.rowsOut === 0) return { reason: `Last successful run ${last.runId} wrote no rows`, threshold };
  if (threshold !== null && last.rowsOut < threshold) {
    return {
      reason: `Last successful run ${last.runId} wrote ${fmtRows(last.rowsOut)} rows, under half the median of the ${history.length} successful runs before it (${fmtApprox(threshold * 2)})`,
      threshold,
    };
  }
  return { reason: null, threshold };
}

/**
 * A pipeline's status from its runs and its freshness promise. When several apply, the most urgent
 * wins: failing, stale, volume_anomaly, running, healthy. `unknown` means no runs and no broken
 * promise. A pipeline is stale only strictly after last success + expected_every + grace: at that
 * exact instant it is still on time.
 */
export function derivePipelineStatus(input: StatusInput): StatusAnswer {
  const { now, runs } = input;
  const latest = newest(runs, timeOf);
  const lastFinished = newest(
    runs.filter((r) => r.status !== "running"),
    (r) => (r.finishedAt ?? r.startedAt)?.getTime() ?? 0,
  );
  const successes = runs.filter((r) => r.status === "succeeded" && r.finishedAt).sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime());
  const lastSuccessAt = successes[0]?.finishedAt ?? null;

  let nextExpectedBy: Date | null = null;
  let staleReason: string | null = null;
  if (input.expectedEverySeconds !== null) {
    const baseline = lastSuccessAt ?? input.createdAt;
    nextExpectedBy = new Date(baseline.getTime() + (input.expectedEverySeconds + input.graceSeconds) * 1000);
    if (now.getTime() > nextExpectedBy.getTime()) {
      const promise = `expected every ${formatDuration(input.expectedEverySeconds)}${input.graceSeconds ? ` with ${formatDuration(input.graceSeconds)} grace` : ""}`;
      staleReason = lastSuccessAt
        ? `No successful run for ${formatDuration(seconds(lastSuccessAt, now))}; ${promise}`
        : `No successful run since the pipeline appeared ${formatDuration(seconds(input.createdAt, now))} ago; ${promise}`;
    }
  }
  const overdueSince = staleReason ? nextExpectedBy : null;
  const volume = volumeAnomaly(successes);
  const base = { lastSuccessAt, overdueSince, nextExpectedBy, rowsThreshold: volume.threshold };

  const failing = lastFinished ? failingReason(lastFinished) : null;
  if (failing) return { ...base, status: "failing", reason: failing };
  if (staleReason) return { ...base, status: "stale", reason: staleReason };
  if (volume.reason) return { ...base, status: "volume_anomaly", reason: volume.reason };
  if (!latest) return { ...base, status: "unknown", reason: "No runs received yet" };
  if (latest.status === "running") {
    const since = latest.startedAt ? ` ${formatDuration(seconds(latest.startedAt, now))} ago` : "";
    return {
      ...base,
      status: "running",
      reason: `Run ${latest.runId} started${since}; ${lastFinished ? "the run before it succeeded" : "no run has finished yet"}`,
    };
  }
  // Not failing and the newest run is not running: the last finished run exists and succeeded.
  const done = lastFinished!;
  const ago = done.finishedAt ? ` ${formatDuration(seconds(done.finishedAt, now))} ago` : "";
  return { ...base, status: "healthy", reason: `Last run ${done.runId} succeeded${ago}` };
}

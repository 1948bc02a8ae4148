/**
 * Pure pieces of an incident's timeline: stale periods recovered from a pipeline's successes,
 * drift verdict changes from the daily shares, and the merge into one list in time order.
 */
import { DRIFT_SHARE } from "@/lib/drift/stats/summary";
import { formatDuration } from "@/lib/pipelines/duration";

export const TIMELINE_KINDS = ["opened", "acknowledged", "resolved", "note", "promotion", "rollback", "pipeline_failed", "pipeline_stale", "drift"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  text: string;
  actor?: string;
}

/**
 * When the freshness promise broke between successes: a gap longer than expected + grace is a
 * stale period from (previous success + expected + grace) to the next success, or to `now`.
 */
export function stalePeriods(
  pipeline: string,
  successes: Date[],
  promise: { expectedEverySeconds: number | null; graceSeconds: number },
  now: Date,
): { at: Date; text: string }[] {
  if (promise.expectedEverySeconds === null) return [];
  const allowedMs = (promise.expectedEverySeconds + promise.graceSeconds) * 1000;
  const sorted = [...successes].sort((a, b) => a.getTime() - b.getTime());
  const periods: { at: Date; text: string }[] = [];
  sorted.forEach((success, i) => {
    const next = sorted[i + 1] ?? now;
    const overdue = success.getTime() + allowedMs;
    if (next.getTime() <= overdue) return;
    const ended = sorted[i + 1] ? `until the next success ${formatDuration((next.getTime() - overdue) / 1000)} later` : "and still is";
    periods.push({ at: new Date(overdue), text: `Pipeline ${pipeline} went stale: no successful run within ${formatDuration(allowedMs / 1000)}, ${ended}` });
  });
  return periods;
}

/** Days on which the model's drift verdict flipped, compared with the day before. */
export function driftVerdictChanges(shares: { day: string; share_drifted: number }[]): { at: Date; text: string }[] {
  const changes: { at: Date; text: string }[] = [];
  let before: boolean | null = null;
  for (const { day, share_drifted } of shares) {
    const drifting = share_drifted >= DRIFT_SHARE;
    if (before !== null && drifting !== before) {
      const pct = `${Math.round(share_drifted * 1000) / 10} %`;
      changes.push({
        at: new Date(`${day}T00:00:00Z`),
        text: drifting ? `Drift verdict: drifting (${pct} of features)` : `Drift verdict: no longer drifting (${pct} of features)`,
      });
    }
    before = drifting;
  }
  return changes;
}

/** One list in time order; at equal times the incident's own events come first. */
export function mergeTimeline(...parts: TimelineEntry[][]): TimelineEntry[] {
  return parts.flat().sort((a, b) => a.at.localeCompare(b.at));
}

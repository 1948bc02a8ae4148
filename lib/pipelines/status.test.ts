import { describe, expect, it } from "vitest";
import { derivePipelineStatus, type RunFacts, type StatusInput } from "./status";
import type { PipelineStatus } from "./schemas";

const T = Date.parse("2026-11-25T12:00:00Z");
const at = (offsetSeconds: number) => new Date(T + offsetSeconds * 1000);
const CREATED = at(-30 * 86400);

let counter = 0;
function run(status: RunFacts["status"], finishedOffset: number | null, extra: Partial<RunFacts> = {}): RunFacts {
  const finishedAt = finishedOffset === null ? null : at(finishedOffset);
  return {
    runId: extra.runId ?? `r${++counter}`,
    status,
    startedAt: at((finishedOffset ?? 0) - 60),
    finishedAt,
    rowsOut: 1000,
    checks: [],
    error: null,
    ...extra,
  };
}
/** n earlier successes, every 15 minutes before `before`, each writing `rows`. */
const history = (n: number, before: number, rows: number | ((i: number) => number)) =>
  Array.from({ length: n }, (_, i) => run("succeeded", before - (i + 1) * 900, { rowsOut: typeof rows === "number" ? rows : rows(i) }));

interface Case {
  name: string;
  now: number;
  every: number | null;
  grace?: number;
  runs: RunFacts[];
  status: PipelineStatus;
  reason: RegExp;
  overdueSince?: number | null;
  nextExpectedBy?: number | null;
  rowsThreshold?: number | null;
}

const cases: Case[] = [
  // unknown
  { name: "no runs, no promise", now: 0, every: null, runs: [], status: "unknown", reason: /^No runs received yet$/, overdueSince: null, nextExpectedBy: null },
  {
    name: "no runs, promise not yet broken at exactly created + every + grace",
    now: -30 * 86400 + 960,
    every: 900,
    grace: 60,
    runs: [],
    status: "unknown",
    reason: /No runs/,
    overdueSince: null,
    nextExpectedBy: -30 * 86400 + 960,
  },
  {
    name: "no runs, promise broken one millisecond later: stale since created + every + grace",
    now: -30 * 86400 + 960.001,
    every: 900,
    grace: 60,
    runs: [],
    status: "stale",
    reason: /No successful run since the pipeline appeared 16 min ago; expected every 15 min with 1 min grace/,
    overdueSince: -30 * 86400 + 960,
  },
  // healthy and the exact freshness boundary
  {
    name: "last run succeeded, no promise",
    now: 100 * 86400,
    every: null,
    runs: [run("succeeded", 0, { runId: "ok-1" })],
    status: "healthy",
    reason: /^Last run ok-1 succeeded 100 d ago$/,
    nextExpectedBy: null,
  },
  {
    name: "exactly expected_every + grace after the last success: still healthy",
    now: 960,
    every: 900,
    grace: 60,
    runs: [run("succeeded", 0)],
    status: "healthy",
    reason: /succeeded 16 min ago/,
    overdueSince: null,
    nextExpectedBy: 960,
  },
  {
    name: "one millisecond past expected_every + grace: stale, overdue since the deadline",
    now: 960.001,
    every: 900,
    grace: 60,
    runs: [run("succeeded", 0)],
    status: "stale",
    reason: /^No successful run for 16 min; expected every 15 min with 1 min grace$/,
    overdueSince: 960,
    nextExpectedBy: 960,
  },
  { name: "grace 0: exactly expected_every is on time", now: 900, every: 900, grace: 0, runs: [run("succeeded", 0)], status: "healthy", reason: /succeeded/ },
  {
    name: "grace 0: one millisecond past expected_every is stale",
    now: 900.001,
    every: 900,
    grace: 0,
    runs: [run("succeeded", 0)],
    status: "stale",
    reason: /expected every 15 min$/,
    overdueSince: 900,
  },
  {
    name: "a failed run does not refresh the promise: freshness counts successes only",
    now: 2000,
    every: 900,
    grace: 60,
    runs: [run("succeeded", 0), run("failed", 1900, { error: "boom" }), run("succeeded", 1950)],
    status: "healthy",
    reason: /succeeded/,
    nextExpectedBy: 1950 + 960,
  },
  // running
  {
    name: "only a running run",
    now: 120,
    every: null,
    runs: [run("running", null, { runId: "first" })],
    status: "running",
    reason: /^Run first started 3 min ago; no run has finished yet$/,
  },
  {
    name: "running after a success",
    now: 100,
    every: 900,
    runs: [run("succeeded", 0), run("running", null, { startedAt: at(40), runId: "next" })],
    status: "running",
    reason: /^Run next started 1 min ago; the run before it succeeded$/,
  },
  // failing
  {
    name: "last finished run failed, with its error",
    now: 10,
    every: 900,
    runs: [run("succeeded", -900), run("failed", 0, { runId: "bad", error: "S3 access denied" })],
    status: "failing",
    reason: /^Last run bad failed: S3 access denied$/,
  },
  {
    name: "a multi-line error: its first line is the reason",
    now: 10,
    every: null,
    runs: [run("failed", 0, { runId: "t", error: "ValueError: bad row\n  at line 3\n  at line 9" })],
    status: "failing",
    reason: /^Last run t failed: ValueError: bad row$/,
  },
  {
    name: "failed without error text",
    now: 10,
    every: null,
    runs: [run("failed", 0, { runId: "x" })],
    status: "failing",
    reason: /^Last run x failed: no error text was sent$/,
  },
  {
    name: "succeeded but a check failed, with its observed value",
    now: 10,
    every: null,
    runs: [
      run("succeeded", 0, {
        runId: "r-nulls",
        checks: [
          { name: "null_rate", passed: false, observed: 0.12 },
          { name: "unique_id", passed: true },
        ],
      }),
    ],
    status: "failing",
    reason: /^Check null_rate \(observed 0\.12\) failed in run r-nulls$/,
  },
  {
    name: "failed and a check failed: both in the reason",
    now: 10,
    every: null,
    runs: [run("failed", 0, { runId: "f", error: "exit 1", checks: [{ name: "row_count", passed: false }] })],
    status: "failing",
    reason: /^Last run f failed: exit 1; check row_count failed$/,
  },
  {
    name: "an earlier failure followed by a success is healthy",
    now: 10,
    every: null,
    runs: [run("failed", -900, { error: "x" }), run("succeeded", 0)],
    status: "healthy",
    reason: /succeeded/,
  },
  // tie-breaks
  {
    name: "failing beats stale (overdue_since still says since when)",
    now: 5000,
    every: 900,
    grace: 60,
    runs: [run("succeeded", 0), run("failed", 100, { error: "oom" })],
    status: "failing",
    reason: /oom/,
    overdueSince: 960,
  },
  {
    name: "failing beats volume_anomaly",
    now: 10,
    every: null,
    runs: [...history(5, 0, 1000), run("succeeded", 0, { rowsOut: 0 }), run("failed", 5, { error: "e" })],
    status: "failing",
    reason: /failed: e/,
  },
  {
    name: "failing beats running",
    now: 10,
    every: null,
    runs: [run("failed", 0, { error: "e" }), run("running", null, { startedAt: at(5) })],
    status: "failing",
    reason: /failed: e/,
  },
  {
    name: "stale beats volume_anomaly",
    now: 5000,
    every: 900,
    grace: 60,
    runs: [...history(5, 0, 1000), run("succeeded", 0, { rowsOut: 0 })],
    status: "stale",
    reason: /No successful run/,
  },
  {
    name: "stale beats running: a run that started is not a success",
    now: 5000,
    every: 900,
    grace: 60,
    runs: [run("succeeded", 0), run("running", null, { startedAt: at(4900) })],
    status: "stale",
    reason: /No successful run for 1 h 23 min/,
  },
  {
    name: "volume_anomaly beats running",
    now: 100,
    every: null,
    runs: [...history(10, 0, 1000), run("succeeded", 0, { rowsOut: 10, runId: "thin" }), run("running", null, { startedAt: at(50) })],
    status: "volume_anomaly",
    reason: /^Last successful run thin wrote 10 rows, under half the median of the 10 successful runs before it \(1,000\)$/,
    rowsThreshold: 500,
  },
  // volume anomaly boundaries
  {
    name: "wrote no rows, with no history",
    now: 10,
    every: null,
    runs: [run("succeeded", 0, { rowsOut: 0, runId: "z" })],
    status: "volume_anomaly",
    reason: /^Last successful run z wrote no rows$/,
    rowsThreshold: null,
  },
  {
    name: "exactly half the median is not an anomaly",
    now: 10,
    every: null,
    runs: [...history(10, 0, 1000), run("succeeded", 0, { rowsOut: 500 })],
    status: "healthy",
    reason: /succeeded/,
    rowsThreshold: 500,
  },
  {
    name: "just under half the median is",
    now: 10,
    every: null,
    runs: [...history(10, 0, 1000), run("succeeded", 0, { rowsOut: 499.9 })],
    status: "volume_anomaly",
    reason: /499\.9 rows/,
  },
  {
    name: "the median of an even count is the mean of the middle two",
    now: 10,
    every: null,
    runs: [...history(2, 0, (i) => [100, 300][i]), run("succeeded", 0, { rowsOut: 99 })],
    status: "volume_anomaly",
    reason: /median of the 2 successful runs before it \(200\)/,
    rowsThreshold: 100,
  },
  {
    name: "only the ten successes before the last count toward the median",
    now: 10,
    every: null,
    // ten at 100 rows, then two much older at a million: the median stays 100.
    runs: [...history(10, 0, 100), ...history(2, -20 * 900, 1_000_000), run("succeeded", 0, { rowsOut: 60 })],
    status: "healthy",
    reason: /succeeded/,
    rowsThreshold: 50,
  },
  {
    name: "failed runs do not count toward the median",
    now: 10,
    every: null,
    runs: [...history(3, 0, 100), run("failed", -10, { rowsOut: 1_000_000, error: "x" }), run("succeeded", 0, { rowsOut: 60 })],
    status: "healthy",
    reason: /succeeded/,
    rowsThreshold: 50,
  },
  {
    name: "unknown rows_out is no volume signal",
    now: 10,
    every: null,
    runs: [...history(5, 0, 1000), run("succeeded", 0, { rowsOut: null })],
    status: "healthy",
    reason: /succeeded/,
  },
];

describe("derivePipelineStatus", () => {
  it.each(cases)("$name → $status", (c) => {
    const input: StatusInput = { now: at(c.now), createdAt: CREATED, expectedEverySeconds: c.every, graceSeconds: c.grace ?? 0, runs: c.runs };
    const answer = derivePipelineStatus(input);
    expect(answer.status).toBe(c.status);
    expect(answer.reason).toMatch(c.reason);
    if (c.overdueSince !== undefined) expect(answer.overdueSince).toEqual(c.overdueSince === null ? null : at(c.overdueSince));
    if (c.nextExpectedBy !== undefined) expect(answer.nextExpectedBy).toEqual(c.nextExpectedBy === null ? null : at(c.nextExpectedBy));
    if (c.rowsThreshold !== undefined) expect(answer.rowsThreshold).toBe(c.rowsThreshold);
  });

  it("covers every status", () => {
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(["failing", "stale", "volume_anomaly", "running", "healthy", "unknown"]));
  });

  it("does not depend on the order the runs are given in", () => {
    const runs = [...history(10, 0, 1000), run("succeeded", 0, { rowsOut: 10 }), run("running", null, { startedAt: at(50) })];
    const forward = derivePipelineStatus({ now: at(100), createdAt: CREATED, expectedEverySeconds: null, graceSeconds: 0, runs });
    const backward = derivePipelineStatus({ now: at(100), createdAt: CREATED, expectedEverySeconds: null, graceSeconds: 0, runs: [...runs].reverse() });
    expect(backward).toEqual(forward);
  });

  it("reports the last success time", () => {
    const answer = derivePipelineStatus({
      now: at(10),
      createdAt: CREATED,
      expectedEverySeconds: null,
      graceSeconds: 0,
      runs: [run("succeeded", -100), run("succeeded", 0), run("failed", 5)],
    });
    expect(answer.lastSuccessAt).toEqual(at(0));
  });
});

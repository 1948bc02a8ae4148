import { describe, expect, it } from "vitest";
import { derivePipelineStatus } from "@/lib/pipelines/status";
import {
  evaluateTick,
  judgeDrift,
  judgeMetric,
  judgePipelineFailed,
  judgePipelineStale,
  type MetricCondition,
  type Observation,
  type RuleMemory,
  type TickAction,
} from "./evaluate";

const T0 = new Date("2026-11-25T12:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const BREACH: Observation = { breached: true, value: 200, text: "" };
const CLEAR: Observation = { breached: false, value: 100, text: "" };
const NO_DATA: Observation = { breached: null, value: null, text: "" };

describe("judgeMetric: threshold boundaries and aggregations", () => {
  const cond = (op: MetricCondition["op"], aggregation: MetricCondition["aggregation"] = "avg"): MetricCondition => ({
    metric: "latency_p95_ms",
    aggregation,
    window_seconds: 300,
    op,
    threshold: 150,
  });
  const agg = (values: number[]) => ({ count: values.length, sum: values.reduce((a, b) => a + b, 0), min: Math.min(...values), max: Math.max(...values) });
  it.each([
    [">", [150], false],
    [">", [150.0001], true],
    [">=", [150], true],
    [">=", [149.9999], false],
    ["<", [150], false],
    ["<", [149.9], true],
    ["<=", [150], true],
    ["<=", [150.1], false],
  ] as const)("%s 150 with avg of %j → %s", (op, values, breached) => {
    expect(judgeMetric(cond(op), agg([...values])).breached).toBe(breached);
  });
  it.each([
    ["avg", [100, 220], 160, true],
    ["max", [100, 160], 160, true],
    ["min", [100, 220], 100, false],
  ] as const)("%s of %j is %s", (aggregation, values, value, breached) => {
    const seen = judgeMetric(cond(">", aggregation), agg([...values]));
    expect(seen).toMatchObject({ value, breached });
  });
  it("no points in the window is no data, not clear", () => {
    expect(judgeMetric(cond(">"), null).breached).toBeNull();
    expect(judgeMetric(cond(">"), { count: 0, sum: 0, min: 0, max: 0 }).breached).toBeNull();
  });
  it("says what crossed, with units", () => {
    expect(judgeMetric(cond(">"), agg([180])).text).toBe("avg latency_p95_ms over 5 min is 180 ms > 150 ms");
    expect(judgeMetric(cond(">"), agg([120])).text).toBe("avg latency_p95_ms over 5 min is 120 ms ≤ 150 ms");
  });
});

interface Step {
  t: number;
  see: Observation;
  state: RuleMemory["state"];
  action: TickAction;
}

/** Runs a sequence of ticks, feeding each outcome's memory (and the incident it opens or resolves) into the next. */
function run(steps: Step[], opts: { forSeconds?: number; silencedUntil?: Date | null; acknowledgeAt?: number } = {}) {
  let memory: RuleMemory = { state: null, pendingSince: null };
  let incident: "open" | "acknowledged" | null = null;
  return steps.map((step) => {
    if (opts.acknowledgeAt !== undefined && step.t >= opts.acknowledgeAt && incident === "open") incident = "acknowledged";
    const outcome = evaluateTick({
      now: at(step.t),
      forSeconds: opts.forSeconds ?? 0,
      silencedUntil: opts.silencedUntil ?? null,
      memory,
      observation: step.see,
      incident,
    });
    memory = outcome.memory;
    if (outcome.action === "open") incident = "open";
    if (outcome.action === "resolve") incident = null;
    return { t: step.t, state: outcome.memory.state, action: outcome.action };
  });
}

const expected = (steps: Step[]) => steps.map(({ t, state, action }) => ({ t, state, action }));

describe("evaluateTick: a table of tick sequences", () => {
  const cases: { name: string; steps: Step[]; opts?: Parameters<typeof run>[1] }[] = [
    {
      name: "no for: fires at the first breach, once, and resolves by itself when clear",
      steps: [
        { t: 0, see: CLEAR, state: "ok", action: "none" },
        { t: 15, see: BREACH, state: "firing", action: "open" },
        { t: 30, see: BREACH, state: "firing", action: "none" },
        { t: 45, see: CLEAR, state: "ok", action: "resolve" },
        { t: 60, see: CLEAR, state: "ok", action: "none" },
      ],
    },
    {
      name: "for 60 s: pending until the breach has held 60 s, firing at exactly 60 s",
      opts: { forSeconds: 60 },
      steps: [
        { t: 0, see: BREACH, state: "pending", action: "none" },
        { t: 45, see: BREACH, state: "pending", action: "none" },
        { t: 59.999, see: BREACH, state: "pending", action: "none" },
        { t: 60, see: BREACH, state: "firing", action: "open" },
        { t: 75, see: BREACH, state: "firing", action: "none" },
      ],
    },
    {
      name: "flapping under for 60 s: every clear tick restarts the clock, nothing fires",
      opts: { forSeconds: 60 },
      steps: [
        { t: 0, see: BREACH, state: "pending", action: "none" },
        { t: 30, see: BREACH, state: "pending", action: "none" },
        { t: 45, see: CLEAR, state: "ok", action: "none" },
        { t: 60, see: BREACH, state: "pending", action: "none" },
        { t: 105, see: BREACH, state: "pending", action: "none" },
        { t: 110, see: CLEAR, state: "ok", action: "none" },
        { t: 120, see: BREACH, state: "pending", action: "none" },
        { t: 180, see: BREACH, state: "firing", action: "open" },
      ],
    },
    {
      name: "flapping without for: each breach after a clear is a new incident, never two at once",
      steps: [
        { t: 0, see: BREACH, state: "firing", action: "open" },
        { t: 15, see: CLEAR, state: "ok", action: "resolve" },
        { t: 30, see: BREACH, state: "firing", action: "open" },
        { t: 45, see: BREACH, state: "firing", action: "none" },
        { t: 60, see: CLEAR, state: "ok", action: "resolve" },
      ],
    },
    {
      name: "no data is neither firing nor clear: an open incident stays open, and the for clock restarts",
      opts: { forSeconds: 30 },
      steps: [
        { t: 0, see: NO_DATA, state: "no_data", action: "none" },
        { t: 15, see: BREACH, state: "pending", action: "none" },
        { t: 45, see: BREACH, state: "firing", action: "open" },
        { t: 60, see: NO_DATA, state: "no_data", action: "none" },
        { t: 75, see: NO_DATA, state: "no_data", action: "none" },
        { t: 90, see: BREACH, state: "pending", action: "none" },
        { t: 105, see: CLEAR, state: "ok", action: "resolve" },
      ],
    },
    {
      name: "silenced until t=60: fires but opens nothing until the silence ends, then opens",
      opts: { silencedUntil: at(60) },
      steps: [
        { t: 0, see: BREACH, state: "firing", action: "none" },
        { t: 59, see: BREACH, state: "firing", action: "none" },
        { t: 60, see: BREACH, state: "firing", action: "open" },
        { t: 75, see: CLEAR, state: "ok", action: "resolve" },
      ],
    },
    {
      name: "a silence that ends while clear opens nothing",
      opts: { silencedUntil: at(30) },
      steps: [
        { t: 0, see: BREACH, state: "firing", action: "none" },
        { t: 15, see: CLEAR, state: "ok", action: "none" },
        { t: 45, see: CLEAR, state: "ok", action: "none" },
      ],
    },
    {
      name: "acknowledged: clearing does not resolve it, a person does; no second incident meanwhile",
      opts: { acknowledgeAt: 15 },
      steps: [
        { t: 0, see: BREACH, state: "firing", action: "open" },
        { t: 15, see: BREACH, state: "firing", action: "none" },
        { t: 30, see: CLEAR, state: "ok", action: "none" },
        { t: 45, see: BREACH, state: "firing", action: "none" },
      ],
    },
  ];
  it.each(cases)("$name", ({ steps, opts }) => {
    expect(run(steps, opts)).toEqual(expected(steps));
  });

  it("a silenced rule still resolves its open incident when the condition clears", () => {
    const outcome = evaluateTick({
      now: at(10),
      forSeconds: 0,
      silencedUntil: at(3600),
      memory: { state: "firing", pendingSince: at(0) },
      observation: CLEAR,
      incident: "open",
    });
    expect(outcome.action).toBe("resolve");
  });
});

describe("judgeDrift reads the drift page's verdict", () => {
  const verdict = {
    share_drifted: 0.4,
    drifted: false,
    features: [
      { feature: "amount", drifted: true, method: "ks", statistic: 0.3, p_value: 0.001 },
      { feature: "country", drifted: false, method: "chisquare", statistic: 1.2, p_value: 0.5 },
    ],
  };
  it.each([
    [{}, false],
    [{ share_at_least: 0.4 }, true],
    [{ share_at_least: 0.41 }, false],
    [{ feature: "amount" }, true],
    [{ feature: "country" }, false],
  ])("%j → %s", (condition, breached) => {
    expect(judgeDrift(condition, verdict).breached).toBe(breached);
  });
  it("without a verdict, or for an unknown feature, there is no data", () => {
    expect(judgeDrift({}, null).breached).toBeNull();
    expect(judgeDrift({}, { share_drifted: 0, drifted: false, features: [] }).breached).toBeNull();
    expect(judgeDrift({ feature: "missing" }, verdict).breached).toBeNull();
  });
  it("with the default condition, fires exactly when the page says drifting", () => {
    expect(judgeDrift({}, { ...verdict, share_drifted: 0.5, drifted: true }).breached).toBe(true);
  });
});

describe("pipeline kinds read the pipelines page's status", () => {
  const run = (status: "succeeded" | "failed", finishedSecondsAgo: number, now: Date) => ({
    runId: `r-${finishedSecondsAgo}`,
    status,
    startedAt: new Date(now.getTime() - (finishedSecondsAgo + 60) * 1000),
    finishedAt: new Date(now.getTime() - finishedSecondsAgo * 1000),
    rowsOut: 100,
    checks: [],
    error: status === "failed" ? "boom" : null,
  });
  const verdict = (runs: ReturnType<typeof run>[], expectedEverySeconds: number | null, now = at(0)) => {
    const answer = derivePipelineStatus({ now, createdAt: at(-86_400), expectedEverySeconds, graceSeconds: 300, runs });
    return {
      status: answer.status,
      reason: answer.reason,
      expected_every_seconds: expectedEverySeconds,
      overdue_since: answer.overdueSince?.toISOString() ?? null,
    };
  };
  it("stale exactly when the freshness promise is broken: on time at the boundary, stale a millisecond after", () => {
    const now = at(0);
    // Last success 3600 + 300 s ago with hourly promise and 5 min grace: still on time.
    expect(judgePipelineStale(verdict([run("succeeded", 3900, now)], 3600, now)).breached).toBe(false);
    const later = new Date(now.getTime() + 1);
    expect(judgePipelineStale(verdict([run("succeeded", 3900, now)], 3600, later)).breached).toBe(true);
  });
  it("stale while failing too: the page shows failing, the stale rule still sees the broken promise", () => {
    const v = verdict([run("succeeded", 10_000, at(0)), run("failed", 60, at(0))], 3600);
    expect(v.status).toBe("failing");
    expect(judgePipelineStale(v).breached).toBe(true);
  });
  it("without a schedule a stale rule has no data", () => {
    expect(judgePipelineStale(verdict([run("succeeded", 60, at(0))], null)).breached).toBeNull();
  });
  it("failed fires when the page says failing, clears on the next success, has no data without runs", () => {
    expect(judgePipelineFailed(verdict([run("failed", 60, at(0))], null))).toMatchObject({ breached: true, text: "Last run r-60 failed: boom" });
    expect(judgePipelineFailed(verdict([run("failed", 600, at(0)), run("succeeded", 60, at(0))], null)).breached).toBe(false);
    expect(judgePipelineFailed(verdict([], null)).breached).toBeNull();
  });
});

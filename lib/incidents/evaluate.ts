/**
 * Alert rule evaluation as pure functions: what a rule sees now (an observation) and what it
 * remembers from its last tick decide whether an incident opens, resolves, or nothing happens.
 * Time is passed in, never read here, so every boundary is testable to the millisecond.
 */
import type { RuleState } from "@/drizzle/schema/incidents";
import { formatMetric } from "@/lib/metrics/display";
import type { PipelineStatus } from "@/lib/pipelines/schemas";

export const COMPARISONS = [">", ">=", "<", "<="] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const AGGREGATIONS = ["avg", "min", "max"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** What a rule sees at one tick. `no_data` is neither firing nor clear. */
export type Observation = { breached: boolean; value: number | null; text: string } | { breached: null; value: null; text: string };

export interface RuleMemory {
  state: RuleState | null;
  /** Since when the condition has held without a break: the clock that `for_seconds` reads. */
  pendingSince: Date | null;
}

export interface TickInput {
  now: Date;
  forSeconds: number;
  silencedUntil: Date | null;
  memory: RuleMemory;
  observation: Observation;
  /** The rule's incident for this target that is not resolved, if any. */
  incident: "open" | "acknowledged" | null;
}

export type TickAction = "open" | "resolve" | "none";

export interface TickOutcome {
  memory: RuleMemory;
  action: TickAction;
}

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

/**
 * One tick of one rule. A breach must hold for `forSeconds` (from the first tick that saw it)
 * before it fires; any tick that sees it clear, or sees nothing, restarts that clock. A firing
 * rule opens an incident unless one is already open or the rule is silenced; a clear rule
 * resolves an open incident by itself, but an acknowledged one waits for the person who took it.
 */
export function evaluateTick(input: TickInput): TickOutcome {
  const { now, observation, incident } = input;
  if (observation.breached === null) return { memory: { state: "no_data", pendingSince: null }, action: "none" };
  if (!observation.breached) return { memory: { state: "ok", pendingSince: null }, action: incident === "open" ? "resolve" : "none" };
  const pendingSince = input.memory.pendingSince ?? now;
  if (now.getTime() - pendingSince.getTime() < input.forSeconds * 1000) return { memory: { state: "pending", pendingSince }, action: "none" };
  const silenced = input.silencedUntil !== null && input.silencedUntil.getTime() > now.getTime();
  return { memory: { state: "firing", pendingSince }, action: incident === null && !silenced ? "open" : "none" };
}

export interface MetricCondition {
  metric: string;
  aggregation: Aggregation;
  window_seconds: number;
  op: Comparison;
  threshold: number;
  for_seconds?: number;
}

/** count/sum/min/max of a metric over the rule's window, summed from the rollups. */
export interface MetricAggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
}

const windowWords = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

export function judgeMetric(condition: MetricCondition, aggregate: MetricAggregate | null): Observation {
  const what = `${condition.aggregation} ${condition.metric} over ${windowWords(condition.window_seconds)}`;
  if (!aggregate || aggregate.count === 0)
    return { breached: null, value: null, text: `No data: no ${condition.metric} points in the last ${windowWords(condition.window_seconds)}` };
  const value = condition.aggregation === "avg" ? aggregate.sum / aggregate.count : aggregate[condition.aggregation];
  const breached = compare(value, condition.op, condition.threshold);
  const sign = breached ? condition.op : negate(condition.op);
  return { breached, value, text: `${what} is ${formatMetric(condition.metric, value)} ${sign} ${formatMetric(condition.metric, condition.threshold)}` };
}

export function negate(op: Comparison): string {
  return { ">": "≤", ">=": "<", "<": "≥", "<=": ">" }[op];
}

export interface DriftCondition {
  share_at_least?: number;
  feature?: string;
}

/** The drift verdict the drift page shows for the window. */
export interface DriftVerdict {
  share_drifted: number;
  drifted: boolean;
  features: { feature: string; drifted: boolean; method: string; statistic: number | null; p_value: number | null }[];
}

const pct = (share: number) => `${Math.round(share * 1000) / 10} %`;

export function judgeDrift(condition: DriftCondition, verdict: DriftVerdict | null): Observation {
  if (!verdict || verdict.features.length === 0)
    return { breached: null, value: null, text: "No data: no reference sample or no feature traffic in the last 24 h" };
  if (condition.feature !== undefined) {
    const feature = verdict.features.find((f) => f.feature === condition.feature);
    if (!feature) return { breached: null, value: null, text: `No data: feature ${condition.feature} has no verdict in the last 24 h` };
    const measure = feature.p_value !== null ? `p = ${feature.p_value.toPrecision(3)}` : `${feature.method} = ${feature.statistic?.toPrecision(3) ?? "∞"}`;
    return {
      breached: feature.drifted,
      value: feature.statistic,
      text: `Feature ${feature.feature} ${feature.drifted ? "is drifting" : "is not drifting"} (${feature.method}, ${measure})`,
    };
  }
  const breached = condition.share_at_least !== undefined ? verdict.share_drifted >= condition.share_at_least : verdict.drifted;
  const bar = condition.share_at_least !== undefined ? ` (rule: at least ${pct(condition.share_at_least)})` : "";
  return { breached, value: verdict.share_drifted, text: `${pct(verdict.share_drifted)} of features drifted in the last 24 h${bar}` };
}

/** A pipeline's status as the pipelines page derives it. */
export interface PipelineVerdict {
  status: PipelineStatus;
  reason: string;
  expected_every_seconds: number | null;
  overdue_since: string | null;
}

/** Stale is the broken freshness promise, even while a failure outranks it on the page. */
export function judgePipelineStale(verdict: PipelineVerdict): Observation {
  if (verdict.expected_every_seconds === null)
    return { breached: null, value: null, text: "No data: the pipeline promises no schedule (set expected_every_seconds)" };
  if (verdict.overdue_since === null) return { breached: false, value: null, text: "Fresh: the last success is within the promised schedule" };
  return {
    breached: true,
    value: null,
    text: `Stale since ${verdict.overdue_since}: ${verdict.status === "stale" ? verdict.reason : "no successful run within the promised schedule"}`,
  };
}

export function judgePipelineFailed(verdict: PipelineVerdict): Observation {
  if (verdict.status === "unknown") return { breached: null, value: null, text: `No data: ${verdict.reason}` };
  return { breached: verdict.status === "failing", value: null, text: verdict.reason };
}

import type { ModelStatus } from "@/lib/registry/schemas";
import type { ModelHealth } from "./health-summary";

/** An error rate at or above this, over 24 hours, is degraded service whatever the model's usual. */
export const DEGRADED_ERROR_RATE = 0.01;
/** The latest hour's p95 latency this many times its 24-hour average is a regression. */
export const DEGRADED_LATENCY_FACTOR = 1.5;
/** The last 24 hours' p95 this many times the model's own baseline is a regression. */
export const BASELINE_LATENCY_FACTOR = 1.3;
/** The last 24 hours' error rate this many times the baseline, and at least BASELINE_ERROR_MARGIN above it, is a regression. */
export const BASELINE_ERROR_FACTOR = 2;
export const BASELINE_ERROR_MARGIN = 0.001;

/** What a model's serving figures are compared with (see baseline.ts for the window). */
export interface ServingBaseline {
  from: string;
  to: string;
  /** The version whose promotion the baseline precedes; null when it is the model's own week before the last 24 h. */
  before_promotion_of: string | null;
  promoted_at: string | null;
  p95_latency_ms: number | null;
  error_rate: number | null;
}

export interface StatusVerdict {
  status: ModelStatus;
  /** Why a model is degraded, in words; null otherwise. */
  reason: string | null;
  /** When the degradation began, where it can be told. */
  since: string | null;
}

const ms = (v: number) => `${v.toPrecision(3)} ms`;
const pct = (v: number) => `${(v * 100).toPrecision(2)} %`;

function baselineName(baseline: ServingBaseline): string {
  return baseline.before_promotion_of ? `its baseline before ${baseline.before_promotion_of}'s promotion` : "its baseline of the week before";
}

/** The first hour of the window at or above `bound`, else the window's start. */
function firstAbove(points: { ts: string; value: number }[], bound: number, fallback: string): string {
  return points.find((p) => p.value >= bound)?.ts ?? fallback;
}

/**
 * A model's one word for the fleet, with the reason and since when: `drifting` (half or more
 * features drifted in 24 h) outranks `degraded`, which is any of: errors at 1 % or more; the 24 h
 * p95 or error rate well above the model's own baseline (a regression a promotion brought stays
 * visible however long it lasts, until a week has passed); the latest hour's p95 well above the
 * day's. A model with serving metrics or drift verdicts and no problem is `healthy`; with no signal
 * at all it is honestly `unknown`.
 */
export function judgeModel(drift: { drifted: boolean } | undefined, health: ModelHealth, baseline: ServingBaseline | null = null): StatusVerdict {
  if (drift?.drifted) return { status: "drifting", reason: null, since: null };
  const degraded = (reason: string, since: string): StatusVerdict => ({ status: "degraded", reason, since });
  const p95 = health.p95_latency_ms;
  const errors = health.error_rate;
  const promotedAt = baseline?.promoted_at ?? null;
  if (baseline?.p95_latency_ms != null && p95 !== null && p95 >= BASELINE_LATENCY_FACTOR * baseline.p95_latency_ms)
    return degraded(
      `p95 latency ${ms(p95)} over 24 h is ${(p95 / baseline.p95_latency_ms).toFixed(1)}× ${baselineName(baseline)} (${ms(baseline.p95_latency_ms)})`,
      promotedAt ?? firstAbove(health.sparklines.latency_p95_ms, BASELINE_LATENCY_FACTOR * baseline.p95_latency_ms, health.window_from),
    );
  if (errors !== null && errors >= DEGRADED_ERROR_RATE)
    return degraded(`error rate ${pct(errors)} over 24 h (1 % or more)`, firstAbove(health.sparklines.error_rate, DEGRADED_ERROR_RATE, health.window_from));
  if (
    baseline?.error_rate != null &&
    errors !== null &&
    errors >= BASELINE_ERROR_FACTOR * baseline.error_rate &&
    errors - baseline.error_rate >= BASELINE_ERROR_MARGIN
  )
    return degraded(
      `error rate ${pct(errors)} over 24 h is ${(errors / baseline.error_rate).toFixed(1)}× ${baselineName(baseline)} (${pct(baseline.error_rate)})`,
      promotedAt ?? firstAbove(health.sparklines.error_rate, BASELINE_ERROR_FACTOR * baseline.error_rate, health.window_from),
    );
  const latest = health.sparklines.latency_p95_ms.at(-1);
  if (latest !== undefined && p95 !== null && latest.value >= DEGRADED_LATENCY_FACTOR * p95)
    return degraded(`p95 latency in the latest hour ${ms(latest.value)} is ${(latest.value / p95).toFixed(1)}× the day's (${ms(p95)})`, latest.ts);
  const hasSignal = drift !== undefined || errors !== null || p95 !== null || health.requests_per_minute !== null;
  return { status: hasSignal ? "healthy" : "unknown", reason: null, since: null };
}

/** The one word alone (the Models page, `GET /models`). */
export function deriveModelStatus(drift: { drifted: boolean } | undefined, health: ModelHealth, baseline: ServingBaseline | null = null): ModelStatus {
  return judgeModel(drift, health, baseline).status;
}

import type { ModelStatus } from "@/lib/registry/schemas";
import type { ModelHealth } from "./health-summary";

/** An error rate at or above this, over 24 hours, is degraded service whatever the latency. */
export const DEGRADED_ERROR_RATE = 0.01;
/** The latest hour's p95 latency this many times its 24-hour average is a regression. */
export const DEGRADED_LATENCY_FACTOR = 1.5;

/**
 * A model's one-word status for the fleet: `drifting` (half or more features drifted in 24 h)
 * outranks `degraded` (errors or a latency regression); a model with serving metrics or drift
 * verdicts and neither problem is `healthy`; with no signal at all it is honestly `unknown`.
 */
export function deriveModelStatus(drift: { drifted: boolean } | undefined, health: ModelHealth): ModelStatus {
  if (drift?.drifted) return "drifting";
  if (health.error_rate !== null && health.error_rate >= DEGRADED_ERROR_RATE) return "degraded";
  const latest = health.sparklines.latency_p95_ms.at(-1)?.value;
  if (latest !== undefined && health.p95_latency_ms !== null && latest >= DEGRADED_LATENCY_FACTOR * health.p95_latency_ms) return "degraded";
  const hasSignal = drift !== undefined || health.error_rate !== null || health.p95_latency_ms !== null || health.requests_per_minute !== null;
  return hasSignal ? "healthy" : "unknown";
}

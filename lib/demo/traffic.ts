/**
 * Synthetic but plausible serving metrics for the demo fleet: daily seasonality, noise, and one
 * latency regression right after fraud-detector v3 reached production. Pure and deterministic,
 * so the demo looks the same on every machine and the seed and the live simulator agree.
 */
export const DEMO_METRICS = ["latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "requests_per_minute", "error_rate"] as const;

export interface StageWindow {
  stage: "staging" | "production";
  from: number;
  to: number;
}

/** Deterministic noise in [-1, 1] from a string and a time: the same inputs always give the same value. */
export function noise(seed: string, t: number): number {
  let h = 2166136261 ^ Math.floor(t / 1000);
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (((h ^ (h >>> 16)) >>> 0) / 4294967295) * 2 - 1;
}

const HOUR = 3_600_000;

export interface VersionProfile {
  model: string;
  version: string;
  /** Base p50 latency in ms; the others scale from it. */
  baseLatencyMs: number;
  /** Production requests per minute at the daily mean. */
  baseRpm: number;
  baseErrorRate: number;
  quality?: { metric: string; value: number };
  /** When set, latency is this much higher for 36 hours after reaching production. */
  regressionAfterPromotion?: number;
}

export function metricValues(profile: VersionProfile, window: StageWindow, t: number): Record<string, number> {
  const seed = `${profile.model}/${profile.version}`;
  const daily = 1 + 0.35 * Math.sin(((t / HOUR - 6) / 24) * 2 * Math.PI);
  const share = window.stage === "production" ? 1 : 0.05;
  const regression = profile.regressionAfterPromotion && window.stage === "production" && t - window.from < 36 * HOUR ? profile.regressionAfterPromotion : 1;
  const load = 1 + 0.15 * (daily - 1);
  const p50 = profile.baseLatencyMs * load * regression * (1 + 0.08 * noise(seed + "p50", t));
  return {
    latency_p50_ms: round(p50),
    latency_p95_ms: round(p50 * 2.2 * (1 + 0.1 * noise(seed + "p95", t))),
    latency_p99_ms: round(p50 * 3.6 * (1 + 0.15 * noise(seed + "p99", t))),
    requests_per_minute: Math.max(0, Math.round(profile.baseRpm * share * daily * (1 + 0.1 * noise(seed + "rpm", t)))),
    error_rate: Math.max(0, round(profile.baseErrorRate * regression * (1 + 0.4 * noise(seed + "err", t)), 5)),
  };
}

export function qualityValue(profile: VersionProfile, t: number): number | null {
  if (!profile.quality) return null;
  return round(profile.quality.value - 0.01 + 0.008 * noise(`${profile.model}/${profile.version}q`, t), 4);
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

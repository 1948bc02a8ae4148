import "server-only";
import type { Db } from "@/lib/db";
import { ingestMetricPoints } from "@/lib/ingest/commands";
import type { MetricPointInput } from "@/lib/ingest/schemas";
import { log } from "@/lib/log";
import { DEMO_LABEL_DELAY_MS, DEMO_MODELS } from "@/lib/demo/fleet";
import type { SimulatorTick } from "@/lib/demo/simulator";

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
  /** When set, latency (and errors) are this much higher from the moment it reached production on: the demo's open incident. */
  regressionAfterPromotion?: number;
  /** An online metric measured on production traffic as it is served (clicks need no label delay). */
  online?: { metric: string; value: number };
}

export function metricValues(profile: VersionProfile, window: StageWindow, t: number): Record<string, number> {
  const seed = `${profile.model}/${profile.version}`;
  const daily = 1 + 0.35 * Math.sin(((t / HOUR - 6) / 24) * 2 * Math.PI);
  const share = window.stage === "production" ? 1 : 0.05;
  const regression = profile.regressionAfterPromotion && window.stage === "production" && t >= window.from ? profile.regressionAfterPromotion : 1;
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

/** The online metric at `t` on production traffic; null for versions without one or outside production. */
export function onlineValue(profile: VersionProfile, window: StageWindow, t: number): number | null {
  if (!profile.online || window.stage !== "production") return null;
  return round(profile.online.value * (1 + 0.02 * noise(`${profile.model}/${profile.version}ctr`, t)), 4);
}

export function qualityValue(profile: VersionProfile, t: number): number | null {
  if (!profile.quality) return null;
  return round(profile.quality.value - 0.01 + 0.008 * noise(`${profile.model}/${profile.version}q`, t), 4);
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const DAY = 86_400_000;
const STEP = 5 * 60_000;
const HISTORY_DAYS = 14;
// Labels arrive late: quality is known only for traffic older than this (as for the predictions), and hourly.
const LABEL_DELAY = DEMO_LABEL_DELAY_MS;
const BATCH = 10_000;
const FRAUD_EPISODE_MS = 3 * DAY;
const FRAUD_EPISODE_AUC_LOSS = 0.12;

const PROFILES: Record<string, Omit<VersionProfile, "version">> = {
  "fraud-detector": { model: "fraud-detector", baseLatencyMs: 18, baseRpm: 2400, baseErrorRate: 0.002, quality: { metric: "auc", value: 0 } },
  "churn-predictor": { model: "churn-predictor", baseLatencyMs: 42, baseRpm: 300, baseErrorRate: 0.004, quality: { metric: "accuracy", value: 0 } },
  "search-ranker": { model: "search-ranker", baseLatencyMs: 9, baseRpm: 9000, baseErrorRate: 0.001 },
  "credit-risk": { model: "credit-risk", baseLatencyMs: 65, baseRpm: 120, baseErrorRate: 0.003, quality: { metric: "auc", value: 0 } },
  "delivery-eta": { model: "delivery-eta", baseLatencyMs: 25, baseRpm: 600, baseErrorRate: 0.002 },
};

/**
 * search-ranker's click-through measured online: v8 promised more offline (its declared metric)
 * and delivered 9 % less to real users, which is why on-call rolled it back within the hour.
 */
const ONLINE_CTR: Record<string, number> = { v7: 0.112, v8: 0.102 };

/** Each demo version's profile and the windows in which it served staging or production traffic. */
export function demoServingWindows(now: number): { profile: VersionProfile; windows: StageWindow[] }[] {
  return DEMO_MODELS.flatMap((model) =>
    model.versions.map((version) => {
      const base = PROFILES[model.name];
      const metric = base.quality?.metric;
      const profile: VersionProfile = {
        ...base,
        version: version.version,
        quality: metric && version.metrics[metric] !== undefined ? { metric, value: version.metrics[metric] } : undefined,
        regressionAfterPromotion: model.name === "fraud-detector" && version.version === "v3" ? 1.7 : undefined,
        online: model.name === "search-ranker" ? { metric: "click_through_rate", value: ONLINE_CTR[version.version] ?? 0.112 } : undefined,
      };
      const stages = [...(version.stages ?? [])].sort((a, b) => b.daysAgo - a.daysAgo);
      // A version serves a stage until its next move, or until a later version takes that stage.
      const windows = stages.map((stage, i) => {
        const from = now - stage.daysAgo * DAY;
        const nextOwn = stages[i + 1] ? now - stages[i + 1].daysAgo * DAY : now;
        const successor = model.versions
          .flatMap((v) => (v.version === version.version ? [] : (v.stages ?? [])).filter((s) => s.to === stage.to))
          .map((s) => now - s.daysAgo * DAY)
          .filter((t) => t > from)
          .sort((a, b) => a - b)[0];
        return { stage: stage.to, from, to: Math.min(nextOwn, successor ?? now) };
      });
      return { profile, windows };
    }),
  );
}

function pointsAt(profile: VersionProfile, window: StageWindow, t: number, now: number): MetricPointInput[] {
  const ts = new Date(t).toISOString();
  const values = metricValues(profile, window, t);
  const points: MetricPointInput[] = DEMO_METRICS.map((metric) => ({ model: profile.model, version: profile.version, metric, ts, value: values[metric] }));
  const online = onlineValue(profile, window, t);
  if (profile.online && online !== null) points.push({ model: profile.model, version: profile.version, metric: profile.online.metric, ts, value: online });
  const quality = qualityValue(profile, t);
  if (profile.quality && quality !== null && t < now - LABEL_DELAY && t % (60 * 60_000) === 0) {
    // The card-testing ring of the drift demo (its last three days) costs fraud-detector AUC here
    // as in its predictions: the labeled metric falls once the episode's labels arrive.
    const episode = profile.model === "fraud-detector" && t >= now - FRAUD_EPISODE_MS ? FRAUD_EPISODE_AUC_LOSS : 0;
    points.push({ model: profile.model, version: profile.version, metric: profile.quality.metric, ts, value: round(quality - episode, 4) });
  }
  return points;
}

/** Fourteen days of 5-minute metrics for every version while it served, through the ingest domain. */
export async function seedMetricHistory(db: Db, now = Date.now()): Promise<number> {
  const start = Math.floor((now - HISTORY_DAYS * DAY) / STEP) * STEP;
  const all: MetricPointInput[] = [];
  for (const { profile, windows } of demoServingWindows(now)) {
    for (const window of windows) {
      for (let t = Math.max(start, Math.ceil(window.from / STEP) * STEP); t < window.to && t <= now; t += STEP) all.push(...pointsAt(profile, window, t, now));
    }
  }
  for (let i = 0; i < all.length; i += BATCH) {
    await ingestMetricPoints(db, all.slice(i, i + BATCH));
    log.info("seeding demo metric history", { points: Math.min(i + BATCH, all.length), of: all.length });
  }
  return all.length;
}

/** The points the live simulator sends for this moment: what each currently serving version reports. */
export function livePoints(now: number): MetricPointInput[] {
  return demoServingWindows(now).flatMap(({ profile, windows }) =>
    windows.filter((w) => w.to >= now - 60_000 && w.from <= now).flatMap((w) => pointsAt(profile, { ...w, to: now }, now, now)),
  );
}

/** Every tick, each serving version reports its current latency, traffic and errors. */
export const pushLiveMetrics: SimulatorTick = async (client, now) => {
  const points = livePoints(now.getTime());
  if (points.length) await client.post("/api/v1/ingest/metrics", { points });
};

import "server-only";
import type { Db } from "@/lib/db";
import { DEMO_LABEL_DELAY_MS, DEMO_MODELS } from "@/lib/demo/fleet";
import type { SimulatorTick } from "@/lib/demo/simulator";
import { seededRandom, type Random } from "@/lib/drift/reservoir";
import { log } from "@/lib/log";
import { demoServingWindows } from "@/lib/metrics/demo";
import { ingestLabels, ingestPredictions } from "./commands";
import { seedFromText } from "./stats";

/*
 * The demo's predictions and late labels, pure and deterministic: each prediction is a function of
 * (model, version, time), so the seed and the live simulator agree on every id, score and label.
 *
 * Classifiers: a record's true probability of the positive class is p = σ(z), z ~ N(mean, spread);
 * its label is drawn with that probability. The model's score σ(1.3·z + 0.4) is over-confident,
 * which is why CBPE calibrates on the reference (whose records carry score and label) before
 * trusting it. During fraud-detector's drift episode (the card-testing ring of the drift demo)
 * z ~ N(-1.3, 1.0): transactions the model cannot tell apart, so both the estimated and, two days
 * later, the realized ROC AUC fall from about 0.87 to about 0.74.
 *
 * delivery-eta (regression): minutes to the doorstep, predicted with an error that v2 narrowed.
 * Labels arrive two days after their prediction: realized quality stops two days ago, estimated
 * carries on to now.
 */

export const LABEL_DELAY_MS = DEMO_LABEL_DELAY_MS;
const EPISODE_START_MS = 3 * 86_400_000;
const HISTORY_MS = 14 * 86_400_000;
/** One production prediction a minute per model, one staging (shadow) prediction every five. */
const PRODUCTION_EVERY_MS = 60_000;
const STAGING_EVERY_MS = 5 * 60_000;
const BATCH = 10_000;

const CLASSIFIERS: Record<string, { mean: number; spread: number }> = {
  "fraud-detector": { mean: -2.6, spread: 1.9 },
  "churn-predictor": { mean: -1.1, spread: 1.4 },
  "credit-risk": { mean: -1.8, spread: 1.3 },
};
const FRAUD_EPISODE = { mean: -1.3, spread: 1.0 };
/** Newer versions separate the classes a little better; their errors are a little smaller. */
const IMPROVEMENT_PER_VERSION = 0.06;

export interface DemoOutcome {
  prediction: number;
  score?: number;
  label: number;
}

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function versionRank(model: string, version: string): number {
  return Math.max(0, DEMO_MODELS.find((m) => m.name === model)?.versions.findIndex((v) => v.version === version) ?? 0);
}

/** A model's output and the truth for one record, from a seeded generator; null for models without a quality task. */
export function demoOutcome(model: string, version: string, random: Random, episode: boolean): DemoOutcome | null {
  const better = 1 + IMPROVEMENT_PER_VERSION * versionRank(model, version);
  if (model === "delivery-eta") {
    const minutes = 12 + 20 * Math.exp(0.45 * normal(random));
    return { prediction: round(minutes + (4.5 / better) * normal(random), 1), label: round(minutes, 1) };
  }
  const profile = CLASSIFIERS[model];
  if (!profile) return null;
  const { mean, spread } = episode && model === "fraud-detector" ? FRAUD_EPISODE : profile;
  const z = mean + spread * better * normal(random);
  const score = round(sigmoid(1.3 * z + 0.4), 4);
  return { prediction: score >= 0.5 ? 1 : 0, score, label: random() < sigmoid(z) ? 1 : 0 };
}

/** The prediction a version made at `ts` (its id encodes both, so the label can find it later). */
export function demoPrediction(model: string, version: string, ts: number, now: number) {
  const outcome = demoOutcome(model, version, seededRandom(seedFromText(`${model}/${version}/${ts}`)), ts >= now - EPISODE_START_MS);
  return outcome && { id: `${version}-${ts}`, ts: new Date(ts).toISOString(), ...outcome };
}

/** The model's outputs on reference records, so that CBPE can calibrate its scores. */
export function demoReferenceOutputs(model: string, version: string, count: number): (Omit<DemoOutcome, "label"> & { label: number })[] {
  const random = seededRandom(seedFromText(`${model}/${version}/reference`));
  return Array.from({ length: count }, () => demoOutcome(model, version, random, false)).filter((o) => o !== null);
}

/** Prediction times of every serving version in [from, to]: on a grid, so that seed and simulator meet. */
function predictionTimes(from: number, to: number, now: number) {
  return demoServingWindows(now).flatMap(({ profile, windows }) =>
    windows.flatMap((window) => {
      const every = window.stage === "production" ? PRODUCTION_EVERY_MS : STAGING_EVERY_MS;
      const times: number[] = [];
      for (let t = Math.ceil(Math.max(from, window.from) / every) * every; t < Math.min(to, window.to); t += every) times.push(t);
      return times.length ? [{ model: profile.model, version: profile.version, times }] : [];
    }),
  );
}

/** Fourteen days of predictions for every serving version, and the labels of those older than two days. */
export async function seedQualityDemo(db: Db, now = Date.now()): Promise<void> {
  const started = Date.now();
  let predictions = 0;
  let labels = 0;
  for (const { model, version, times } of predictionTimes(now - HISTORY_MS, now + 1, now)) {
    const records = times.map((t) => demoPrediction(model, version, t, now)).filter((r) => r !== null);
    for (let i = 0; i < records.length; i += BATCH) {
      const batch = records.slice(i, i + BATCH);
      await db.transaction((tx) =>
        ingestPredictions(tx, { model, version, records: batch.map(({ id, ts, prediction, score }) => ({ id, ts, prediction, score })) }),
      );
      const settled = batch.filter((r) => Date.parse(r.ts) < now - LABEL_DELAY_MS);
      if (settled.length) await db.transaction((tx) => ingestLabels(tx, { model, records: settled.map(({ id, label }) => ({ id, label })) }));
      predictions += batch.length;
      labels += settled.length;
    }
  }
  log.info("seeding demo", { what: "predictions and late labels", predictions, labels, ms: Date.now() - started });
}

/**
 * The live simulator's part: the predictions of the last two minutes, and the labels that have
 * just settled (predictions made two days ago). Both are sent again on the next tick; repeats are
 * stored once, so a slow or missed tick loses nothing.
 */
export const pushLivePredictions: SimulatorTick = async (client, at) => {
  const now = at.getTime();
  for (const { model, version, times } of predictionTimes(now - 2 * PRODUCTION_EVERY_MS, now + 1, now)) {
    const records = times.map((t) => demoPrediction(model, version, t, now)).filter((r) => r !== null);
    if (records.length === 0) continue;
    const res = await client.post("/api/v1/ingest/predictions", {
      model,
      version,
      records: records.map(({ id, ts, prediction, score }) => ({ id, ts, prediction, score })),
    });
    if (res.status !== 202) log.warn("simulator: prediction batch refused", { model, version, status: res.status });
  }
  const settledAt = now - LABEL_DELAY_MS;
  for (const { model, version, times } of predictionTimes(settledAt - 2 * PRODUCTION_EVERY_MS, settledAt, now)) {
    // The episode is judged from the prediction's own time, as when it was made.
    const records = times.map((t) => demoPrediction(model, version, t, t + LABEL_DELAY_MS)).filter((r) => r !== null);
    if (records.length === 0) continue;
    const res = await client.post("/api/v1/ingest/labels", { model, records: records.map(({ id, label }) => ({ id, label })) });
    if (res.status !== 202) log.warn("simulator: label batch refused", { model, status: res.status });
  }
};

import "server-only";
import { SYSTEM_CALLER } from "@/lib/auth/caller";
import type { Db } from "@/lib/db";
import { DEMO_MODELS } from "@/lib/demo/fleet";
import type { SimulatorTick } from "@/lib/demo/simulator";
import { ingestFeatureRecords } from "@/lib/ingest/commands";
import { log } from "@/lib/log";
import { demoReferenceOutputs } from "@/lib/quality/demo";
import { DAILY_HISTORY_DAYS } from "./daily";
import { seededRandom, type Random } from "./reservoir";
import { storeReference } from "./commands";

/*
 * The demo fleet's feature distributions (pure, seeded): what each model's traffic looks like,
 * and the drift episode in fraud-detector's `amount` and `merchant_category` that starts three
 * days before the seed and that the live simulator keeps going. Production versions get the 30 days
 * the drift page's strip shows; a candidate only its days since it reached staging. The same card-testing ring also
 * shifts `country`: with three of five features drifted the model itself counts as drifting
 * (a model drifts when at least half its features do), so the overview shows what the drift page explains.
 */

export type DemoRecord = Record<string, number | string | boolean | null>;

export const EPISODE_START_DAYS_AGO = 3;

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function pick(random: Random, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  let u = random() * entries.reduce((n, [, w]) => n + w, 0);
  for (const [value, w] of entries) {
    u -= w;
    if (u <= 0) return value;
  }
  return entries[entries.length - 1][0];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

const MERCHANTS = { grocery: 30, restaurants: 20, fuel: 15, travel: 10, online: 10, electronics: 10, gift_cards: 5 };
// During the episode a card-testing ring buys electronics and gift cards in larger amounts.
const MERCHANTS_EPISODE = { grocery: 15, restaurants: 10, fuel: 8, travel: 7, online: 10, electronics: 30, gift_cards: 20 };

type Generator = (random: Random, drifting: boolean) => DemoRecord;

export const DEMO_FEATURES: Record<string, Generator> = {
  "fraud-detector": (random, drifting) => ({
    amount: round(Math.exp(3.5 + normal(random) * 0.9 + (drifting ? 0.7 : 0))),
    merchant_category: pick(random, drifting ? MERCHANTS_EPISODE : MERCHANTS),
    hour: Math.floor((((normal(random) * 4 + 14) % 24) + 24) % 24),
    country: pick(random, drifting ? { US: 25, GB: 10, DE: 10, FR: 5, IN: 10, BR: 20, NG: 20 } : { US: 50, GB: 15, DE: 15, FR: 10, IN: 10 }),
    card_age_days: Math.round(-Math.log(1 - random()) * 400),
  }),
  "churn-predictor": (random) => ({
    tenure_months: Math.max(1, Math.round(-Math.log(1 - random()) * 20)),
    plan: pick(random, { basic: 50, standard: 35, premium: 15 }),
    support_tickets: Math.min(9, Math.floor(-Math.log(1 - random()) * 1.3)),
    monthly_spend: round(Math.max(5, 45 + normal(random) * 15)),
  }),
  "search-ranker": (random) => ({
    bm25: round(Math.abs(12 + normal(random) * 4), 3),
    ctr_7d: round(random() ** 2 * 0.2, 4),
    price_rank: 1 + Math.floor(random() * 50),
    freshness: round(-Math.log(1 - random()) * 30, 1),
  }),
  "delivery-eta": (random) => ({
    distance_km: round(Math.max(0.3, -Math.log(1 - random()) * 4), 2),
    items: 1 + Math.floor(-Math.log(1 - random()) * 3),
    hour: Math.floor((((normal(random) * 3 + 19) % 24) + 24) % 24),
    raining: random() < 0.2,
  }),
  "credit-risk": (random) => ({
    income: Math.round(Math.exp(10.8 + normal(random) * 0.5)),
    utilisation: round(random() ** 1.5, 3),
    delinquencies: Number(pick(random, { "0": 70, "1": 17, "2": 8, "3": 4, "4": 1 })),
    age: Math.round(Math.min(85, Math.max(18, 42 + normal(random) * 12))),
  }),
};

/** Records for a model: drifting when the episode applies (fraud-detector only, from its start). */
export function demoRecords(model: string, count: number, random: Random, drifting = false): DemoRecord[] {
  const generate = DEMO_FEATURES[model];
  return Array.from({ length: count }, () => generate(random, drifting && model === "fraud-detector"));
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// The drift page's strip shows the production version's last 30 days: all of them have traffic.
const HISTORY_DAYS = DAILY_HISTORY_DAYS;
const REFERENCE_RECORDS = 2_000;
/** Records an hour in the seeded history: enough for distances to be stable day by day. */
const RECORDS_PER_HOUR: Record<string, number> = { "fraud-detector": 60 };
const DEFAULT_RECORDS_PER_HOUR = 30;

/** Versions that serve traffic now, with when they started to: production and staging. */
function liveVersions() {
  return DEMO_MODELS.flatMap((model) => {
    const stages = model.versions.flatMap((v) => (v.stages ?? []).map((s) => ({ version: v.version, ...s })));
    const live = model.versions.filter((v) => {
      const last = stages.filter((s) => s.version === v.version).sort((a, b) => a.daysAgo - b.daysAgo)[0];
      const superseded = last && stages.some((s) => s.to === last.to && s.daysAgo < last.daysAgo && s.version !== v.version);
      return last && !superseded;
    });
    // Production versions get the full history; a staging candidate only since it reached staging.
    return live.map((v) => ({
      model: model.name,
      version: v.version,
      sinceDaysAgo: v.stages?.some((s) => s.to === "production") ? HISTORY_DAYS : Math.min(HISTORY_DAYS, Math.max(...(v.stages ?? []).map((s) => s.daysAgo))),
    }));
  });
}

function isEpisode(model: string, ts: number, now: number): boolean {
  return model === "fraud-detector" && ts >= now - EPISODE_START_DAYS_AGO * DAY_MS;
}

/**
 * Reference samples for every demo version, then 14 days of hourly traffic for the versions in
 * production and staging, through the same domain functions as the API, one batch a day.
 */
export async function seedDriftDemo(db: Db, now = Date.now()): Promise<void> {
  const started = Date.now();
  const random = seededRandom(20261120);
  for (const model of DEMO_MODELS) {
    for (const version of model.versions) {
      // The model's outputs on the reference too, so that quality estimates can calibrate its scores.
      const outputs = demoReferenceOutputs(model.name, version.version, REFERENCE_RECORDS);
      const records = demoRecords(model.name, REFERENCE_RECORDS, random).map((features, i) => ({ features, ...outputs[i] }));
      await storeReference(db, model.name, version.version, { records }, SYSTEM_CALLER);
    }
  }
  log.info("seeding demo", { what: "drift reference samples", versions: DEMO_MODELS.reduce((n, m) => n + m.versions.length, 0) });
  const firstHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  let total = 0;
  for (const live of liveVersions()) {
    const perHour = RECORDS_PER_HOUR[live.model] ?? DEFAULT_RECORDS_PER_HOUR;
    for (let day = live.sinceDaysAgo; day >= 0; day--) {
      const records = [];
      for (let h = 0; h < 24; h++) {
        const hour = firstHour - day * DAY_MS + (h - 23) * HOUR_MS;
        // Whole UTC days from the first one on, so that no day of the 30-day strip rests on a handful of values.
        if (hour < Math.floor(now / DAY_MS) * DAY_MS - live.sinceDaysAgo * DAY_MS || hour > now) continue;
        for (const features of demoRecords(live.model, perHour, random, isEpisode(live.model, hour, now))) {
          records.push({ ts: new Date(hour + random() * HOUR_MS * 0.999).toISOString(), features });
        }
      }
      const past = records.filter((r) => Date.parse(r.ts) <= now);
      if (past.length) await ingestFeatureRecords(db, { model: live.model, version: live.version, records: past }, random);
      total += past.length;
    }
    log.info("seeding demo", { what: `feature traffic ${live.model} ${live.version}`, days: live.sinceDaysAgo });
  }
  log.info("seeding demo", { what: "drift history done", records: total, ms: Date.now() - started });
}

const tickRandom = seededRandom(7);

/** The live simulator's part: a few fresh records per live version each tick, the episode still on. */
export const pushLiveFeatures: SimulatorTick = async (client, now) => {
  for (const live of liveVersions()) {
    const records = demoRecords(live.model, 3, tickRandom, isEpisode(live.model, now.getTime(), now.getTime())).map((features) => ({
      ts: now.toISOString(),
      features,
    }));
    const res = await client.post("/api/v1/ingest/features", { model: live.model, version: live.version, records });
    if (res.status !== 202) log.warn("simulator: feature batch refused", { model: live.model, version: live.version, status: res.status });
  }
};

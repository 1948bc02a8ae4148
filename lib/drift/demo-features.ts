/**
 * The demo fleet's feature distributions (pure, seeded): what each model's traffic looks like,
 * and the drift episode in fraud-detector's `amount` and `merchant_category` that starts three
 * days before the seed and that the live simulator keeps going. The same card-testing ring also
 * shifts `country`: with three of five features drifted the model itself counts as drifting
 * (the contract's share ≥ 0.5), so the overview shows what the drift page explains.
 */
import type { Random } from "./reservoir";

export type DemoRecord = Record<string, number | string | boolean | null>;

export const EPISODE_START_DAYS_AGO = 3;

/** mulberry32: small, fast, and the same numbers on every run. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

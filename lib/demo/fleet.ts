import type { Role } from "@/lib/auth/permissions";

/** The demo accounts and their roles; all share one password. */
export const DEMO_PASSWORD = "plumbline-demo";
export const DEMO_KEY = "plb_demo_key_0123456789abcdef";

export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "admin@example.com", name: "Ada Admin", roles: ["admin"] },
  { email: "lead@example.com", name: "Lee Lead", roles: ["ml_lead"] },
  { email: "lead2@example.com", name: "Lou Lead", roles: ["ml_lead"] },
  { email: "compliance@example.com", name: "Cam Compliance", roles: ["compliance"] },
  { email: "oncall@example.com", name: "Oli Oncall", roles: ["oncall"] },
  { email: "viewer@example.com", name: "Vic Viewer", roles: ["viewer"] },
];

export interface DemoVersion {
  version: string;
  daysAgo: number;
  metrics: Record<string, number>;
  featureImportance: Record<string, number>;
  /**
   * Stages the version went through, each with how many days ago (fractions for hours). A move
   * with `via` is made by the governance demo through a promotion request or a rollback, at that
   * time; the others are replayed as plain history by the registry demo. Serving metrics,
   * predictions and feature traffic all follow these moves, so each change shows in the data at
   * the moment it happened.
   */
  stages?: DemoStage[];
}

export interface DemoStage {
  to: "staging" | "production";
  daysAgo: number;
  via?: "promotion" | "rollback";
}

const HOURS = 1 / 24;

/**
 * search-ranker v8 took production 26 hours before the seed and was rolled back to v7 an hour
 * later, when click-through had fallen: the metrics show v8 serving exactly that hour.
 */
export const RANKER_PROMOTED_DAYS_AGO = 26 * HOURS;
export const RANKER_ROLLED_BACK_DAYS_AGO = 25 * HOURS;

/** Labels (chargebacks, cancellations, deliveries) arrive two days after the prediction they settle. */
export const DEMO_LABEL_DELAY_MS = 2 * 86_400_000;

/** A version's creation time never comes after its first stage move. */
export function createdDaysAgo(version: DemoVersion): number {
  return Math.max(version.daysAgo, ...(version.stages ?? []).map((s) => s.daysAgo));
}

export interface DemoModel {
  name: string;
  description: string;
  owner: string;
  task: string;
  versions: DemoVersion[];
}

export const DEMO_MODELS: DemoModel[] = [
  {
    name: "fraud-detector",
    description: "Scores card transactions for fraud in real time",
    owner: "payments-ml",
    task: "binary_classification",
    versions: [
      {
        version: "v1",
        daysAgo: 60,
        metrics: { auc: 0.91, precision: 0.82, recall: 0.71 },
        featureImportance: { amount: 0.34, merchant_category: 0.22, hour: 0.12, country: 0.18, card_age_days: 0.14 },
        stages: [
          { to: "staging", daysAgo: 58 },
          { to: "production", daysAgo: 55 },
        ],
      },
      {
        version: "v2",
        daysAgo: 30,
        metrics: { auc: 0.93, precision: 0.84, recall: 0.74 },
        featureImportance: { amount: 0.31, merchant_category: 0.25, hour: 0.1, country: 0.17, card_age_days: 0.17 },
        stages: [
          { to: "staging", daysAgo: 28 },
          { to: "production", daysAgo: 21 },
        ],
      },
      {
        version: "v3",
        daysAgo: 9,
        metrics: { auc: 0.94, precision: 0.86, recall: 0.75 },
        featureImportance: { amount: 0.3, merchant_category: 0.27, hour: 0.09, country: 0.16, card_age_days: 0.18 },
        stages: [
          { to: "staging", daysAgo: 8 },
          { to: "production", daysAgo: 6 },
        ],
      },
      {
        version: "v4",
        daysAgo: 2,
        metrics: { auc: 0.945, precision: 0.87, recall: 0.76 },
        featureImportance: { amount: 0.29, merchant_category: 0.28, hour: 0.09, country: 0.15, card_age_days: 0.19 },
        stages: [{ to: "staging", daysAgo: 1 }],
      },
    ],
  },
  {
    name: "churn-predictor",
    description: "Predicts which subscribers will cancel in the next 30 days",
    owner: "growth-ml",
    task: "binary_classification",
    versions: [
      {
        version: "v1",
        daysAgo: 90,
        metrics: { auc: 0.81, accuracy: 0.77 },
        featureImportance: { tenure_months: 0.4, plan: 0.2, support_tickets: 0.25, monthly_spend: 0.15 },
        stages: [
          { to: "staging", daysAgo: 88 },
          { to: "production", daysAgo: 85 },
        ],
      },
      {
        version: "v2",
        daysAgo: 14,
        metrics: { auc: 0.84, accuracy: 0.79 },
        featureImportance: { tenure_months: 0.36, plan: 0.19, support_tickets: 0.28, monthly_spend: 0.17 },
        stages: [
          { to: "staging", daysAgo: 12 },
          { to: "production", daysAgo: 10 },
        ],
      },
      {
        version: "v3",
        daysAgo: 3,
        metrics: { auc: 0.845, accuracy: 0.8 },
        featureImportance: { tenure_months: 0.35, plan: 0.2, support_tickets: 0.27, monthly_spend: 0.18 },
        stages: [{ to: "staging", daysAgo: 2 }],
      },
    ],
  },
  {
    name: "search-ranker",
    description: "Re-ranks product search results by predicted click-through",
    owner: "search-relevance",
    task: "learning to rank",
    versions: [
      {
        version: "v7",
        daysAgo: 40,
        metrics: { ndcg_at_10: 0.61, mrr: 0.55 },
        featureImportance: { bm25: 0.3, ctr_7d: 0.35, price_rank: 0.15, freshness: 0.2 },
        stages: [
          { to: "staging", daysAgo: 39 },
          { to: "production", daysAgo: 35 },
          { to: "production", daysAgo: RANKER_ROLLED_BACK_DAYS_AGO, via: "rollback" },
        ],
      },
      {
        version: "v8",
        daysAgo: 5,
        metrics: { ndcg_at_10: 0.63, mrr: 0.57 },
        featureImportance: { bm25: 0.28, ctr_7d: 0.37, price_rank: 0.14, freshness: 0.21 },
        stages: [
          { to: "staging", daysAgo: 4 },
          { to: "production", daysAgo: RANKER_PROMOTED_DAYS_AGO, via: "promotion" },
        ],
      },
    ],
  },
  {
    name: "credit-risk",
    description: "Estimates probability of default for credit-line applications",
    owner: "risk-analytics",
    task: "binary_classification",
    versions: [
      {
        version: "2026.09",
        daysAgo: 80,
        metrics: { auc: 0.78, ks: 0.42 },
        featureImportance: { income: 0.3, utilisation: 0.3, delinquencies: 0.25, age: 0.15 },
        stages: [
          { to: "staging", daysAgo: 78 },
          { to: "production", daysAgo: 75 },
        ],
      },
      {
        version: "2026.11",
        daysAgo: 12,
        metrics: { auc: 0.8, ks: 0.45 },
        featureImportance: { income: 0.28, utilisation: 0.31, delinquencies: 0.27, age: 0.14 },
        stages: [
          { to: "staging", daysAgo: 11 },
          { to: "production", daysAgo: 7 },
        ],
      },
      {
        version: "2026.12-rc1",
        daysAgo: 1,
        metrics: { auc: 0.805, ks: 0.46 },
        featureImportance: { income: 0.27, utilisation: 0.32, delinquencies: 0.27, age: 0.14 },
      },
    ],
  },
  {
    name: "delivery-eta",
    description: "Predicts minutes from order to doorstep for the courier app",
    owner: "logistics-ml",
    task: "regression",
    versions: [
      {
        version: "v1",
        daysAgo: 50,
        metrics: { mae: 4.6, rmse: 6.1 },
        featureImportance: { distance_km: 0.45, items: 0.15, hour: 0.25, raining: 0.15 },
        stages: [
          { to: "staging", daysAgo: 48 },
          { to: "production", daysAgo: 45 },
        ],
      },
      {
        version: "v2",
        daysAgo: 12,
        metrics: { mae: 4.1, rmse: 5.4 },
        featureImportance: { distance_km: 0.42, items: 0.14, hour: 0.26, raining: 0.18 },
        stages: [
          { to: "staging", daysAgo: 11 },
          { to: "production", daysAgo: 8 },
        ],
      },
    ],
  },
];

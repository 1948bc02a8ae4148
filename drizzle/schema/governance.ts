import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { referenceSamples, type DriftSettingsByFeature } from "./drift";
import type { QualityGateRules } from "./quality";
import { models } from "./registry";

export const PROMOTION_TARGETS = ["staging", "production"] as const;
export type PromotionTarget = (typeof PROMOTION_TARGETS)[number];

export const PROMOTION_STATUSES = ["pending", "executed", "rejected", "withdrawn"] as const;
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number];

/** Approvals a policy asks for, by role: `{ml_lead: 1, compliance: 1}`. */
export type RequiredApprovals = Partial<Record<"ml_lead" | "compliance", number>>;

/**
 * `not_applicable`: the gate's evidence does not exist (no producing run, no drift data), said as
 * such and never shown as passed. `waived` is never stored: it comes from a waiver at reading time.
 */
export const GATE_STATUSES = ["passed", "failed", "waived", "not_applicable"] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

export interface GateResult {
  name: string;
  /** True when the gate does not block the request. */
  passed: boolean;
  status: GateStatus;
  detail: string;
  /** The production version's value for what the gate judges, where there is one ("v3 is drifting too: amount 1.02"). */
  production?: string | null;
}

/**
 * Policies are never edited in place: each change inserts the next version for its stage, and a
 * request points at the exact version it was made under, so a later change cannot move its goalposts.
 */
export const policies = pgTable(
  "policies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    targetStage: text("target_stage").$type<PromotionTarget>().notNull(),
    version: integer("version").notNull(),
    requiredApprovals: jsonb("required_approvals").$type<RequiredApprovals>().notNull(),
    /** Relative: a metric may be worse than production's by at most this fraction of production's value. */
    metricTolerance: doublePrecision("metric_tolerance").notNull(),
    /** A version no pipeline run reports producing fails the pipeline gate instead of being not applicable. */
    requireProducingRun: boolean("require_producing_run").notNull().default(false),
    /** No drift data (no reference sample, no feature traffic) fails the drift gate instead of being not applicable. */
    requireDriftData: boolean("require_drift_data").notNull().default(false),
    /** Not enough labeled traffic (or no quality task) fails the quality gate instead of being not applicable. */
    requireLabeledTraffic: boolean("require_labeled_traffic").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [unique("policies_stage_version").on(t.targetStage, t.version)],
);

export const promotionRequests = pgTable(
  "promotion_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id),
    version: text("version").notNull(),
    targetStage: text("target_stage").$type<PromotionTarget>().notNull(),
    policyId: uuid("policy_id")
      .notNull()
      .references(() => policies.id),
    status: text("status").$type<PromotionStatus>().notNull().default("pending"),
    justification: text("justification").notNull(),
    requestedBy: text("requested_by").notNull(),
    requestedById: uuid("requested_by_id").notNull(),
    /** The latest gate evaluation (on request, and again at each approval and waiver). */
    gates: jsonb("gates").$type<GateResult[]>().notNull(),
    /**
     * The drift evidence rules in force when the request was made, which its drift gate uses at
     * every evaluation: the version's reference sample (null: it had none) and the model's drift
     * settings. Changing either afterwards changes no open request's gates.
     */
    referenceSampleId: uuid("reference_sample_id").references(() => referenceSamples.id),
    driftSettings: jsonb("drift_settings").$type<DriftSettingsByFeature>().notNull(),
    /** The model's task and primary metric when the request was made (null: no quality task then); its quality gate uses these alone. */
    qualityRules: jsonb("quality_rules").$type<QualityGateRules>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
    /** Why it was rejected or withdrawn. */
    decisionReason: text("decision_reason"),
  },
  (t) => [
    // At most one open request per version and target stage, even under concurrent requests.
    uniqueIndex("promotion_requests_one_open")
      .on(t.modelId, t.version, t.targetStage)
      .where(sql`status = 'pending'`),
    index("promotion_requests_status_created").on(t.status, t.createdAt),
  ],
);

export const promotionApprovals = pgTable(
  "promotion_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => promotionRequests.id),
    userId: uuid("user_id").notNull(),
    actor: text("actor").notNull(),
    /** The policy role this approval counts for. */
    role: text("role").notNull(),
    comment: text("comment"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One person, one approval, whatever roles they hold: the database holds the line too.
  (t) => [unique("promotion_approvals_one_per_person").on(t.requestId, t.userId)],
);

export const gateWaivers = pgTable(
  "gate_waivers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => promotionRequests.id),
    gate: text("gate").notNull(),
    reason: text("reason").notNull(),
    by: text("by").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("gate_waivers_one_per_gate").on(t.requestId, t.gate)],
);

/** What happened to a request, in order: the timeline the request page shows. */
export const promotionEvents = pgTable(
  "promotion_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => promotionRequests.id),
    kind: text("kind").notNull(),
    actor: text("actor").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("promotion_events_request_at").on(t.requestId, t.at)],
);

/** A break-glass rollback skips approval, so compliance reviews it afterwards. */
export const reviewItems = pgTable(
  "review_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    modelId: uuid("model_id")
      .notNull()
      .references(() => models.id),
    fromVersion: text("from_version"),
    toVersion: text("to_version").notNull(),
    reason: text("reason").notNull(),
    by: text("by").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: text("acknowledged_by"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    ackComment: text("ack_comment"),
  },
  (t) => [index("review_items_at").on(t.at)],
);

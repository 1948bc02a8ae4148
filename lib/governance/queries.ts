import "server-only";
import { desc, eq, and, inArray } from "drizzle-orm";
import {
  policies,
  PROMOTION_TARGETS,
  type PromotionTarget,
  type RequiredApprovals,
  gateWaivers,
  models,
  modelVersions,
  promotionApprovals,
  promotionEvents,
  promotionRequests,
  type PromotionStatus,
  reviewItems,
} from "@/drizzle/schema";
import { NotFound } from "@/lib/errors";
import { type DbOrTx, type Db } from "@/lib/db";
import { requireModel, type VersionRow } from "@/lib/registry/queries";
import { productionVersion } from "./evidence";
import { withWaiver } from "./gates";
import { missingApprovals } from "./rules";
import type { PromotionDetail, PromotionView, ReviewView } from "./views";

export type PolicyRow = typeof policies.$inferSelect;
export type RequestRow = typeof promotionRequests.$inferSelect;
export type ApprovalRow = typeof promotionApprovals.$inferSelect;
export type WaiverRow = typeof gateWaivers.$inferSelect;
type ReviewRow = typeof reviewItems.$inferSelect;

/** Contract 4.5: production needs one ml_lead and one compliance approval, staging one ml_lead. */
const DEFAULTS: Record<PromotionTarget, { requiredApprovals: RequiredApprovals; metricTolerance: number }> = {
  production: { requiredApprovals: { ml_lead: 1, compliance: 1 }, metricTolerance: 0.01 },
  staging: { requiredApprovals: { ml_lead: 1 }, metricTolerance: 0.05 },
};

export interface PolicyView {
  id: string;
  target_stage: PromotionTarget;
  version: number;
  required_approvals: RequiredApprovals;
  metric_tolerance: number;
  require_producing_run: boolean;
  require_drift_data: boolean;
  require_labeled_traffic: boolean;
  created_at: string;
  created_by: string;
}

export function policyView(row: PolicyRow): PolicyView {
  return {
    id: row.id,
    target_stage: row.targetStage,
    version: row.version,
    required_approvals: row.requiredApprovals,
    metric_tolerance: row.metricTolerance,
    require_producing_run: row.requireProducingRun,
    require_drift_data: row.requireDriftData,
    require_labeled_traffic: row.requireLabeledTraffic,
    created_at: row.createdAt.toISOString(),
    created_by: row.createdBy,
  };
}

async function latest(db: DbOrTx, stage: PromotionTarget): Promise<PolicyRow | undefined> {
  const [row] = await db.select().from(policies).where(eq(policies.targetStage, stage)).orderBy(desc(policies.version)).limit(1);
  return row;
}

/**
 * The policy in force for a stage. The contract's defaults become version 1 the first time a
 * stage is asked for, so every request can bind a real, immutable row.
 */
export async function policyInForce(db: DbOrTx, stage: PromotionTarget): Promise<PolicyRow> {
  const existing = await latest(db, stage);
  if (existing) return existing;
  // Two first requests at once: the unique (stage, version) lets only one insert win.
  await db
    .insert(policies)
    .values({ targetStage: stage, version: 1, ...DEFAULTS[stage], createdBy: "system" })
    .onConflictDoNothing();
  return (await latest(db, stage))!;
}

export async function listPolicies(db: DbOrTx): Promise<PolicyView[]> {
  const out: PolicyView[] = [];
  for (const stage of PROMOTION_TARGETS) out.push(policyView(await policyInForce(db, stage)));
  return out;
}

/** Every version of every stage's policy, newest first. */
export async function listPolicyVersions(db: DbOrTx): Promise<PolicyView[]> {
  return (await db.select().from(policies).orderBy(desc(policies.createdAt), desc(policies.version))).map(policyView);
}

export async function policyById(db: DbOrTx, id: string): Promise<PolicyRow> {
  const [row] = await db.select().from(policies).where(eq(policies.id, id));
  return row;
}

export function view(row: RequestRow, modelName: string, policy: PolicyRow, approvals: ApprovalRow[], waivers: WaiverRow[]): PromotionView {
  return {
    id: row.id,
    model: modelName,
    version: row.version,
    target_stage: row.targetStage,
    status: row.status,
    justification: row.justification,
    requested_by: row.requestedBy,
    created_at: row.createdAt.toISOString(),
    decided_at: row.decidedAt?.toISOString() ?? null,
    decided_by: row.decidedBy,
    decision_reason: row.decisionReason,
    policy: {
      id: policy.id,
      version: policy.version,
      metric_tolerance: policy.metricTolerance,
      require_producing_run: policy.requireProducingRun,
      require_drift_data: policy.requireDriftData,
      require_labeled_traffic: policy.requireLabeledTraffic,
    },
    required_approvals: policy.requiredApprovals,
    missing_approvals: row.status === "pending" ? missingApprovals(policy.requiredApprovals, approvals) : {},
    gates: row.gates.map((g) => {
      const w = waivers.find((x) => x.gate === g.name);
      return { ...withWaiver(g, w !== undefined), production: g.production ?? null, waived: w ? { by: w.by, reason: w.reason, at: w.at.toISOString() } : null };
    }),
    drift_evidence: { reference_sample_id: row.referenceSampleId, settings: row.driftSettings },
    quality_evidence: row.qualityRules,
    approvals: approvals.map((a) => ({ by: a.actor, role: a.role, comment: a.comment, at: a.at.toISOString() })),
  };
}

async function viewsOf(db: Db, rows: RequestRow[]): Promise<PromotionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [modelRows, approvals, waivers, policyRows] = await Promise.all([
    db
      .select({ id: models.id, name: models.name })
      .from(models)
      .where(inArray(models.id, [...new Set(rows.map((r) => r.modelId))])),
    db.select().from(promotionApprovals).where(inArray(promotionApprovals.requestId, ids)).orderBy(promotionApprovals.at),
    db.select().from(gateWaivers).where(inArray(gateWaivers.requestId, ids)).orderBy(gateWaivers.at),
    Promise.all([...new Set(rows.map((r) => r.policyId))].map((pid) => policyById(db, pid))),
  ]);
  return rows.map((r) =>
    view(
      r,
      modelRows.find((m) => m.id === r.modelId)!.name,
      policyRows.find((p) => p.id === r.policyId)!,
      approvals.filter((a) => a.requestId === r.id),
      waivers.filter((w) => w.requestId === r.id),
    ),
  );
}

const LIST_LIMIT = 200;

/** The queue, newest first. */
export async function listPromotions(db: Db, filter: { status?: PromotionStatus; model?: string } = {}): Promise<PromotionView[]> {
  const model = filter.model ? await requireModel(db, filter.model) : undefined;
  const rows = await db
    .select()
    .from(promotionRequests)
    .where(and(filter.status ? eq(promotionRequests.status, filter.status) : undefined, model ? eq(promotionRequests.modelId, model.id) : undefined))
    .orderBy(desc(promotionRequests.createdAt))
    .limit(LIST_LIMIT);
  return viewsOf(db, rows);
}

/**
 * What the candidate is compared with: the version in production now, or, once the request has
 * executed (and the candidate holds that stage itself), the version it replaced.
 */
async function baseline(db: Db, row: RequestRow, events: (typeof promotionEvents.$inferSelect)[]): Promise<VersionRow | undefined> {
  const executed = events.find((e) => e.kind === "executed");
  const replaced = executed?.detail.previous_version;
  if (typeof replaced === "string") {
    return db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, row.modelId), eq(modelVersions.version, replaced)) });
  }
  const production = await productionVersion(db, row.modelId);
  return production?.version === row.version ? undefined : production;
}

export async function getPromotion(db: Db, id: string): Promise<PromotionDetail> {
  const [row] = await db.select().from(promotionRequests).where(eq(promotionRequests.id, id));
  if (!row) throw new NotFound("promotion request", id);
  const [promotion] = await viewsOf(db, [row]);
  const events = await db.select().from(promotionEvents).where(eq(promotionEvents.requestId, id)).orderBy(promotionEvents.at);
  const candidate = await db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, row.modelId), eq(modelVersions.version, row.version)) });
  const production = await baseline(db, row, events);
  return {
    ...promotion,
    events: events.map((e) => ({ kind: e.kind, actor: e.actor, at: e.at.toISOString(), detail: e.detail })),
    comparison: {
      candidate: { version: row.version, stage: candidate?.stage ?? "none", metrics: candidate?.metrics ?? {}, model_card: candidate?.modelCard ?? null },
      production: production ? { version: production.version, metrics: production.metrics } : null,
    },
  };
}

export function reviewView(row: ReviewRow, model: string): ReviewView {
  return {
    id: row.id,
    model,
    from_version: row.fromVersion,
    to_version: row.toVersion,
    reason: row.reason,
    by: row.by,
    at: row.at.toISOString(),
    acknowledged_by: row.acknowledgedBy,
    acknowledged_at: row.acknowledgedAt?.toISOString() ?? null,
    comment: row.ackComment,
  };
}

export async function listReviews(db: Db): Promise<ReviewView[]> {
  const rows = await db
    .select({ review: reviewItems, model: models.name })
    .from(reviewItems)
    .innerJoin(models, eq(models.id, reviewItems.modelId))
    .orderBy(desc(reviewItems.at));
  return rows.map((r) => reviewView(r.review, r.model));
}

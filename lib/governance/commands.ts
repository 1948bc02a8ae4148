import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, eq, sql } from "drizzle-orm";
import {
  gateWaivers,
  models,
  modelVersions,
  promotionApprovals,
  promotionEvents,
  promotionRequests,
  type PromotionStatus,
  policies,
  type PromotionTarget,
  reviewItems,
  stageHistory,
} from "@/drizzle/schema";
import { Conflict, NotFound, Refused } from "@/lib/errors";
import { appendAudit } from "@/lib/audit/append";
import { enqueueEvent } from "@/lib/webhooks/outbox";
import type { Principal } from "@/lib/auth/principal";
import { isUniqueViolation, type Db, type Tx, type DbOrTx } from "@/lib/db";
import { driftEvidenceInForce, type DriftEvidence } from "@/lib/drift/evaluate";
import { qualityRulesOf } from "@/lib/quality/queries";
import { requireModel, type VersionRow } from "@/lib/registry/queries";
import { moveToStage } from "@/lib/registry/commands";
import { gatesFor } from "./evidence";
import {
  policyById,
  policyInForce,
  type PolicyRow,
  type RequestRow,
  type ApprovalRow,
  type WaiverRow,
  type PolicyView,
  policyView,
  reviewView,
  view,
} from "./queries";
import { checkApprove, checkReject, checkWaive, checkWithdraw, readyToExecute, type Actor, type Refusal } from "./rules";
import type { CreatePromotionInput, PolicyInput, PromotionPreview, PromotionPreviewInput } from "./schemas";
import type { PromotionView, ReviewView } from "./views";

export function actorOfPrincipal(principal: Principal): Actor {
  return principal.kind === "user" ? { kind: "user", id: principal.id, roles: principal.roles } : { kind: "key", id: principal.id, roles: [] };
}

async function versionRow(tx: Tx, modelId: string, version: string): Promise<VersionRow | undefined> {
  return tx.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, modelId), eq(modelVersions.version, version)) });
}

/** A version walks none → staging → production; archived versions return to production only by rollback. */
function stageRefusal(version: VersionRow, target: "staging" | "production"): string | null {
  if (version.stage === target) return `${version.version} is already in ${target}`;
  if (target === "production" && version.stage !== "staging")
    return `${version.version} is in stage ${version.stage}; only a version in staging can be promoted to production`;
  if (target === "staging" && version.stage === "production") return `${version.version} is in production; it cannot go back to staging`;
  return null;
}

async function addEvent(tx: Tx, requestId: string, kind: string, actor: string, detail: Record<string, unknown> = {}) {
  await tx.insert(promotionEvents).values({ requestId, kind, actor, detail });
}

function duplicateRefusal(input: { model: string; version: string; target_stage: string }): string {
  return `An open request to promote ${input.model} ${input.version} to ${input.target_stage} already exists`;
}

/**
 * What a request made now would find: its gates by the rules in force, and why it would be refused
 * (the version's stage, or an open request it would duplicate). Records nothing.
 */
export async function previewPromotion(db: Db, input: PromotionPreviewInput): Promise<PromotionPreview> {
  const model = await requireModel(db, input.model);
  const version = await db.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, input.version)) });
  if (!version) throw new NotFound("version", input.version, `No version ${input.version} of model ${input.model}`);
  const policy = await policyInForce(db, input.target_stage);
  const gates = await gatesFor(db, model.name, version, { policy, drift: await driftEvidenceInForce(db, version), quality: qualityRulesOf(model) });
  const [open] = await db
    .select({ id: promotionRequests.id })
    .from(promotionRequests)
    .where(
      and(
        eq(promotionRequests.modelId, model.id),
        eq(promotionRequests.version, version.version),
        eq(promotionRequests.targetStage, input.target_stage),
        eq(promotionRequests.status, "pending"),
      ),
    );
  const refusal = stageRefusal(version, input.target_stage) ?? (open ? duplicateRefusal(input) : null);
  const view = policyView(policy);
  return {
    model: model.name,
    version: version.version,
    target_stage: input.target_stage,
    policy: {
      id: view.id,
      version: view.version,
      metric_tolerance: view.metric_tolerance,
      require_producing_run: view.require_producing_run,
      require_drift_data: view.require_drift_data,
      require_labeled_traffic: view.require_labeled_traffic,
    },
    required_approvals: view.required_approvals,
    gates: gates.map((g) => ({ ...g, production: g.production ?? null, waived: null })),
    refusal,
    open_request: open?.id ?? null,
  };
}

export async function requestPromotion(db: Db, input: CreatePromotionInput, principal: Principal, by: Caller): Promise<PromotionView> {
  if (principal.kind !== "user") throw new Refused("An API key cannot request a promotion: a person must");
  const target = input.model;
  try {
    return await db.transaction(async (tx) => {
      const model = await requireModel(tx, input.model);
      const version = await versionRow(tx, model.id, input.version);
      if (!version) throw new NotFound("version", input.version, `No version ${input.version} of model ${input.model}`);
      const refusal = stageRefusal(version, input.target_stage);
      if (refusal) throw new Conflict(refusal);
      const policy = await policyInForce(tx, input.target_stage);
      const drift = await driftEvidenceInForce(tx, version);
      const quality = qualityRulesOf(model);
      const gates = await gatesFor(tx, model.name, version, { policy, drift, quality });
      const [row] = await tx
        .insert(promotionRequests)
        .values({
          modelId: model.id,
          version: version.version,
          targetStage: input.target_stage,
          policyId: policy.id,
          justification: input.justification,
          requestedBy: by.actor,
          requestedById: principal.id,
          gates,
          referenceSampleId: drift.referenceSampleId,
          driftSettings: drift.settings,
          qualityRules: quality,
        })
        .returning();
      await addEvent(tx, row.id, "requested", by.actor, { justification: input.justification, gates });
      await appendAudit(tx, by, {
        action: "promotion.requested",
        target,
        detail: {
          promotion_id: row.id,
          version: row.version,
          target_stage: row.targetStage,
          policy_version: policy.version,
          justification: input.justification,
          gates,
        },
      });
      return view(row, model.name, policy, [], []);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(duplicateRefusal(input));
    throw error;
  }
}

interface Locked {
  row: RequestRow;
  model: { id: string; name: string };
  policy: PolicyRow;
  approvals: ApprovalRow[];
  waivers: WaiverRow[];
}

/**
 * Locks the request row for the rest of the transaction (`select … for update`): decisions on one
 * request take turns, so ten approvals landing at once execute it exactly once.
 */
async function lockRequest(tx: Tx, id: string): Promise<Locked> {
  const [row] = await tx.select().from(promotionRequests).where(eq(promotionRequests.id, id)).for("update");
  if (!row) throw new NotFound("promotion request", id);
  const [model] = await tx.select({ id: models.id, name: models.name }).from(models).where(eq(models.id, row.modelId));
  const policy = await policyById(tx, row.policyId);
  const approvals = await tx.select().from(promotionApprovals).where(eq(promotionApprovals.requestId, id)).orderBy(promotionApprovals.at);
  const waivers = await tx.select().from(gateWaivers).where(eq(gateWaivers.requestId, id)).orderBy(gateWaivers.at);
  return { row, model, policy, approvals, waivers };
}

/** The drift evidence the request bound when it was made. */
export function boundDriftEvidence(row: Pick<RequestRow, "referenceSampleId" | "driftSettings">): DriftEvidence {
  return { referenceSampleId: row.referenceSampleId, settings: row.driftSettings };
}

/**
 * Gates are evaluated again at each decision: traffic and pipeline runs may have changed since the
 * request. The rules they are judged by may not: the request's policy, drift evidence and quality metric are bound.
 */
async function refreshGates(tx: Tx, locked: Locked): Promise<void> {
  const version = await versionRow(tx, locked.row.modelId, locked.row.version);
  if (!version) throw new Conflict(`Version ${locked.row.version} no longer exists`);
  const gates = await gatesFor(tx, locked.model.name, version, {
    policy: locked.policy,
    drift: boundDriftEvidence(locked.row),
    quality: locked.row.qualityRules,
  });
  await tx.update(promotionRequests).set({ gates }).where(eq(promotionRequests.id, locked.row.id));
  locked.row = { ...locked.row, gates };
}

/**
 * Stage change, archive of the former holder, stage history, audit and the outgoing event, all in
 * the caller's transaction: a request is executed completely or not at all.
 */
async function execute(tx: Tx, locked: Locked, by: Caller): Promise<void> {
  const { row, model } = locked;
  // Serialise stage changes per model: two requests (or a rollback) for one model must not both
  // archive the same holder and leave two versions in production.
  await tx.execute(sql`select id from models where id = ${model.id} for update`);
  const former = await tx.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, row.targetStage)) });
  await moveToStage(tx, { model: model.name, version: row.version, to: row.targetStage, promotionId: row.id, reason: row.justification }, by);
  const decidedAt = new Date();
  await tx.update(promotionRequests).set({ status: "executed", decidedAt, decidedBy: by.actor }).where(eq(promotionRequests.id, row.id));
  locked.row = { ...row, status: "executed", decidedAt, decidedBy: by.actor };
  const data = {
    promotion_id: row.id,
    model: model.name,
    version: row.version,
    target_stage: row.targetStage,
    previous_version: former?.version ?? null,
    requested_by: row.requestedBy,
  };
  await addEvent(tx, row.id, "executed", by.actor, data);
  await appendAudit(tx, by, { action: "promotion.executed", target: model.name, detail: data });
  await enqueueEvent(tx, "promotion.executed", { ...data, executed_at: decidedAt.toISOString() });
}

async function executeIfReady(tx: Tx, locked: Locked, by: Caller): Promise<void> {
  if (readyToExecute(locked.policy.requiredApprovals, locked.approvals, locked.row.gates, locked.waivers)) await execute(tx, locked, by);
}

function decided(locked: Locked): PromotionView {
  return view(locked.row, locked.model.name, locked.policy, locked.approvals, locked.waivers);
}

type Decision = "approve" | "reject" | "waive" | "withdraw";

async function decide(db: Db, id: string, decision: Decision, principal: Principal, by: Caller, run: (tx: Tx, locked: Locked, actor: Actor) => Promise<void>) {
  return auditingRefusals(db, by, { action: `promotion.${decision}`, target: `promotion:${id}`, detail: { promotion_id: id } }, () =>
    db.transaction(async (tx) => {
      const locked = await lockRequest(tx, id);
      await run(tx, locked, actorOfPrincipal(principal));
      return decided(locked);
    }),
  );
}

export function approvePromotion(db: Db, id: string, comment: string | undefined, principal: Principal, by: Caller) {
  return decide(db, id, "approve", principal, by, async (tx, locked, actor) => {
    const verdict = checkApprove(locked.row, locked.policy.requiredApprovals, locked.approvals, actor);
    if (!verdict.ok) throw refusalError(verdict);
    await refreshGates(tx, locked);
    const [approval] = await tx
      .insert(promotionApprovals)
      .values({ requestId: id, userId: actor.id, actor: by.actor, role: verdict.role, comment: comment || null })
      .returning();
    locked.approvals.push(approval);
    await addEvent(tx, id, "approved", by.actor, { role: verdict.role, comment: comment || null, gates: locked.row.gates });
    await appendAudit(tx, by, {
      action: "promotion.approved",
      target: locked.model.name,
      detail: {
        promotion_id: id,
        version: locked.row.version,
        target_stage: locked.row.targetStage,
        role: verdict.role,
        comment: comment || null,
        gates: locked.row.gates,
      },
    });
    await executeIfReady(tx, locked, by);
  });
}

export function rejectPromotion(db: Db, id: string, reason: string, principal: Principal, by: Caller) {
  return decide(db, id, "reject", principal, by, async (tx, locked, actor) => {
    const verdict = checkReject(locked.row, locked.approvals, actor);
    if (!verdict.ok) throw refusalError(verdict);
    await close(tx, locked, "rejected", reason, by);
  });
}

export function withdrawPromotion(db: Db, id: string, principal: Principal, by: Caller) {
  return decide(db, id, "withdraw", principal, by, async (tx, locked, actor) => {
    const verdict = checkWithdraw(locked.row, actor);
    if (!verdict.ok) throw refusalError(verdict);
    await close(tx, locked, "withdrawn", null, by);
  });
}

async function close(tx: Tx, locked: Locked, status: Extract<PromotionStatus, "rejected" | "withdrawn">, reason: string | null, by: Caller) {
  const decidedAt = new Date();
  await tx.update(promotionRequests).set({ status, decidedAt, decidedBy: by.actor, decisionReason: reason }).where(eq(promotionRequests.id, locked.row.id));
  locked.row = { ...locked.row, status, decidedAt, decidedBy: by.actor, decisionReason: reason };
  await addEvent(tx, locked.row.id, status, by.actor, reason ? { reason } : {});
  await appendAudit(tx, by, {
    action: `promotion.${status}`,
    target: locked.model.name,
    detail: { promotion_id: locked.row.id, version: locked.row.version, target_stage: locked.row.targetStage, reason },
  });
}

export function waiveGate(db: Db, id: string, gate: string, reason: string, principal: Principal, by: Caller) {
  return decide(db, id, "waive", principal, by, async (tx, locked, actor) => {
    await refreshGates(tx, locked);
    const verdict = checkWaive(locked.row, locked.row.gates, locked.waivers, actor, gate);
    if (!verdict.ok) throw refusalError(verdict);
    const [waiver] = await tx.insert(gateWaivers).values({ requestId: id, gate, reason, by: by.actor }).returning();
    locked.waivers.push(waiver);
    const failing = locked.row.gates.find((g) => g.name === gate);
    await addEvent(tx, id, "waived", by.actor, { gate, reason, detail: failing?.detail });
    await appendAudit(tx, by, {
      action: "promotion.waived",
      target: locked.model.name,
      detail: { promotion_id: id, version: locked.row.version, target_stage: locked.row.targetStage, gate, reason, gate_detail: failing?.detail },
    });
    // A waiver can be the last thing a fully approved request was waiting for.
    await executeIfReady(tx, locked, by);
  });
}

const POLICY_LOCK_KEY = 7_461_006;

/** Each change is a new version; open requests keep the version they were made under. */
export async function changePolicy(db: DbOrTx, stage: PromotionTarget, input: PolicyInput, by: Caller): Promise<PolicyView> {
  return db.transaction(async (tx) => {
    // Two admins saving at once would both compute the same next version; take turns instead.
    await tx.execute(sql`select pg_advisory_xact_lock(${POLICY_LOCK_KEY})`);
    const current = await policyInForce(tx, stage);
    const [row] = await tx
      .insert(policies)
      .values({
        targetStage: stage,
        version: current.version + 1,
        requiredApprovals: input.required_approvals,
        metricTolerance: input.metric_tolerance,
        requireProducingRun: input.require_producing_run,
        requireDriftData: input.require_drift_data,
        requireLabeledTraffic: input.require_labeled_traffic,
        createdBy: by.actor,
      })
      .returning();
    await appendAudit(tx, by, {
      action: "policy.changed",
      target: `policy:${stage}`,
      detail: {
        target_stage: stage,
        version: row.version,
        required_approvals: input.required_approvals,
        metric_tolerance: input.metric_tolerance,
        require_producing_run: input.require_producing_run,
        require_drift_data: input.require_drift_data,
        require_labeled_traffic: input.require_labeled_traffic,
        previous: {
          version: current.version,
          required_approvals: current.requiredApprovals,
          metric_tolerance: current.metricTolerance,
          require_producing_run: current.requireProducingRun,
          require_drift_data: current.requireDriftData,
          require_labeled_traffic: current.requireLabeledTraffic,
        },
      },
    });
    return policyView(row);
  });
}

/**
 * Break-glass: puts a version that was in production before back there at once, without approval,
 * and opens a review item that compliance must acknowledge afterwards. One transaction.
 */
export interface RollbackResult {
  model: string;
  production_version: string;
  previous_version: string | null;
  review: ReviewView;
}

export async function rollback(db: Db, modelName: string, input: { to_version: string; reason: string }, by: Caller): Promise<RollbackResult> {
  return db.transaction(async (tx) => {
    const model = await requireModel(tx, modelName);
    // The same per-model lock promotions take before a stage change.
    await tx.execute(sql`select id from models where id = ${model.id} for update`);
    const target = await tx.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, input.to_version)) });
    if (!target) throw new NotFound("version", input.to_version, `No version ${input.to_version} of model ${modelName}`);
    if (target.stage === "production") throw new Conflict(`${input.to_version} is already in production`);
    const [wasInProduction] = await tx
      .select({ id: stageHistory.id })
      .from(stageHistory)
      .where(and(eq(stageHistory.modelId, model.id), eq(stageHistory.version, target.version), eq(stageHistory.toStage, "production")))
      .limit(1);
    if (!wasInProduction)
      throw new Conflict(
        `${input.to_version} has never been in production; a rollback returns to an earlier production version, anything else needs a promotion`,
      );
    const current = await tx.query.modelVersions.findFirst({ where: and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, "production")) });
    await moveToStage(tx, { model: model.name, version: target.version, to: "production", reason: `rollback: ${input.reason}` }, by);
    const [review] = await tx
      .insert(reviewItems)
      .values({ modelId: model.id, fromVersion: current?.version ?? null, toVersion: target.version, reason: input.reason, by: by.actor })
      .returning();
    const data = {
      review_id: review.id,
      model: model.name,
      from_version: current?.version ?? null,
      to_version: target.version,
      reason: input.reason,
      by: by.actor,
    };
    await appendAudit(tx, by, { action: "rollback.executed", target: model.name, detail: data });
    await enqueueEvent(tx, "rollback.executed", { ...data, executed_at: review.at.toISOString() });
    return { model: model.name, production_version: target.version, previous_version: current?.version ?? null, review: reviewView(review, model.name) };
  });
}

/** Compliance signs off a break-glass rollback; nobody signs off their own. */
export async function acknowledgeReview(db: Db, id: string, comment: string | undefined, principal: Principal, by: Caller): Promise<ReviewView> {
  return auditingRefusals(db, by, { action: "review.acknowledge", target: `review:${id}`, detail: { review_id: id } }, () =>
    db.transaction(async (tx) => {
      const [row] = await tx.select().from(reviewItems).where(eq(reviewItems.id, id)).for("update");
      if (!row) throw new NotFound("review item", id);
      if (principal.kind !== "user") throw new Refused("An API key cannot acknowledge a review: a person must");
      if (row.by === by.actor) throw new Refused("You performed this rollback; someone else must review it");
      if (row.acknowledgedBy) throw new Conflict(`Already acknowledged by ${row.acknowledgedBy}`);
      const [updated] = await tx
        .update(reviewItems)
        .set({ acknowledgedBy: by.actor, acknowledgedAt: new Date(), ackComment: comment || null })
        .where(eq(reviewItems.id, id))
        .returning();
      const [model] = await tx.select({ name: models.name }).from(models).where(eq(models.id, row.modelId));
      await appendAudit(tx, by, {
        action: "review.acknowledged",
        target: model.name,
        detail: { review_id: id, from_version: row.fromVersion, to_version: row.toVersion, comment: comment || null },
      });
      return reviewView(updated, model.name);
    }),
  );
}

export function refusalError(refusal: Refusal): Refused | Conflict {
  return refusal.kind === "refused" ? new Refused(refusal.reason) : new Conflict(refusal.reason);
}

/**
 * Runs a governance decision; when the rules refuse this person, records the refusal in the audit
 * trail, as every refusal of access is. The record is written after the decision's transaction rolled
 * back, so a refused attempt leaves the audit entry and nothing else.
 */
export async function auditingRefusals<T>(
  db: Db,
  by: Caller,
  attempt: { action: string; target: string; detail: Record<string, unknown> },
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refused) {
      await appendAudit(db, by, {
        action: "access.denied",
        target: attempt.target,
        outcome: "denied",
        detail: { attempted: attempt.action, reason: error.message, ...attempt.detail },
      });
    }
    throw error;
  }
}

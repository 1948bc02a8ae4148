import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import {
  gateWaivers,
  models,
  modelVersions,
  outboxEvents,
  promotionApprovals,
  promotionEvents,
  promotionRequests,
  type PromotionStatus,
} from "@/drizzle/schema";
import { apiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import type { Principal } from "@/lib/auth/principal";
import type { Db, Tx } from "@/lib/db";
import { isUniqueViolation, requireModel, type VersionRow } from "@/lib/registry/models";
import { moveToStage } from "@/lib/registry/stages";
import { gatesFor, productionVersion } from "./evidence";
import { policyById, policyInForce, type PolicyRow } from "./policies";
import { auditingRefusals, refusalError } from "./refusals";
import { checkApprove, checkReject, checkWaive, checkWithdraw, missingApprovals, readyToExecute, type Actor } from "./rules";
import type { CreatePromotionInput } from "./schemas";
import type { PromotionDetail, PromotionView } from "./views";

type RequestRow = typeof promotionRequests.$inferSelect;
type ApprovalRow = typeof promotionApprovals.$inferSelect;
type WaiverRow = typeof gateWaivers.$inferSelect;

export function actorOfPrincipal(principal: Principal): Actor {
  return principal.kind === "user" ? { kind: "user", id: principal.id, roles: principal.roles } : { kind: "key", id: principal.id, roles: [] };
}

function view(row: RequestRow, modelName: string, policy: PolicyRow, approvals: ApprovalRow[], waivers: WaiverRow[]): PromotionView {
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
    policy: { id: policy.id, version: policy.version, metric_tolerance: policy.metricTolerance },
    required_approvals: policy.requiredApprovals,
    missing_approvals: row.status === "pending" ? missingApprovals(policy.requiredApprovals, approvals) : {},
    gates: row.gates.map((g) => {
      const w = waivers.find((x) => x.gate === g.name);
      return { ...g, waived: w ? { by: w.by, reason: w.reason, at: w.at.toISOString() } : null };
    }),
    approvals: approvals.map((a) => ({ by: a.actor, role: a.role, comment: a.comment, at: a.at.toISOString() })),
  };
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

export async function requestPromotion(db: Db, input: CreatePromotionInput, principal: Principal, by: Caller): Promise<PromotionView> {
  if (principal.kind !== "user") throw apiError(403, "An API key cannot request a promotion: a person must");
  const target = input.model;
  try {
    return await db.transaction(async (tx) => {
      const model = await requireModel(tx, input.model);
      const version = await versionRow(tx, model.id, input.version);
      if (!version) throw apiError(404, `No version ${input.version} of model ${input.model}`);
      const refusal = stageRefusal(version, input.target_stage);
      if (refusal) throw apiError(409, refusal);
      const policy = await policyInForce(tx, input.target_stage);
      const gates = await gatesFor(tx, model.name, version, policy.metricTolerance);
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
    if (isUniqueViolation(error)) throw apiError(409, `An open request to promote ${input.model} ${input.version} to ${input.target_stage} already exists`);
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
  if (!row) throw apiError(404, `No promotion request ${id}`);
  const [model] = await tx.select({ id: models.id, name: models.name }).from(models).where(eq(models.id, row.modelId));
  const policy = await policyById(tx, row.policyId);
  const approvals = await tx.select().from(promotionApprovals).where(eq(promotionApprovals.requestId, id)).orderBy(promotionApprovals.at);
  const waivers = await tx.select().from(gateWaivers).where(eq(gateWaivers.requestId, id)).orderBy(gateWaivers.at);
  return { row, model, policy, approvals, waivers };
}

/** Gates are evaluated again at each decision: evidence may have changed since the request. */
async function refreshGates(tx: Tx, locked: Locked): Promise<void> {
  const version = await versionRow(tx, locked.row.modelId, locked.row.version);
  if (!version) throw apiError(409, `Version ${locked.row.version} no longer exists`);
  const gates = await gatesFor(tx, locked.model.name, version, locked.policy.metricTolerance);
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
  await tx.insert(outboxEvents).values({ event: "promotion.executed", data: { ...data, executed_at: decidedAt.toISOString() } });
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
  if (!row) throw apiError(404, `No promotion request ${id}`);
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

import "server-only";
import { and, eq, like, sql } from "drizzle-orm";
import { gateWaivers, models, promotionApprovals, promotionEvents, promotionRequests, reviewItems, stageHistory, users } from "@/drizzle/schema";
import { RANKER_PROMOTED_DAYS_AGO, RANKER_ROLLED_BACK_DAYS_AGO } from "@/lib/demo/fleet";
import { isRole } from "@/lib/auth/permissions";
import type { UserPrincipal } from "@/lib/auth/principal";
import type { Caller } from "@/lib/auth/caller";
import type { Db } from "@/lib/db";
import { approvePromotion, rejectPromotion, requestPromotion, waiveGate, rollback } from "./commands";

async function person(db: Db, email: string): Promise<{ principal: UserPrincipal; by: Caller }> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return {
    principal: { kind: "user", id: row.id, email: row.email, name: row.name, roles: row.roles.filter(isRole), mustChangePassword: false },
    by: { actor: row.email, ip: null },
  };
}

/**
 * The governance story of the demo, made through the domain functions so the audit trail holds
 * every step. Versions follow the fleet in lib/demo/fleet.ts: fraud-detector v4, churn-predictor v3
 * and search-ranker v8 are in staging, credit-risk 2026.12-rc1 in no stage yet.
 */
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

/**
 * Moves search-ranker's promotion and rollback to the moments of the fleet's story (they are made
 * at seed time through the domain functions): the request two hours before the promotion, its
 * decisions in their order just before it, the rollback an hour after, so that the stage history,
 * the request page and the metrics (which show v8 serving exactly that hour) agree. The audit
 * trail keeps the seed's own times: it records when the demo wrote them.
 */
async function placeRankerStory(db: Db, requestId: string, now: number): Promise<void> {
  const promoted = new Date(now - RANKER_PROMOTED_DAYS_AGO * DAY_MS);
  const rolledBack = new Date(now - RANKER_ROLLED_BACK_DAYS_AGO * DAY_MS);
  const [{ decided }] = await db.select({ decided: promotionRequests.decidedAt }).from(promotionRequests).where(eq(promotionRequests.id, requestId));
  // The decisions keep their order and spacing, ending at the promotion.
  const shift = sql`${(decided ?? new Date(now)).toISOString()}::timestamptz - ${promoted.toISOString()}::timestamptz`;
  await db.transaction(async (tx) => {
    await tx
      .update(promotionRequests)
      .set({ createdAt: new Date(promoted.getTime() - 120 * MIN_MS), decidedAt: promoted })
      .where(eq(promotionRequests.id, requestId));
    await tx
      .update(promotionApprovals)
      .set({ at: sql`${promotionApprovals.at} - (${shift})` })
      .where(eq(promotionApprovals.requestId, requestId));
    await tx
      .update(gateWaivers)
      .set({ at: sql`${gateWaivers.at} - (${shift})` })
      .where(eq(gateWaivers.requestId, requestId));
    await tx
      .update(promotionEvents)
      .set({ at: sql`${promotionEvents.at} - (${shift})` })
      .where(eq(promotionEvents.requestId, requestId));
    await tx
      .update(promotionEvents)
      .set({ at: new Date(promoted.getTime() - 120 * MIN_MS) })
      .where(and(eq(promotionEvents.requestId, requestId), eq(promotionEvents.kind, "requested")));
    await tx.update(stageHistory).set({ at: promoted }).where(eq(stageHistory.promotionId, requestId));
    const [ranker] = await tx.select({ id: models.id }).from(models).where(eq(models.name, "search-ranker"));
    await tx
      .update(stageHistory)
      .set({ at: rolledBack })
      .where(and(eq(stageHistory.modelId, ranker.id), like(stageHistory.reason, "rollback%")));
    await tx.update(reviewItems).set({ at: rolledBack }).where(eq(reviewItems.modelId, ranker.id));
  });
}

export async function seedGovernanceDemo(db: Db, now = Date.now()): Promise<void> {
  const lead = await person(db, "lead@example.com");
  const lead2 = await person(db, "lead2@example.com");
  const compliance = await person(db, "compliance@example.com");
  const oncall = await person(db, "oncall@example.com");

  // Executed: search-ranker v8 went through both approvals into production …
  const ranker = await requestPromotion(
    db,
    { model: "search-ranker", version: "v8", target_stage: "production", justification: "ndcg@10 +0.02 and mrr +0.02 over v7 in a week of staging traffic" },
    lead.principal,
    lead.by,
  );
  await approvePromotion(db, ranker.id, "Offline and staging numbers agree.", lead2.principal, lead2.by);
  // Drift is judged on sampled demo traffic; should a gate fail by chance, compliance waives it
  // on the record, as it would in real life, so that the story below always holds.
  for (const gate of ranker.gates.filter((g) => !g.passed)) {
    await waiveGate(db, ranker.id, gate.name, "Sampling noise in the staging window; reviewed the features by hand.", compliance.principal, compliance.by);
  }
  await approvePromotion(db, ranker.id, "Model card complete; no fairness concerns for ranking.", compliance.principal, compliance.by);
  // … and on-call put v7 back with the break-glass rollback, which now awaits compliance's review.
  await rollback(db, "search-ranker", { to_version: "v7", reason: "Click-through fell 9% within the hour after v8 took production traffic" }, oncall.by);
  await placeRankerStory(db, ranker.id, now);

  // Waiting for compliance: the ml_lead approval is in.
  const fraud = await requestPromotion(
    db,
    {
      model: "fraud-detector",
      version: "v4",
      target_stage: "production",
      justification: "Higher recall at the same precision; a day in staging without incidents",
    },
    lead.principal,
    lead.by,
  );
  await approvePromotion(db, fraud.id, "Staging latency matches v3.", lead2.principal, lead2.by);

  // Waiting for a second ml_lead: the requester cannot approve their own.
  await requestPromotion(
    db,
    {
      model: "credit-risk",
      version: "2026.12-rc1",
      target_stage: "staging",
      justification: "December retrain with the new bureau feed; ready for shadow traffic",
    },
    lead.principal,
    lead.by,
  );

  // Rejected, with the reason on record.
  const churn = await requestPromotion(
    db,
    { model: "churn-predictor", version: "v3", target_stage: "production", justification: "Small AUC gain; retrained on the autumn cohort" },
    lead2.principal,
    lead2.by,
  );
  await rejectPromotion(
    db,
    churn.id,
    "The model card does not evaluate the new-subscriber segment; add that report and request again.",
    compliance.principal,
    compliance.by,
  );
}

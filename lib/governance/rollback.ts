import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { and, desc, eq, sql } from "drizzle-orm";
import { models, modelVersions, outboxEvents, reviewItems, stageHistory } from "@/drizzle/schema";
import { apiError } from "@/lib/api/errors";
import { appendAudit } from "@/lib/audit/append";
import type { Principal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db";
import { requireModel } from "@/lib/registry/models";
import { moveToStage } from "@/lib/registry/stages";
import { auditingRefusals } from "./refusals";
import type { ReviewView } from "./views";

type ReviewRow = typeof reviewItems.$inferSelect;

function reviewView(row: ReviewRow, model: string): ReviewView {
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
    if (!target) throw apiError(404, `No version ${input.to_version} of model ${modelName}`);
    if (target.stage === "production") throw apiError(409, `${input.to_version} is already in production`);
    const [wasInProduction] = await tx
      .select({ id: stageHistory.id })
      .from(stageHistory)
      .where(and(eq(stageHistory.modelId, model.id), eq(stageHistory.version, target.version), eq(stageHistory.toStage, "production")))
      .limit(1);
    if (!wasInProduction)
      throw apiError(
        409,
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
    await tx.insert(outboxEvents).values({ event: "rollback.executed", data: { ...data, executed_at: review.at.toISOString() } });
    return { model: model.name, production_version: target.version, previous_version: current?.version ?? null, review: reviewView(review, model.name) };
  });
}

export async function listReviews(db: Db): Promise<ReviewView[]> {
  const rows = await db
    .select({ review: reviewItems, model: models.name })
    .from(reviewItems)
    .innerJoin(models, eq(models.id, reviewItems.modelId))
    .orderBy(desc(reviewItems.at));
  return rows.map((r) => reviewView(r.review, r.model));
}

/** Compliance signs off a break-glass rollback; nobody signs off their own. */
export async function acknowledgeReview(db: Db, id: string, comment: string | undefined, principal: Principal, by: Caller): Promise<ReviewView> {
  return auditingRefusals(db, by, { action: "review.acknowledge", target: `review:${id}`, detail: { review_id: id } }, () =>
    db.transaction(async (tx) => {
      const [row] = await tx.select().from(reviewItems).where(eq(reviewItems.id, id)).for("update");
      if (!row) throw apiError(404, `No review item ${id}`);
      if (principal.kind !== "user") throw apiError(403, "An API key cannot acknowledge a review: a person must");
      if (row.by === by.actor) throw apiError(403, "You performed this rollback; someone else must review it");
      if (row.acknowledgedBy) throw apiError(409, `Already acknowledged by ${row.acknowledgedBy}`);
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

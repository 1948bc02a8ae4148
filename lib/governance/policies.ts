import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { desc, eq, sql } from "drizzle-orm";
import { policies, PROMOTION_TARGETS, type PromotionTarget, type RequiredApprovals } from "@/drizzle/schema";
import { appendAudit } from "@/lib/audit/append";
import type { DbOrTx } from "@/lib/db";
import type { PolicyInput } from "./schemas";

const POLICY_LOCK_KEY = 7_461_006;

export type PolicyRow = typeof policies.$inferSelect;

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

export async function policyById(db: DbOrTx, id: string): Promise<PolicyRow> {
  const [row] = await db.select().from(policies).where(eq(policies.id, id));
  return row;
}

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
        previous: { version: current.version, required_approvals: current.requiredApprovals, metric_tolerance: current.metricTolerance },
      },
    });
    return policyView(row);
  });
}

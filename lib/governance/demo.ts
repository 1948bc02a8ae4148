import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
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
export async function seedGovernanceDemo(db: Db): Promise<void> {
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

import "server-only";
import { and, eq } from "drizzle-orm";
import { alertRules, modelVersions, models, pipelines, stageHistory } from "@/drizzle/schema";
import type { Caller } from "@/lib/auth/caller";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { privateTargetsAllowed } from "@/lib/webhooks/address";
import { createWebhook } from "@/lib/webhooks/commands";
import { addNote, autoResolveIncident, createRule, openIncident } from "./commands";
import { createRuleSchema } from "./schemas";

const ONCALL: Caller = { actor: "oncall@example.com", ip: null };
const LEAD: Caller = { actor: "lead@example.com", ip: null };
const MIN = 60_000;

/** The demo's in-process receiver (app/api/demo/webhook-receiver) checks signatures with this. */
export const DEMO_WEBHOOK_SECRET = "plumbline-demo-webhook-secret";

async function rule(db: Db, input: Record<string, unknown>) {
  return createRule(db, createRuleSchema.parse(input), ONCALL);
}

/**
 * Alerting in the demo, made through the same commands the API calls: a webhook to a receiver
 * in this very process (so deliveries show), rules for every production model and every
 * pipeline, the open critical incident of fraud-detector v3's latency regression right after its
 * promotion (with two notes), and a resolved one. The rules are evaluated live from then on.
 */
export async function seedIncidentsDemo(db: Db, port: string): Promise<void> {
  const webhookIds: string[] = [];
  if (privateTargetsAllowed()) {
    const hook = await createWebhook(
      db,
      {
        url: `http://127.0.0.1:${port}/api/demo/webhook-receiver`,
        events: ["incident.opened", "incident.acknowledged", "incident.resolved", "promotion.executed", "rollback.executed"],
        secret: DEMO_WEBHOOK_SECRET,
        format: "json",
      },
      ONCALL,
    );
    webhookIds.push(hook.id);
  } else {
    log.info("demo webhook skipped: its receiver is on loopback and PLUMBLINE_WEBHOOK_ALLOW_PRIVATE is not 1");
  }

  const production = await db
    .select({ name: models.name })
    .from(modelVersions)
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .where(eq(modelVersions.stage, "production"));
  const rules: Record<string, typeof alertRules.$inferSelect.id> = {};
  for (const { name } of production) {
    const latency = await rule(db, {
      name: `${name} p95 latency`,
      kind: "metric_threshold",
      target: { model: name },
      condition: {
        metric: "latency_p95_ms",
        aggregation: "avg",
        window_seconds: 1800,
        op: ">",
        threshold: name === "fraud-detector" ? 55 : 400,
        for_seconds: 300,
      },
      severity: "critical",
      webhook_ids: webhookIds,
      description: "Serving latency above what the product's timeout budget allows.",
      runbook_url: "https://runbooks.example.com/ml/latency",
    });
    rules[`${name} latency`] = latency.id;
    const errors = await rule(db, {
      name: `${name} error rate`,
      kind: "metric_threshold",
      target: { model: name },
      condition: { metric: "error_rate", aggregation: "avg", window_seconds: 900, op: ">=", threshold: 0.01 },
      severity: "warning",
      webhook_ids: webhookIds,
    });
    rules[`${name} errors`] = errors.id;
    await rule(db, { name: `${name} drift`, kind: "drift", target: { model: name }, condition: {}, severity: "warning", webhook_ids: webhookIds });
  }
  for (const { name } of await db.select({ name: pipelines.name }).from(pipelines)) {
    await rule(db, {
      name: `${name} failed`,
      kind: "pipeline_failed",
      target: { pipeline: name },
      condition: {},
      severity: "warning",
      webhook_ids: webhookIds,
    });
    await rule(db, { name: `${name} stale`, kind: "pipeline_stale", target: { pipeline: name }, condition: {}, severity: "warning", webhook_ids: webhookIds });
  }

  // fraud-detector v3's promotion: the latency regression began right after it.
  const [promotion] = await db
    .select({ at: stageHistory.at })
    .from(stageHistory)
    .innerJoin(models, eq(models.id, stageHistory.modelId))
    .where(and(eq(models.name, "fraud-detector"), eq(stageHistory.version, "v3"), eq(stageHistory.toStage, "production")));
  const latencyRule = rules["fraud-detector latency"];
  if (!promotion || !latencyRule) return;
  const [latency] = await db.select().from(alertRules).where(eq(alertRules.id, latencyRule));
  const openedAt = new Date(promotion.at.getTime() + 25 * MIN);
  const incident = await db.transaction(async (tx) => {
    const opened = await openIncident(
      tx,
      latency,
      { model: "fraud-detector", version: "v3" },
      { breached: true, value: 68.4, text: "avg latency_p95_ms over 30 min is 68.4 ms > 55 ms" },
      openedAt,
    );
    await tx
      .update(alertRules)
      .set({ state: "firing", pendingSince: new Date(openedAt.getTime() - 5 * MIN), lastValue: 68.4 })
      .where(eq(alertRules.id, latency.id));
    return opened;
  });
  if (incident) {
    await addNote(db, incident.id, "p95 stepped up from ~40 ms to ~68 ms within minutes of v3 taking production traffic; p50 moved the same way.", LEAD);
    await addNote(db, incident.id, "v3's feature pipeline adds a merchant lookup per request; checking whether its cache is cold before rolling back.", LEAD);
  }

  // Resolved by itself: churn-predictor's error rate, a month ago, for twenty minutes.
  const errorRule = rules["churn-predictor errors"];
  if (errorRule) {
    const [errors] = await db.select().from(alertRules).where(eq(alertRules.id, errorRule));
    const started = new Date(Date.now() - 9 * 24 * 60 * MIN);
    await db.transaction(async (tx) => {
      await openIncident(
        tx,
        errors,
        { model: "churn-predictor", version: "v2" },
        { breached: true, value: 0.014, text: "avg error_rate over 15 min is 1.4 % ≥ 1 %" },
        started,
      );
      await autoResolveIncident(
        tx,
        errors,
        { breached: false, value: 0.004, text: "avg error_rate over 15 min is 0.4 % < 1 %" },
        new Date(started.getTime() + 20 * MIN),
      );
    });
  }
}

import "server-only";
import { eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { alertRules, backgroundTicks, incidents } from "@/drizzle/schema";
import { queryRows, type Db } from "@/lib/db";
import type { Database } from "@/lib/db/engine";
import { log } from "@/lib/log";
import { incrementCounter } from "@/lib/observability/metrics";
import { autoResolveIncident, openIncident } from "./commands";
import { evaluateTick } from "./evaluate";
import { forSecondsOf } from "./kinds";
import { observe, targetKey, TickContext } from "./observe";

// Every replica wakes at each slot; the lock and the slot row decide which one evaluates it.
const EVALUATOR_LOCK_KEY = 7_461_020;
const LOOP = "alert_evaluator";

export function evalIntervalMs(): number {
  const seconds = Number(process.env.PLUMBLINE_EVAL_INTERVAL_SECONDS ?? 15);
  return (Number.isFinite(seconds) && seconds >= 1 ? seconds : 15) * 1000;
}

export interface EvaluationStats {
  rules: number;
  errors: number;
  opened: number;
  resolved: number;
}

/**
 * Evaluates every live rule once. Each rule stands alone: one that throws is logged and counted,
 * and the others are still evaluated. Incident changes commit one rule at a time, each with its
 * audit entry and outgoing event.
 */
export async function evaluateRules(db: Db, now: Date): Promise<EvaluationStats> {
  const rules = await db.select().from(alertRules).where(isNull(alertRules.deletedAt));
  const unresolved = await db
    .select({ ruleId: incidents.ruleId, targetKey: incidents.targetKey, status: incidents.status })
    .from(incidents)
    .where(ne(incidents.status, "resolved"));
  const open = new Map(unresolved.map((i) => [`${i.ruleId} ${i.targetKey}`, i.status as "open" | "acknowledged"]));
  const ctx = new TickContext(db, now);
  const stats: EvaluationStats = { rules: rules.length, errors: 0, opened: 0, resolved: 0 };
  const evaluated: string[] = [];
  for (const rule of rules) {
    try {
      const seen = await observe(ctx, rule);
      const outcome = evaluateTick({
        now,
        forSeconds: forSecondsOf(rule.condition),
        silencedUntil: rule.silencedUntil,
        memory: { state: rule.state, pendingSince: rule.pendingSince },
        observation: seen.observation,
        incident: open.get(`${rule.id} ${targetKey(rule.target)}`) ?? null,
      });
      const memory = { state: outcome.memory.state, pendingSince: outcome.memory.pendingSince, lastValue: seen.observation.value };
      const changed =
        memory.state !== rule.state ||
        memory.pendingSince?.getTime() !== rule.pendingSince?.getTime() ||
        memory.lastValue !== rule.lastValue ||
        outcome.action !== "none";
      if (changed) {
        await db.transaction(async (tx) => {
          if (outcome.action === "open" && (await openIncident(tx, rule, seen.target, seen.observation, now))) stats.opened++;
          if (outcome.action === "resolve" && (await autoResolveIncident(tx, rule, seen.observation, now))) stats.resolved++;
          await tx.update(alertRules).set(memory).where(eq(alertRules.id, rule.id));
        });
      }
      evaluated.push(rule.id);
      incrementCounter("plumbline_alert_evaluations_total");
    } catch (error) {
      stats.errors++;
      incrementCounter("plumbline_alert_evaluation_errors_total");
      log.error("alert rule evaluation failed", { rule: rule.id, name: rule.name, error: String(error).slice(0, 500) });
    }
  }
  if (evaluated.length) await db.update(alertRules).set({ lastEvaluatedAt: now }).where(inArray(alertRules.id, evaluated));
  return stats;
}

/**
 * One tick: under the evaluator lock, claims this time slot (so that of N replicas waking at
 * the same slot exactly one evaluates it, even one that wakes after another has finished), then
 * evaluates. `busy`: another replica holds the lock; `skipped`: the slot was already done.
 */
export async function runEvaluatorTick(database: Database, now = new Date()): Promise<"evaluated" | "skipped" | "busy"> {
  const interval = evalIntervalMs();
  const slot = new Date(Math.floor(now.getTime() / interval) * interval);
  const { db } = database;
  const result = await database.withTryLock(EVALUATOR_LOCK_KEY, async () => {
    const claimed = await queryRows<{ loop: string }>(
      db,
      sql`insert into ${backgroundTicks} (loop, last_slot) values (${LOOP}, ${slot.toISOString()}::timestamptz)
          on conflict (loop) do update set last_slot = excluded.last_slot where ${backgroundTicks.lastSlot} < excluded.last_slot
          returning loop`,
    );
    if (claimed.length === 0) return "skipped" as const;
    const started = performance.now();
    const stats = await evaluateRules(db, now);
    const durationMs = Math.round(performance.now() - started);
    await db.update(backgroundTicks).set({ durationMs }).where(eq(backgroundTicks.loop, LOOP));
    log.debug("alert rules evaluated", { ...stats, ms: durationMs });
    return "evaluated" as const;
  });
  return result.acquired ? result.value : "busy";
}

/** Wakes at every slot boundary (plus a little jitter), forever; a failed tick is logged and the next one comes. */
export function startEvaluator(database: Database): void {
  const schedule = () => {
    const interval = evalIntervalMs();
    const wait = interval - (Date.now() % interval) + Math.floor(Math.random() * 200);
    setTimeout(tick, wait).unref();
  };
  const tick = () => {
    runEvaluatorTick(database)
      .then((outcome) => outcome === "evaluated" && incrementCounter("plumbline_alert_evaluator_ticks_total"))
      .catch((error) => {
        incrementCounter("plumbline_alert_evaluation_errors_total");
        log.error("alert evaluator tick failed", { error: String(error).slice(0, 500) });
      })
      .finally(schedule);
  };
  schedule();
}

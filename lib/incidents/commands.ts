import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { alertRules, incidentEvents, incidents, models, pipelines, webhooks, type RuleTarget } from "@/drizzle/schema";
import { appendAudit } from "@/lib/audit/append";
import { SYSTEM_CALLER, type Caller } from "@/lib/auth/caller";
import type { Db, Tx } from "@/lib/db";
import { Conflict, Invalid, NotFound, type FieldIssue } from "@/lib/errors";
import { enqueueEvent } from "@/lib/webhooks/outbox";
import type { Observation } from "./evaluate";
import { targetKey } from "./observe";
import { incidentSummaryView, ruleView, type IncidentSummary, type RuleView } from "./queries";
import { createRuleSchema, type CreateRuleInput, type PatchRuleInput } from "./schemas";

type RuleRow = typeof alertRules.$inferSelect;
type IncidentRow = typeof incidents.$inferSelect;

/** Unknown models, pipelines and webhooks are bad input: 422 naming the field. */
async function checkReferences(tx: Tx, rule: CreateRuleInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if ("model" in rule.target) {
    const [model] = await tx.select({ id: models.id }).from(models).where(eq(models.name, rule.target.model));
    if (!model) issues.push({ path: "target.model", message: `no model named ${rule.target.model}` });
  } else {
    const [pipeline] = await tx.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.name, rule.target.pipeline));
    if (!pipeline) issues.push({ path: "target.pipeline", message: `no pipeline named ${rule.target.pipeline}` });
  }
  const known = new Set((await tx.select({ id: webhooks.id }).from(webhooks)).map((w) => w.id));
  (rule.webhook_ids ?? []).forEach((id, i) => {
    if (!known.has(id)) issues.push({ path: `webhook_ids[${i}]`, message: `no webhook ${id}` });
  });
  if (issues.length) throw new Invalid(issues);
}

const ruleValues = (rule: CreateRuleInput) => ({
  name: rule.name,
  kind: rule.kind,
  target: rule.target as RuleTarget,
  condition: rule.condition,
  severity: rule.severity,
  webhookIds: rule.webhook_ids ?? [],
  description: rule.description ?? "",
  runbookUrl: rule.runbook_url ?? null,
});

export async function createRule(db: Db, input: CreateRuleInput, caller: Caller): Promise<RuleView> {
  return db.transaction(async (tx) => {
    await checkReferences(tx, input);
    const [row] = await tx
      .insert(alertRules)
      .values({ ...ruleValues(input), createdBy: caller.actor })
      .returning();
    await appendAudit(tx, caller, {
      action: "alert_rule.created",
      target: row.id,
      detail: { name: row.name, kind: row.kind, target: row.target, condition: row.condition, severity: row.severity },
    });
    return ruleView(row);
  });
}

async function lockRule(tx: Tx, id: string): Promise<RuleRow> {
  const [row] = await tx
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.id, id), isNull(alertRules.deletedAt)))
    .for("update");
  if (!row) throw new NotFound("alert rule", id);
  return row;
}

/** The rule as changed is validated whole, as on creation; a new kind or condition restarts its clock. */
export async function updateRule(db: Db, id: string, patch: PatchRuleInput, caller: Caller): Promise<RuleView> {
  return db.transaction(async (tx) => {
    const row = await lockRule(tx, id);
    const merged = createRuleSchema.safeParse({
      name: patch.name ?? row.name,
      kind: patch.kind ?? row.kind,
      target: patch.target ?? row.target,
      condition: patch.condition ?? row.condition,
      severity: patch.severity ?? row.severity,
      webhook_ids: patch.webhook_ids ?? row.webhookIds,
      description: patch.description ?? row.description,
      runbook_url: patch.runbook_url === undefined ? row.runbookUrl : patch.runbook_url,
    });
    if (!merged.success) throw new Invalid(merged.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    await checkReferences(tx, merged.data);
    const reshaped = patch.kind !== undefined || patch.condition !== undefined || patch.target !== undefined;
    const [updated] = await tx
      .update(alertRules)
      .set({ ...ruleValues(merged.data), updatedAt: new Date(), ...(reshaped ? { state: null, pendingSince: null, lastValue: null } : {}) })
      .where(eq(alertRules.id, id))
      .returning();
    await appendAudit(tx, caller, { action: "alert_rule.updated", target: id, detail: { name: updated.name, changed: Object.keys(patch) } });
    return ruleView(updated);
  });
}

/** Deleted rules stop evaluating; their incidents stay, and still name them. */
export async function deleteRule(db: Db, id: string, caller: Caller): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockRule(tx, id);
    await tx.update(alertRules).set({ deletedAt: new Date() }).where(eq(alertRules.id, id));
    await appendAudit(tx, caller, { action: "alert_rule.deleted", target: id, detail: { name: row.name } });
  });
}

export async function silenceRule(db: Db, id: string, input: { until: string | null; reason?: string }, caller: Caller, now = new Date()): Promise<RuleView> {
  const until = input.until === null ? null : new Date(input.until);
  if (until && until.getTime() <= now.getTime()) throw new Invalid([{ path: "until", message: "must be in the future (null lifts the silence)" }]);
  return db.transaction(async (tx) => {
    await lockRule(tx, id);
    const [updated] = await tx.update(alertRules).set({ silencedUntil: until, updatedAt: now }).where(eq(alertRules.id, id)).returning();
    await appendAudit(tx, caller, {
      action: until ? "alert_rule.silenced" : "alert_rule.unsilenced",
      target: id,
      detail: { name: updated.name, until: until?.toISOString() ?? null, reason: input.reason ?? null },
    });
    return ruleView(updated);
  });
}

/** What webhooks receive about an incident. */
function incidentPayload(incident: IncidentRow, rule: { name: string; runbookUrl: string | null }) {
  return {
    id: incident.id,
    rule: rule.name,
    kind: incident.kind,
    target: incident.target,
    severity: incident.severity,
    status: incident.status,
    summary: incident.summary,
    opened_at: incident.openedAt.toISOString(),
    acknowledged_by: incident.acknowledgedBy,
    resolved_at: incident.resolvedAt?.toISOString() ?? null,
    resolved_by: incident.resolvedBy,
    runbook_url: rule.runbookUrl,
  };
}

async function announce(tx: Tx, event: "incident.opened" | "incident.acknowledged" | "incident.resolved", incident: IncidentRow, rule: RuleRow) {
  await enqueueEvent(tx, event, incidentPayload(incident, rule), rule.webhookIds);
}

/**
 * The evaluator's side: opens the rule's incident for this target, with its firing event, audit
 * entry and outgoing event in one transaction. Answers null when one is already open (the partial
 * unique index decides, whichever replica got there first).
 */
export async function openIncident(tx: Tx, rule: RuleRow, target: RuleTarget, observation: Observation, now: Date): Promise<IncidentRow | null> {
  const [incident] = await tx
    .insert(incidents)
    .values({
      ruleId: rule.id,
      target,
      targetKey: targetKey(rule.target),
      kind: rule.kind,
      severity: rule.severity,
      summary: `${rule.name}: ${observation.text}`,
      openedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!incident) return null;
  await tx.insert(incidentEvents).values({
    incidentId: incident.id,
    kind: "opened",
    at: now,
    actor: SYSTEM_CALLER.actor,
    text: `Fired: ${observation.text}`,
    detail: { value: observation.value, condition: rule.condition },
  });
  await appendAudit(tx, SYSTEM_CALLER, {
    action: "incident.opened",
    target: incident.id,
    detail: { rule: rule.name, severity: rule.severity, summary: incident.summary },
  });
  await announce(tx, "incident.opened", incident, rule);
  return incident;
}

/** The evaluator's side: the condition cleared on an incident nobody has taken. */
export async function autoResolveIncident(tx: Tx, rule: RuleRow, observation: Observation, now: Date): Promise<IncidentRow | null> {
  const [incident] = await tx
    .update(incidents)
    .set({ status: "resolved", resolvedAt: now, resolvedBy: SYSTEM_CALLER.actor })
    .where(and(eq(incidents.ruleId, rule.id), eq(incidents.targetKey, targetKey(rule.target)), eq(incidents.status, "open")))
    .returning();
  if (!incident) return null;
  await tx.insert(incidentEvents).values({
    incidentId: incident.id,
    kind: "resolved",
    at: now,
    actor: SYSTEM_CALLER.actor,
    text: `Cleared: ${observation.text}`,
    detail: { value: observation.value },
  });
  await appendAudit(tx, SYSTEM_CALLER, { action: "incident.resolved", target: incident.id, detail: { rule: rule.name, by: "condition cleared" } });
  await announce(tx, "incident.resolved", incident, rule);
  return incident;
}

async function lockIncident(tx: Tx, id: string): Promise<{ incident: IncidentRow; rule: RuleRow }> {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update");
  if (!row) throw new NotFound("incident", id);
  const [rule] = await tx.select().from(alertRules).where(eq(alertRules.id, row.ruleId));
  return { incident: row, rule };
}

/** A person takes the incident: from now on it waits for them, even when the condition clears. */
export async function acknowledgeIncident(db: Db, id: string, comment: string | undefined, caller: Caller): Promise<IncidentSummary> {
  return db.transaction(async (tx) => {
    const { incident, rule } = await lockIncident(tx, id);
    if (incident.status === "resolved") throw new Conflict("This incident is resolved: there is nothing left to acknowledge");
    if (incident.status === "acknowledged") throw new Conflict(`Already acknowledged by ${incident.acknowledgedBy}`);
    const now = new Date();
    const [updated] = await tx
      .update(incidents)
      .set({ status: "acknowledged", acknowledgedAt: now, acknowledgedBy: caller.actor })
      .where(eq(incidents.id, id))
      .returning();
    await tx
      .insert(incidentEvents)
      .values({ incidentId: id, kind: "acknowledged", at: now, actor: caller.actor, text: comment ? `Acknowledged: ${comment}` : "Acknowledged" });
    await appendAudit(tx, caller, { action: "incident.acknowledged", target: id, detail: { rule: rule.name, comment: comment ?? null } });
    await announce(tx, "incident.acknowledged", updated, rule);
    return incidentSummaryView(updated, rule);
  });
}

export async function resolveIncident(db: Db, id: string, comment: string | undefined, caller: Caller): Promise<IncidentSummary> {
  return db.transaction(async (tx) => {
    const { incident, rule } = await lockIncident(tx, id);
    if (incident.status === "resolved") throw new Conflict("This incident is already resolved");
    const now = new Date();
    const [updated] = await tx
      .update(incidents)
      .set({ status: "resolved", resolvedAt: now, resolvedBy: caller.actor })
      .where(and(eq(incidents.id, id), ne(incidents.status, "resolved")))
      .returning();
    await tx
      .insert(incidentEvents)
      .values({ incidentId: id, kind: "resolved", at: now, actor: caller.actor, text: comment ? `Resolved: ${comment}` : "Resolved" });
    await appendAudit(tx, caller, { action: "incident.resolved", target: id, detail: { rule: rule.name, comment: comment ?? null } });
    await announce(tx, "incident.resolved", updated, rule);
    return incidentSummaryView(updated, rule);
  });
}

export async function addNote(db: Db, id: string, text: string, caller: Caller): Promise<{ at: string; kind: "note"; text: string; actor: string }> {
  return db.transaction(async (tx) => {
    await lockIncident(tx, id);
    const at = new Date();
    await tx.insert(incidentEvents).values({ incidentId: id, kind: "note", at, actor: caller.actor, text });
    await appendAudit(tx, caller, { action: "incident.noted", target: id, detail: { length: text.length } });
    return { at: at.toISOString(), kind: "note", text, actor: caller.actor };
  });
}

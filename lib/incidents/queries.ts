import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import {
  alertRules,
  incidentEvents,
  incidents,
  models,
  modelVersions,
  pipelineRuns,
  pipelines,
  stageHistory,
  type IncidentStatus,
  type RuleState,
  type RuleTarget,
  type Severity,
} from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { dailyDrift, dailyShares } from "@/lib/drift/daily";
import { NotFound } from "@/lib/errors";
import { driftVerdictChanges, mergeTimeline, stalePeriods, type TimelineEntry } from "./timeline";

type RuleRow = typeof alertRules.$inferSelect;
type IncidentRow = typeof incidents.$inferSelect;

export interface RuleView {
  id: string;
  name: string;
  kind: string;
  target: RuleTarget;
  condition: Record<string, unknown>;
  severity: Severity;
  webhook_ids: string[];
  description: string;
  runbook_url: string | null;
  silenced_until: string | null;
  /** At the last evaluation: ok, pending, firing or no_data; null before the first. */
  state: RuleState | null;
  last_value: number | null;
  last_evaluated_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export function ruleView(row: RuleRow): RuleView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    target: row.target,
    condition: row.condition,
    severity: row.severity,
    webhook_ids: row.webhookIds,
    description: row.description,
    runbook_url: row.runbookUrl,
    silenced_until: row.silencedUntil?.toISOString() ?? null,
    state: row.state,
    last_value: row.lastValue,
    last_evaluated_at: row.lastEvaluatedAt?.toISOString() ?? null,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listRules(db: Db): Promise<RuleView[]> {
  const rows = await db.select().from(alertRules).where(isNull(alertRules.deletedAt)).orderBy(asc(alertRules.name), asc(alertRules.createdAt));
  return rows.map(ruleView);
}

export async function getRule(db: Db, id: string): Promise<RuleView> {
  const [row] = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.id, id), isNull(alertRules.deletedAt)));
  if (!row) throw new NotFound("alert rule", id);
  return ruleView(row);
}

export interface IncidentSummary {
  id: string;
  rule: string;
  rule_id: string;
  kind: string;
  target: RuleTarget;
  severity: Severity;
  status: IncidentStatus;
  summary: string;
  opened_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

export function incidentSummaryView(row: IncidentRow, rule: { name: string }): IncidentSummary {
  return {
    id: row.id,
    rule: rule.name,
    rule_id: row.ruleId,
    kind: row.kind,
    target: row.target,
    severity: row.severity,
    status: row.status,
    summary: row.summary,
    opened_at: row.openedAt.toISOString(),
    acknowledged_at: row.acknowledgedAt?.toISOString() ?? null,
    acknowledged_by: row.acknowledgedBy,
    resolved_at: row.resolvedAt?.toISOString() ?? null,
    resolved_by: row.resolvedBy,
  };
}

const SEVERITY_RANK = sql`case ${incidents.severity} when 'critical' then 0 when 'warning' then 1 else 2 end`;

/** Not resolved first (most severe, then newest), then resolved, newest first. */
export async function listIncidents(db: Db, filter: { status?: IncidentStatus; limit?: number } = {}): Promise<IncidentSummary[]> {
  const rows = await db
    .select({ incident: incidents, rule: alertRules.name })
    .from(incidents)
    .innerJoin(alertRules, eq(alertRules.id, incidents.ruleId))
    .where(filter.status ? eq(incidents.status, filter.status) : undefined)
    .orderBy(sql`${incidents.status} = 'resolved'`, SEVERITY_RANK, desc(incidents.openedAt))
    .limit(filter.limit ?? 500);
  return rows.map((r) => incidentSummaryView(r.incident, { name: r.rule }));
}

export interface IncidentDetail extends IncidentSummary {
  description: string;
  runbook_url: string | null;
  condition: Record<string, unknown>;
  timeline: TimelineEntry[];
}

const HOUR_MS = 3_600_000;
/** How far before the incident the timeline looks for what changed. */
const LOOKBACK_MS = 24 * HOUR_MS;

async function stageChanges(db: Db, modelId: string, from: Date, to: Date): Promise<TimelineEntry[]> {
  const rows = await db
    .select()
    .from(stageHistory)
    .where(and(eq(stageHistory.modelId, modelId), gte(stageHistory.at, from), lte(stageHistory.at, to), ne(stageHistory.toStage, "archived")))
    .orderBy(asc(stageHistory.at));
  return rows.map((c) => {
    const rollback = c.reason?.startsWith("rollback") ?? false;
    return {
      at: c.at.toISOString(),
      kind: rollback ? "rollback" : "promotion",
      text: rollback
        ? `Rolled back to ${c.version} (${c.reason?.replace(/^rollback:\s*/, "")})`
        : `${c.version} → ${c.toStage}${c.fromStage !== "none" ? ` (from ${c.fromStage})` : ""}`,
      actor: c.by,
    } satisfies TimelineEntry;
  });
}

/** Pipelines tied to the model by lineage: those whose runs produced any of its versions. */
async function linkedPipelines(db: Db, target: RuleTarget) {
  if ("pipeline" in target) return db.select().from(pipelines).where(eq(pipelines.name, target.pipeline));
  const producing = db
    .selectDistinct({ id: pipelineRuns.pipelineId })
    .from(pipelineRuns)
    .innerJoin(modelVersions, eq(modelVersions.id, pipelineRuns.producesVersionId))
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .where(eq(models.name, target.model));
  return db.select().from(pipelines).where(inArray(pipelines.id, producing));
}

async function pipelineEntries(db: Db, target: RuleTarget, from: Date, to: Date, now: Date): Promise<TimelineEntry[]> {
  const linked = await linkedPipelines(db, target);
  const entries: TimelineEntry[] = [];
  for (const pipeline of linked) {
    const finished = sql`coalesce(${pipelineRuns.finishedAt}, ${pipelineRuns.startedAt})`;
    const [failures, successes, [before]] = await Promise.all([
      db
        .select()
        .from(pipelineRuns)
        .where(
          and(
            eq(pipelineRuns.pipelineId, pipeline.id),
            eq(pipelineRuns.status, "failed"),
            sql`${finished} between ${from.toISOString()}::timestamptz and ${to.toISOString()}::timestamptz`,
          ),
        ),
      db
        .select({ at: pipelineRuns.finishedAt })
        .from(pipelineRuns)
        .where(
          and(
            eq(pipelineRuns.pipelineId, pipeline.id),
            eq(pipelineRuns.status, "succeeded"),
            gte(pipelineRuns.finishedAt, from),
            lte(pipelineRuns.finishedAt, to),
          ),
        ),
      // The last success before the window: where a stale period reaching into it began.
      db
        .select({ at: pipelineRuns.finishedAt })
        .from(pipelineRuns)
        .where(
          and(
            eq(pipelineRuns.pipelineId, pipeline.id),
            eq(pipelineRuns.status, "succeeded"),
            sql`${pipelineRuns.finishedAt} < ${from.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(desc(pipelineRuns.finishedAt))
        .limit(1),
    ]);
    for (const run of failures) {
      const headline = run.error?.trim().split("\n")[0].slice(0, 300);
      entries.push({
        at: (run.finishedAt ?? run.startedAt)!.toISOString(),
        kind: "pipeline_failed",
        text: `Pipeline ${pipeline.name} run ${run.runId} failed${headline ? `: ${headline}` : ""}`,
      });
    }
    const times = [before?.at, ...successes.map((s) => s.at)].filter((t): t is Date => t !== null && t !== undefined);
    const periods = stalePeriods(
      pipeline.name,
      times,
      { expectedEverySeconds: pipeline.expectedEverySeconds, graceSeconds: pipeline.graceSeconds },
      to < now ? to : now,
    );
    for (const p of periods) if (p.at >= from && p.at <= to) entries.push({ at: p.at.toISOString(), kind: "pipeline_stale", text: p.text });
  }
  return entries;
}

async function driftEntries(db: Db, target: RuleTarget, from: Date, to: Date): Promise<TimelineEntry[]> {
  if (!("model" in target) || !target.version) return [];
  const [version] = await db
    .select({ id: modelVersions.id, modelId: modelVersions.modelId })
    .from(modelVersions)
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .where(and(eq(models.name, target.model), eq(modelVersions.version, target.version)));
  if (!version) return [];
  const days = Math.ceil((to.getTime() - from.getTime()) / (24 * HOUR_MS)) + 2;
  const shares = dailyShares(await dailyDrift(db, version, to, days));
  return driftVerdictChanges(shares)
    .filter((c) => c.at >= new Date(from.getTime() - 24 * HOUR_MS) && c.at <= to)
    .map((c) => ({ at: c.at.toISOString(), kind: "drift", text: `${target.model} ${target.version}: ${c.text}` }));
}

/**
 * The incident with its timeline: the firing and resolving with the values that crossed, people's
 * notes and state changes, and what changed around it: the model's promotions and rollbacks,
 * failures and stale periods of the pipelines that feed it, drift verdict changes.
 */
export async function getIncident(db: Db, id: string, now = new Date()): Promise<IncidentDetail> {
  const [row] = await db
    .select({ incident: incidents, rule: alertRules })
    .from(incidents)
    .innerJoin(alertRules, eq(alertRules.id, incidents.ruleId))
    .where(eq(incidents.id, id));
  if (!row) throw new NotFound("incident", id);
  const { incident, rule } = row;
  const from = new Date(incident.openedAt.getTime() - LOOKBACK_MS);
  const to = incident.resolvedAt ? new Date(Math.min(now.getTime(), incident.resolvedAt.getTime() + HOUR_MS)) : now;
  const events = await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, id)).orderBy(asc(incidentEvents.at));
  const own: TimelineEntry[] = events.map((e) => ({ at: e.at.toISOString(), kind: e.kind as TimelineEntry["kind"], text: e.text, actor: e.actor }));
  const target = incident.target;
  const [model] = "model" in target ? await db.select({ id: models.id }).from(models).where(eq(models.name, target.model)) : [];
  const [changes, pipelineParts, drift] = await Promise.all([
    model ? stageChanges(db, model.id, from, to) : [],
    pipelineEntries(db, target, from, to, now),
    driftEntries(db, target, from, to),
  ]);
  return {
    ...incidentSummaryView(incident, rule),
    description: rule.description,
    runbook_url: rule.runbookUrl,
    condition: rule.condition,
    timeline: mergeTimeline(own, changes, pipelineParts, drift),
  };
}

/** Open and acknowledged incidents by severity: the Overview's KPI. */
export async function openIncidentCounts(db: Db): Promise<Record<"critical" | "warning" | "info", number>> {
  const rows = await db
    .select({ severity: incidents.severity, n: sql<number>`count(*)::int` })
    .from(incidents)
    .where(or(eq(incidents.status, "open"), eq(incidents.status, "acknowledged")))
    .groupBy(incidents.severity);
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const r of rows) counts[r.severity] = Number(r.n);
  return counts;
}

import "server-only";
import { and, asc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { alertRules, driftDaily, gateWaivers, incidents, modelVersions, pipelineRuns, pipelines, promotionRequests, stageHistory } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { driftOnsets } from "./drift-onsets";

import type { MarkerKind } from "./marker-kinds";

/** An event drawn on a model's charts, with what a person needs to judge it: who, why, and where to read more. */
export interface Annotation {
  ts: string;
  kind: MarkerKind;
  text: string;
  who?: string | null;
  reason?: string | null;
  href?: string | null;
}

const modelPath = (name: string) => `/models/${encodeURIComponent(name)}`;
const DAY_MS = 86_400_000;

/**
 * Everything that changed a model between `from` and `to`: stage changes (rollbacks told apart),
 * gate waivers on its requests, drift onsets of its versions, failed runs of the pipelines that
 * produced its versions, and its incidents.
 */
export async function modelMarkers(db: Db, model: { id: string; name: string }, from: Date, to: Date): Promise<Annotation[]> {
  const [changes, waivers, failures, opened, verdicts] = await Promise.all([
    db
      .select()
      .from(stageHistory)
      .where(and(eq(stageHistory.modelId, model.id), gte(stageHistory.at, from), lte(stageHistory.at, to), ne(stageHistory.toStage, "archived")))
      .orderBy(asc(stageHistory.at)),
    db
      .select({
        at: gateWaivers.at,
        gate: gateWaivers.gate,
        reason: gateWaivers.reason,
        by: gateWaivers.by,
        requestId: gateWaivers.requestId,
        version: promotionRequests.version,
      })
      .from(gateWaivers)
      .innerJoin(promotionRequests, eq(promotionRequests.id, gateWaivers.requestId))
      .where(and(eq(promotionRequests.modelId, model.id), gte(gateWaivers.at, from), lte(gateWaivers.at, to))),
    db
      .select({ at: pipelineRuns.finishedAt, runId: pipelineRuns.runId, error: pipelineRuns.error, pipeline: pipelines.name })
      .from(pipelineRuns)
      .innerJoin(pipelines, eq(pipelines.id, pipelineRuns.pipelineId))
      .where(
        and(
          eq(pipelineRuns.status, "failed"),
          gte(pipelineRuns.finishedAt, from),
          lte(pipelineRuns.finishedAt, to),
          // The pipelines that feed this model: those that ever produced one of its versions.
          inArray(
            pipelineRuns.pipelineId,
            db
              .selectDistinct({ id: pipelineRuns.pipelineId })
              .from(pipelineRuns)
              .innerJoin(modelVersions, eq(modelVersions.id, pipelineRuns.producesVersionId))
              .where(eq(modelVersions.modelId, model.id)),
          ),
        ),
      ),
    db
      .select({ id: incidents.id, openedAt: incidents.openedAt, severity: incidents.severity, rule: alertRules.name, summary: incidents.summary })
      .from(incidents)
      .innerJoin(alertRules, eq(alertRules.id, incidents.ruleId))
      .where(and(sql`${incidents.target}->>'model' = ${model.name}`, gte(incidents.openedAt, from), lte(incidents.openedAt, to))),
    db
      .select({ feature: driftDaily.feature, day: driftDaily.day, drifted: driftDaily.drifted, version: modelVersions.version })
      .from(driftDaily)
      .innerJoin(modelVersions, eq(modelVersions.id, driftDaily.modelVersionId))
      // A day before the window too, so that drift already under way when it opens is no onset.
      .where(
        and(
          eq(modelVersions.modelId, model.id),
          gte(driftDaily.day, new Date(from.getTime() - DAY_MS).toISOString().slice(0, 10)),
          lte(driftDaily.day, to.toISOString().slice(0, 10)),
        ),
      ),
  ]);

  const byVersion = new Map<string, typeof verdicts>();
  for (const v of verdicts) byVersion.set(v.version, [...(byVersion.get(v.version) ?? []), v]);
  const onsets: Annotation[] = [];
  for (const [version, days] of byVersion) {
    const perDay = new Map<string, string[]>();
    for (const o of driftOnsets(days)) perDay.set(o.day, [...(perDay.get(o.day) ?? []), o.feature]);
    for (const [day, features] of perDay) {
      const ts = `${day}T00:00:00.000Z`;
      if (Date.parse(ts) < from.getTime() || Date.parse(ts) > to.getTime()) continue;
      onsets.push({
        ts,
        kind: "drift_onset",
        text: `${version} drift: ${features.join(", ")}`,
        who: null,
        reason: `${features.length === 1 ? "feature" : "features"} ${features.join(", ")} drifted that day (UTC), after a day without drift`,
        href: `${modelPath(model.name)}?feature=${encodeURIComponent(features[0])}#drift-heading`,
      });
    }
  }

  return [
    ...changes.map((c): Annotation => {
      const rollback = c.reason?.startsWith("rollback") ?? false;
      return {
        ts: c.at.toISOString(),
        kind: rollback ? "rollback" : "promotion",
        text: `${c.version} → ${c.toStage}`,
        who: c.by,
        reason: rollback ? (c.reason ?? "").replace(/^rollback:\s*/, "") : c.reason,
        href: c.promotionId ? `/approvals/${c.promotionId}` : `${modelPath(model.name)}/versions/${encodeURIComponent(c.version)}`,
      };
    }),
    ...waivers.map((w): Annotation => ({
      ts: w.at.toISOString(),
      kind: "waiver",
      text: `${w.version}: ${w.gate} waived`,
      who: w.by,
      reason: w.reason,
      href: `/approvals/${w.requestId}`,
    })),
    ...failures.map((f): Annotation => ({
      ts: (f.at as Date).toISOString(),
      kind: "pipeline_failed",
      text: `${f.pipeline} failed`,
      who: null,
      reason: f.error ?? `run ${f.runId} failed`,
      href: `/pipelines/${encodeURIComponent(f.pipeline)}`,
    })),
    ...opened.map((i): Annotation => ({
      ts: i.openedAt.toISOString(),
      kind: "incident",
      text: `${i.severity}: ${i.rule}`,
      who: null,
      reason: i.summary,
      href: `/incidents/${i.id}`,
    })),
    ...onsets,
  ].sort((a, b) => a.ts.localeCompare(b.ts));
}

import "server-only";
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { metricRollups, models, modelVersions, type RuleTarget } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { modelDrift, STATUS_WINDOW_MS } from "@/lib/drift/queries";
import { listPipelines } from "@/lib/pipelines/queries";
import type { PipelineSummary } from "@/lib/pipelines/schemas";
import { judgeDrift, judgeMetric, judgePipelineFailed, judgePipelineStale, type DriftCondition, type MetricCondition, type Observation } from "./evaluate";
import { judgeQuality, type QualityCondition } from "@/lib/quality/alert";
import { qualityInWindow } from "@/lib/quality/queries";
import type { RuleKind } from "./kinds";

export interface RuleForObservation {
  kind: string;
  target: RuleTarget;
  condition: Record<string, unknown>;
}

/** What one rule sees, and the target it saw it on (the version resolved when the rule names none). */
export interface Seen {
  observation: Observation;
  target: RuleTarget;
}

/**
 * Facts shared by every rule in one tick, each loaded at most once: the fleet's pipeline
 * statuses and the versions rules point at.
 */
export class TickContext {
  private pipelines?: Promise<Map<string, PipelineSummary>>;
  private versions?: Promise<Map<string, { id: string; model: string; version: string; stage: string }[]>>;

  constructor(
    readonly db: Db,
    readonly now: Date,
  ) {}

  pipelineStatus(name: string): Promise<PipelineSummary | undefined> {
    this.pipelines ??= listPipelines(this.db, this.now).then((all) => new Map(all.map((p) => [p.name, p])));
    return this.pipelines.then((all) => all.get(name));
  }

  /** The named version, or the one in production; null when there is none. */
  async version(target: { model: string; version?: string }) {
    this.versions ??= this.db
      .select({ id: modelVersions.id, model: models.name, version: modelVersions.version, stage: modelVersions.stage })
      .from(modelVersions)
      .innerJoin(models, eq(models.id, modelVersions.modelId))
      .then((rows) => {
        const byModel = new Map<string, typeof rows>();
        for (const row of rows) byModel.set(row.model, [...(byModel.get(row.model) ?? []), row]);
        return byModel;
      });
    const versions = (await this.versions).get(target.model) ?? [];
    return versions.find((v) => (target.version ? v.version === target.version : v.stage === "production")) ?? null;
  }
}

const noVersion = (target: { model: string; version?: string }): Seen => ({
  target,
  observation: {
    breached: null,
    value: null,
    text: target.version ? `No data: ${target.model} has no version ${target.version}` : `No data: ${target.model} has no version in production`,
  },
});

/**
 * count/sum/min/max over the window from the one-minute rollups: at most window/60 rows per
 * rule, however long the history.
 */
async function metricAggregate(db: Db, versionId: string, condition: MetricCondition, now: Date) {
  const from = new Date(Math.floor((now.getTime() - condition.window_seconds * 1000) / 60_000) * 60_000);
  const [row] = await db
    .select({
      count: sql<number>`coalesce(sum(${metricRollups.count}), 0)::float8`,
      sum: sql<number>`coalesce(sum(${metricRollups.sum}), 0)::float8`,
      min: sql<number>`min(${metricRollups.min})`,
      max: sql<number>`max(${metricRollups.max})`,
    })
    .from(metricRollups)
    .where(
      and(
        eq(metricRollups.resolutionSeconds, 60),
        eq(metricRollups.modelVersionId, versionId),
        eq(metricRollups.metric, condition.metric),
        gte(metricRollups.bucketStart, from),
        lt(metricRollups.bucketStart, now),
      ),
    );
  return { count: Number(row.count), sum: Number(row.sum), min: Number(row.min), max: Number(row.max) };
}

type Observer = (ctx: TickContext, rule: RuleForObservation) => Promise<Seen>;

async function observeModel(
  ctx: TickContext,
  rule: RuleForObservation,
  see: (version: { id: string; version: string }, target: RuleTarget) => Promise<Observation>,
) {
  const target = rule.target as { model: string; version?: string };
  const version = await ctx.version(target);
  if (!version) return noVersion(target);
  const resolved = { model: target.model, version: version.version };
  return { target: resolved, observation: await see(version, resolved) };
}

async function observePipeline(ctx: TickContext, rule: RuleForObservation, judge: typeof judgePipelineStale): Promise<Seen> {
  const target = rule.target as { pipeline: string };
  const status = await ctx.pipelineStatus(target.pipeline);
  if (!status) return { target, observation: { breached: null, value: null, text: `No data: no pipeline named ${target.pipeline}` } };
  return { target, observation: judge(status) };
}

/** One observer per kind: the compiler insists that every kind has one. */
export const OBSERVERS: Record<RuleKind, Observer> = {
  metric_threshold: (ctx, rule) =>
    observeModel(ctx, rule, async (version) => {
      const condition = rule.condition as unknown as MetricCondition;
      return judgeMetric(condition, await metricAggregate(ctx.db, version.id, condition, ctx.now));
    }),
  // The drift page's own verdict over the same 24 hours the fleet status uses.
  drift: (ctx, rule) =>
    observeModel(ctx, rule, async (version, target) => {
      const drift = await modelDrift(ctx.db, (target as { model: string }).model, {
        version: version.version,
        from: new Date(ctx.now.getTime() - STATUS_WINDOW_MS),
        to: ctx.now,
      });
      return judgeDrift(rule.condition as DriftCondition, drift);
    }),
  // The Quality section's own computation, over the rule's window as one bucket.
  quality: (ctx, rule) =>
    observeModel(ctx, rule, async (version, target) => {
      const condition = rule.condition as unknown as QualityCondition;
      const from = new Date(ctx.now.getTime() - condition.window_seconds * 1000);
      const seen = await qualityInWindow(ctx.db, (target as { model: string }).model, version, condition.metric, from, ctx.now);
      return judgeQuality(condition, seen.task, seen.point);
    }),
  pipeline_stale: (ctx, rule) => observePipeline(ctx, rule, judgePipelineStale),
  pipeline_failed: (ctx, rule) => observePipeline(ctx, rule, judgePipelineFailed),
};

export function observe(ctx: TickContext, rule: RuleForObservation): Promise<Seen> {
  const observer = OBSERVERS[rule.kind as RuleKind];
  if (!observer) throw new Error(`no observer for rule kind ${rule.kind}`);
  return observer(ctx, rule);
}

/** The key one open incident per rule is unique on: the model (and version, when the rule names one) or the pipeline. */
export function targetKey(target: RuleTarget): string {
  return "pipeline" in target ? `pipeline:${target.pipeline}` : `model:${target.model}${target.version ? `@${target.version}` : ""}`;
}

import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, ne, sql, type SQL } from "drizzle-orm";
import { models, modelVersions, pipelineRuns, pipelines } from "@/drizzle/schema";
import { Invalid, NotFound } from "@/lib/errors";
import type { DbOrTx } from "@/lib/db";
import { derivePipelineStatus, VOLUME_HISTORY, type RunFacts } from "./status";
import { URGENCY, type PipelineDetail, type PipelineSummary, type RunView } from "./schemas";

type PipelineRow = typeof pipelines.$inferSelect;
type RunRow = typeof pipelineRuns.$inferSelect;
interface RunWithProduct {
  run: RunRow;
  model: string | null;
  version: string | null;
}

// A run's place in time: when it started, else when it finished, else when it was first heard of.
const runTime = sql`coalesce(${pipelineRuns.startedAt}, ${pipelineRuns.finishedAt}, ${pipelineRuns.updatedAt})`;

function selectRuns(db: DbOrTx) {
  return db
    .select({ run: pipelineRuns, model: models.name, version: modelVersions.version })
    .from(pipelineRuns)
    .leftJoin(modelVersions, eq(modelVersions.id, pipelineRuns.producesVersionId))
    .leftJoin(models, eq(models.id, modelVersions.modelId));
}

export function runView({ run, model, version }: RunWithProduct): RunView {
  return {
    run_id: run.runId,
    status: run.status,
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    duration_seconds: run.startedAt && run.finishedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : null,
    rows_in: run.rowsIn,
    rows_out: run.rowsOut,
    checks: run.checks,
    error: run.error,
    produces: model && version ? { model, version } : null,
  };
}

/**
 * The runs status derivation needs, for each pipeline: its newest run, its newest finished run
 * and its newest successes (the last one and the ten before it). Three small queries for the
 * whole fleet, whatever its history.
 */
async function statusRuns(db: DbOrTx, pipelineIds: string[]): Promise<{ latest: Map<string, RunWithProduct>; facts: Map<string, RunWithProduct[]> }> {
  const mine = inArray(pipelineRuns.pipelineId, pipelineIds);
  const newestOf = (where: SQL | undefined, order: SQL) =>
    db
      .selectDistinctOn([pipelineRuns.pipelineId], { run: pipelineRuns, model: models.name, version: modelVersions.version })
      .from(pipelineRuns)
      .leftJoin(modelVersions, eq(modelVersions.id, pipelineRuns.producesVersionId))
      .leftJoin(models, eq(models.id, modelVersions.modelId))
      .where(where)
      .orderBy(pipelineRuns.pipelineId, desc(order), desc(pipelineRuns.id));
  const ranked = db
    .select({
      id: pipelineRuns.id,
      rank: sql<number>`row_number() over (partition by ${pipelineRuns.pipelineId} order by ${pipelineRuns.finishedAt} desc, ${pipelineRuns.id} desc)`.as(
        "rank",
      ),
    })
    .from(pipelineRuns)
    .where(and(mine, eq(pipelineRuns.status, "succeeded"), isNotNull(pipelineRuns.finishedAt)))
    .as("ranked");
  const [latest, finished, successes] = await Promise.all([
    newestOf(mine, runTime),
    newestOf(and(mine, ne(pipelineRuns.status, "running")), sql`coalesce(${pipelineRuns.finishedAt}, ${pipelineRuns.startedAt})`),
    selectRuns(db)
      .innerJoin(ranked, eq(ranked.id, pipelineRuns.id))
      .where(sql`${ranked.rank} <= ${VOLUME_HISTORY + 1}`),
  ]);
  const facts = new Map<string, RunWithProduct[]>();
  const seen = new Set<string>();
  for (const row of [...latest, ...finished, ...successes]) {
    if (seen.has(row.run.id)) continue;
    seen.add(row.run.id);
    facts.set(row.run.pipelineId, [...(facts.get(row.run.pipelineId) ?? []), row]);
  }
  return { latest: new Map(latest.map((r) => [r.run.pipelineId, r])), facts };
}

function toFacts({ run }: RunWithProduct): RunFacts {
  return {
    runId: run.runId,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    rowsOut: run.rowsOut,
    checks: run.checks,
    error: run.error,
  };
}

function summarise(pipeline: PipelineRow, latest: RunWithProduct | undefined, runs: RunWithProduct[], now: Date): PipelineSummary {
  const answer = derivePipelineStatus({
    now,
    createdAt: pipeline.createdAt,
    expectedEverySeconds: pipeline.expectedEverySeconds,
    graceSeconds: pipeline.graceSeconds,
    runs: runs.map(toFacts),
  });
  return {
    name: pipeline.name,
    status: answer.status,
    reason: answer.reason,
    owner: pipeline.owner,
    last_run: latest ? runView(latest) : null,
    last_success_at: answer.lastSuccessAt?.toISOString() ?? null,
    expected_every_seconds: pipeline.expectedEverySeconds,
    grace_seconds: pipeline.graceSeconds,
    overdue_since: answer.overdueSince?.toISOString() ?? null,
    next_expected_by: answer.nextExpectedBy?.toISOString() ?? null,
    rows_threshold: answer.rowsThreshold,
  };
}

async function summariseAll(db: DbOrTx, rows: PipelineRow[], now: Date): Promise<PipelineSummary[]> {
  if (rows.length === 0) return [];
  const { latest, facts } = await statusRuns(
    db,
    rows.map((p) => p.id),
  );
  return rows.map((p) => summarise(p, latest.get(p.id), facts.get(p.id) ?? [], now));
}

/** Every pipeline with its derived status, most urgent first (then by name). */
export async function listPipelines(db: DbOrTx, now: Date): Promise<PipelineSummary[]> {
  const rows = await db.select().from(pipelines).orderBy(asc(pipelines.name));
  const summaries = await summariseAll(db, rows, now);
  return summaries.sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || a.name.localeCompare(b.name));
}

export async function requirePipeline(db: DbOrTx, name: string): Promise<PipelineRow> {
  const [row] = await db.select().from(pipelines).where(eq(pipelines.name, name));
  if (!row) throw new NotFound("pipeline", name, `No pipeline named ${name}`);
  return row;
}

export async function pipelineSummary(db: DbOrTx, name: string, now: Date): Promise<PipelineSummary> {
  const [summary] = await summariseAll(db, [await requirePipeline(db, name)], now);
  return summary;
}

function encodeCursor(run: RunRow): string {
  const at = run.startedAt ?? run.finishedAt ?? run.updatedAt;
  return Buffer.from(JSON.stringify([at.toISOString(), run.id])).toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad cursor");
    return { at, id };
  } catch {
    throw new Invalid([{ path: "cursor", message: "use next_cursor from the previous page" }], "The cursor is not one this server gave out");
  }
}

/** The pipeline with one page of its runs, newest first; `next_cursor` is null on the last page. */
export async function getPipeline(db: DbOrTx, name: string, now: Date, page: { limit: number; cursor?: string }): Promise<PipelineDetail> {
  const pipeline = await requirePipeline(db, name);
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const older = after ? sql`(${runTime}, ${pipelineRuns.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined;
  const [[summary], produced, rows] = await Promise.all([
    summariseAll(db, [pipeline], now),
    db
      .select({ model: models.name, version: modelVersions.version, run_id: pipelineRuns.runId, finishedAt: pipelineRuns.finishedAt })
      .from(pipelineRuns)
      .innerJoin(modelVersions, eq(modelVersions.id, pipelineRuns.producesVersionId))
      .innerJoin(models, eq(models.id, modelVersions.modelId))
      .where(eq(pipelineRuns.pipelineId, pipeline.id))
      .orderBy(desc(runTime)),
    selectRuns(db)
      .where(and(eq(pipelineRuns.pipelineId, pipeline.id), older))
      .orderBy(desc(runTime), desc(pipelineRuns.id))
      .limit(page.limit + 1),
  ]);
  const runs = rows.slice(0, page.limit);
  return {
    ...summary,
    runs: runs.map(runView),
    next_cursor: rows.length > page.limit ? encodeCursor(runs[runs.length - 1].run) : null,
    produced: produced.map(({ finishedAt, ...p }) => ({ ...p, finished_at: finishedAt?.toISOString() ?? null })),
  };
}

function selectProducingRuns(db: DbOrTx, model: string, version: string) {
  return db
    .select({ pipeline: pipelines.name, run: pipelineRuns, model: models.name, version: modelVersions.version })
    .from(pipelineRuns)
    .innerJoin(pipelines, eq(pipelines.id, pipelineRuns.pipelineId))
    .innerJoin(modelVersions, eq(modelVersions.id, pipelineRuns.producesVersionId))
    .innerJoin(models, eq(models.id, modelVersions.modelId))
    .where(and(eq(models.name, model), eq(modelVersions.version, version)))
    .orderBy(desc(runTime));
}

/** Every run that reports producing a model version, newest first: the promotion gate weighs them all. */
export async function producingRuns(db: DbOrTx, model: string, version: string): Promise<{ pipeline: string; run: RunView }[]> {
  const rows = await selectProducingRuns(db, model, version);
  return rows.map((row) => ({ pipeline: row.pipeline, run: runView(row) }));
}

/** The newest run that reports producing a model version, with its pipeline: what the version page shows. */
export async function producingRun(db: DbOrTx, model: string, version: string): Promise<{ pipeline: string; run: RunView } | null> {
  const [row] = await selectProducingRuns(db, model, version).limit(1);
  return row ? { pipeline: row.pipeline, run: runView(row) } : null;
}

import "server-only";
import { and, eq } from "drizzle-orm";
import { pipelineRuns, pipelines } from "@/drizzle/schema";
import type { Tx, Db } from "@/lib/db";
import { resolveVersionIds } from "@/lib/ingest/queries";
import { Conflict } from "@/lib/errors";
import { mergeRun, refusedCorrection, type RunReport } from "./reports";
import type { RunStatus } from "@/drizzle/schema/pipelines";
import type { Caller } from "@/lib/auth/caller";
import { appendAudit } from "@/lib/audit/append";
import { pipelineSummary } from "./queries";
import type { ExpectationInput, PipelineSummary } from "./schemas";

/** The pipeline's id, creating the pipeline on its first report. */
export async function ensurePipeline(tx: Tx, name: string): Promise<string> {
  const [created] = await tx.insert(pipelines).values({ name }).onConflictDoNothing({ target: pipelines.name }).returning({ id: pipelines.id });
  if (created) return created.id;
  const [existing] = await tx.select({ id: pipelines.id }).from(pipelines).where(eq(pipelines.name, name));
  return existing.id;
}

/**
 * Upserts one report into its run, by (pipeline, run_id), inside the caller's transaction. The
 * run's row is locked while the report is merged, so two reports about the same run arriving
 * together (START and COMPLETE from a fast job) are folded one after the other. A report that
 * would rewrite what the run already said is refused (409) and the refusal audited.
 */
export async function recordRunReport(tx: Tx, report: RunReport, receivedAt: Date): Promise<{ pipeline: string; run_id: string; status: RunStatus }> {
  // A produces naming an unknown model or version is a 422 that names the field; nothing is stored.
  const producesVersionId = report.produces ? (await resolveVersionIds(tx, [report.produces], () => report.producesPath))[0] : null;
  const pipelineId = await ensurePipeline(tx, report.pipeline);
  const ofThisRun = and(eq(pipelineRuns.pipelineId, pipelineId), eq(pipelineRuns.runId, report.runId));
  // A placeholder "running" row with nothing known merges exactly as no row at all does.
  await tx.insert(pipelineRuns).values({ pipelineId, runId: report.runId, status: "running" }).onConflictDoNothing();
  const [existing] = await tx.select().from(pipelineRuns).where(ofThisRun).for("update");
  const refusal = refusedCorrection(existing, report, producesVersionId);
  if (refusal) {
    throw new Conflict(refusal).audited({
      action: "pipeline.report_refused",
      target: report.pipeline,
      detail: { run_id: report.runId, status: existing.status, reported_status: report.status, reason: refusal },
    });
  }
  const merged = mergeRun(existing, report, producesVersionId, receivedAt);
  await tx
    .update(pipelineRuns)
    .set({ ...merged, updatedAt: receivedAt })
    .where(ofThisRun);
  return { pipeline: report.pipeline, run_id: report.runId, status: merged.status };
}

/**
 * Sets what "on time" means for a pipeline, and who owns it, audited in the same transaction.
 * A pipeline not heard of yet is created: the promise can be made before the first run, and a
 * pipeline that then never runs turns stale.
 */
export async function setExpectation(db: Db, name: string, input: ExpectationInput, by: Caller, now: Date): Promise<PipelineSummary> {
  await db.transaction(async (tx) => {
    // Insert-if-absent first, so that two first PUTs racing each other never collide.
    const [created] = await tx.insert(pipelines).values({ name, createdAt: now }).onConflictDoNothing({ target: pipelines.name }).returning();
    const [row] = await tx.select().from(pipelines).where(eq(pipelines.name, name)).for("update");
    const before = created ? null : row;
    const owner = input.owner ?? row.owner;
    await tx
      .update(pipelines)
      .set({ expectedEverySeconds: input.expected_every_seconds, graceSeconds: input.grace_seconds, owner, updatedAt: now })
      .where(eq(pipelines.id, row.id));
    await appendAudit(tx, by, {
      action: "pipeline.expectation_set",
      target: name,
      detail: {
        before: before ? { expected_every_seconds: before.expectedEverySeconds, grace_seconds: before.graceSeconds, owner: before.owner } : null,
        after: { expected_every_seconds: input.expected_every_seconds, grace_seconds: input.grace_seconds, owner },
      },
    });
  });
  return pipelineSummary(db, name, now);
}

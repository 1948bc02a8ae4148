import "server-only";
import { and, eq } from "drizzle-orm";
import { pipelineRuns, pipelines } from "@/drizzle/schema";
import type { Tx } from "@/lib/db";
import { resolveVersionIds } from "@/lib/ingest/resolve-versions";
import { mergeRun, type RunReport } from "./reports";
import type { RunStatus } from "./types";

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
 * together (START and COMPLETE from a fast job) are folded one after the other.
 */
export async function recordRunReport(tx: Tx, report: RunReport, receivedAt: Date): Promise<{ pipeline: string; run_id: string; status: RunStatus }> {
  // A produces naming an unknown model or version is a 422 that names the field; nothing is stored.
  const producesVersionId = report.produces ? (await resolveVersionIds(tx, [report.produces], () => report.producesPath))[0] : null;
  const pipelineId = await ensurePipeline(tx, report.pipeline);
  const ofThisRun = and(eq(pipelineRuns.pipelineId, pipelineId), eq(pipelineRuns.runId, report.runId));
  // A placeholder "running" row with nothing known merges exactly as no row at all does.
  await tx.insert(pipelineRuns).values({ pipelineId, runId: report.runId, status: "running" }).onConflictDoNothing();
  const [existing] = await tx.select().from(pipelineRuns).where(ofThisRun).for("update");
  const merged = mergeRun(existing, report, producesVersionId, receivedAt);
  await tx
    .update(pipelineRuns)
    .set({ ...merged, updatedAt: receivedAt })
    .where(ofThisRun);
  return { pipeline: report.pipeline, run_id: report.runId, status: merged.status };
}

import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { eq } from "drizzle-orm";
import { pipelines } from "@/drizzle/schema";
import { appendAudit } from "@/lib/audit/append";
import type { Db } from "@/lib/db";
import { pipelineSummary } from "./queries";
import type { ExpectationInput } from "./schemas";
import type { PipelineSummary } from "./types";

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

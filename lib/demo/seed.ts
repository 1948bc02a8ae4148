import "server-only";
import { SYSTEM_CALLER } from "@/lib/auth/caller";
import { sql } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { createApiKey } from "@/lib/auth/api-keys";
import { seedGovernanceDemo } from "@/lib/governance/demo";
import { upsertUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { seedDemoPipelines } from "@/lib/pipelines/demo";
import { createModel, createVersion } from "@/lib/registry/models";
import { moveToStage } from "@/lib/registry/stages";
import { seedDriftDemo } from "@/lib/drift/demo";
import { seedMetricHistory } from "./metrics-history";
import { DEMO_KEY, DEMO_MODELS, DEMO_PASSWORD, DEMO_USERS, modelCard } from "./fleet";

const DAY_MS = 86_400_000;

/**
 * Seeds the demo fleet through the domain functions, so the data obeys the same rules as real
 * use and the audit trail records it. Runs only on an empty database (no users yet).
 */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  if (count > 0) return false;
  const steps = DEMO_USERS.length + 1 + DEMO_MODELS.length;
  let step = 0;
  const progress = (what: string) => log.info("seeding demo", { step: ++step, of: steps, what });

  for (const user of DEMO_USERS) {
    await upsertUser(db, { ...user, password: DEMO_PASSWORD }, SYSTEM_CALLER);
    progress(`user ${user.email}`);
  }
  await createApiKey(db, { name: "demo key", scopes: ["ingest", "registry:write", "read"], key: DEMO_KEY }, SYSTEM_CALLER);
  progress("demo API key");

  const now = Date.now();
  for (const model of DEMO_MODELS) {
    await createModel(db, { name: model.name, description: model.description, owner: model.owner, task: model.task }, SYSTEM_CALLER);
    for (const version of model.versions) {
      await createVersion(
        db,
        model.name,
        {
          version: version.version,
          metrics: version.metrics,
          feature_importance: version.featureImportance,
          model_card: modelCard(model, version),
          artifact_uri: `s3://models/${model.name}/${version.version}/model.onnx`,
        },
        SYSTEM_CALLER,
      );
    }
    // Replay the fleet's history in time order so that stage_history reads like real life.
    const moves = model.versions.flatMap((v) => (v.stages ?? []).map((s) => ({ version: v.version, ...s }))).sort((a, b) => b.daysAgo - a.daysAgo);
    for (const move of moves) {
      await db.transaction((tx) =>
        moveToStage(
          tx,
          { model: model.name, version: move.version, to: move.to, reason: "demo history", at: new Date(now - move.daysAgo * DAY_MS) },
          SYSTEM_CALLER,
        ),
      );
    }
    progress(`model ${model.name} (${model.versions.length} versions)`);
  }
  await seedMetricHistory(db);
  await seedDemoPipelines(db, new Date());
  await seedDriftDemo(db);
  // Last: its promotions read the pipelines, and its stage changes follow the fleet's history.
  await seedGovernanceDemo(db);
  return true;
}

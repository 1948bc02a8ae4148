import "server-only";
import { SYSTEM_CALLER } from "@/lib/auth/caller";
import type { Db } from "@/lib/db";
import { and, eq } from "drizzle-orm";
import { models as modelsTable, modelVersions } from "@/drizzle/schema";
import { createdDaysAgo, DEMO_MODELS, type DemoModel, type DemoVersion } from "@/lib/demo/fleet";
import { createModel, createVersion, moveToStage } from "./commands";

const DAY_MS = 86_400_000;

/** The demo fleet's models and versions, with their stage history replayed in time order. */
export async function seedRegistryDemo(db: Db, progress: (what: string) => void, now = Date.now()): Promise<void> {
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
      // Created when the story says, so that no version enters a stage before it exists.
      const createdAt = new Date(now - createdDaysAgo(version) * DAY_MS);
      const [{ id }] = await db.select({ id: modelsTable.id }).from(modelsTable).where(eq(modelsTable.name, model.name));
      await db
        .update(modelVersions)
        .set({ createdAt })
        .where(and(eq(modelVersions.modelId, id), eq(modelVersions.version, version.version)));
      if (version === model.versions[0]) await db.update(modelsTable).set({ createdAt }).where(eq(modelsTable.id, id));
    }
    // Replay the fleet's history in time order so that stage_history reads like real life; the
    // moves made through governance (`via`) are the governance demo's, at their time.
    const moves = model.versions
      .flatMap((v) => (v.stages ?? []).filter((s) => !s.via).map((s) => ({ version: v.version, ...s })))
      .sort((a, b) => b.daysAgo - a.daysAgo);
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
}

export function modelCard(model: DemoModel, version: DemoVersion): string {
  const metrics = Object.entries(version.metrics)
    .map(([k, v]) => `| ${k} | ${v} |`)
    .join("\n");
  return `# ${model.name} ${version.version}

${model.description}.

## Intended use
Owned by **${model.owner}**. Task: ${model.task}. Not for decisions without human review where regulation requires one.

## Training data
Trained on the last 12 months of production traffic, de-duplicated, with labels joined after their settlement delay.

## Evaluation
| metric | value |
| --- | --- |
${metrics}

## Limitations
Performance degrades on segments under-represented in training; monitor drift on the top features.
`;
}

import "server-only";
import { eq, inArray } from "drizzle-orm";
import { models, modelVersions } from "@/drizzle/schema";
import { Invalid, type FieldIssue } from "@/lib/errors";
import type { DbOrTx } from "@/lib/db";

export interface VersionLookup {
  idOf(model: string, version: string): string | undefined;
  hasModel(model: string): boolean;
}

/** The ids of the versions the items name, in one query. */
export async function lookupVersions(db: DbOrTx, items: { model: string; version: string }[]): Promise<VersionLookup> {
  const names = [...new Set(items.map((i) => i.model))];
  const rows = names.length
    ? await db
        .select({ id: modelVersions.id, model: models.name, version: modelVersions.version })
        .from(modelVersions)
        .innerJoin(models, eq(models.id, modelVersions.modelId))
        .where(inArray(models.name, names))
    : [];
  const known = new Map(rows.map((r) => [`${r.model}\u0000${r.version}`, r.id]));
  const knownModels = new Set(rows.map((r) => r.model));
  return { idOf: (model, version) => known.get(`${model}\u0000${version}`), hasModel: (model) => knownModels.has(model) };
}

/**
 * Maps each item's (model, version) to the version's id. Items naming an unknown model or version
 * reject the whole batch with a 422 that names each of them.
 */
export async function resolveVersionIds(db: DbOrTx, items: { model: string; version: string }[], pathOf: (index: number) => string): Promise<string[]> {
  const lookup = await lookupVersions(db, items);
  const details: FieldIssue[] = [];
  const ids = items.map((item, index) => {
    const id = lookup.idOf(item.model, item.version);
    if (!id && details.length < 100) {
      details.push(
        lookup.hasModel(item.model)
          ? { path: `${pathOf(index)}.version`, message: `unknown version ${item.version} of model ${item.model}` }
          : { path: `${pathOf(index)}.model`, message: `unknown model ${item.model}` },
      );
    }
    return id ?? "";
  });
  if (details.length) throw new Invalid(details, "The batch names unknown models or versions; nothing was stored");
  return ids;
}

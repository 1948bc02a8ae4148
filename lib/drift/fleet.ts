import "server-only";
import { asc, eq } from "drizzle-orm";
import { models, modelVersions } from "@/drizzle/schema";
import type { Db } from "@/lib/db";
import { dailyDrift, dailyShares } from "./daily";
import { evaluateDrift, loadCurrent, loadReference, loadSettings, type VersionDrift } from "./evaluate";

export interface FleetDriftRow extends VersionDrift {
  model: string;
  version: string;
  /** Per day of the last 30, the share of features that drifted that day. */
  strip: { day: string; share_drifted: number; features: number }[];
}

export interface FleetDrift {
  from: string;
  to: string;
  models: FleetDriftRow[];
  /** Models without a production version: nothing live to judge. */
  without_production: string[];
}

/** The /drift page's heatmap: every model's production version over the window, with its 30-day strip. */
export async function fleetDrift(db: Db, window: { from: Date; to: Date }): Promise<FleetDrift> {
  const all = await db.select({ id: models.id, name: models.name }).from(models).orderBy(asc(models.name));
  const production = await db.select().from(modelVersions).where(eq(modelVersions.stage, "production"));
  const rows: FleetDriftRow[] = [];
  const without: string[] = [];
  for (const model of all) {
    const version = production.find((v) => v.modelId === model.id);
    if (!version) {
      without.push(model.name);
      continue;
    }
    const [reference, current, settings] = await Promise.all([
      loadReference(db, version.id),
      loadCurrent(db, version.id, window.from, window.to),
      loadSettings(db, model.id),
    ]);
    const drift = evaluateDrift(reference, current, settings);
    const strip = dailyShares(await dailyDrift(db, { id: version.id, modelId: model.id }));
    rows.push({ model: model.name, version: version.version, ...drift, strip });
  }
  return { from: window.from.toISOString(), to: window.to.toISOString(), models: rows, without_production: without };
}

import "server-only";
import type { Db } from "@/lib/db";
import { listModels, type ModelSummary } from "@/lib/registry/models";

export interface FleetOverview {
  generated_at: string;
  kpis: { models: number; models_in_production: number; drifting_models: number };
  models: ModelSummary[];
}

/** Everything the Overview page shows, in one answer. Later domains add their parts here. */
export async function fleetOverview(db: Db): Promise<FleetOverview> {
  const models = await listModels(db);
  return {
    generated_at: new Date().toISOString(),
    kpis: {
      models: models.length,
      models_in_production: models.filter((m) => m.production_version).length,
      drifting_models: models.filter((m) => m.status === "drifting").length,
    },
    models,
  };
}

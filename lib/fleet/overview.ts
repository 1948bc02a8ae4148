import "server-only";
import type { Db } from "@/lib/db";
import { listPipelines } from "@/lib/pipelines/queries";
import { UNHEALTHY_PIPELINE_STATUSES } from "@/lib/pipelines/types";
import { listModelsWithHealth, type ModelWithHealth } from "./health";

export interface FleetOverview {
  generated_at: string;
  kpis: { models: number; models_in_production: number; drifting_models: number; unhealthy_pipelines: number };
  models: ModelWithHealth[];
}

/** Everything the Overview page shows, in one answer. Later domains add their parts here. */
export async function fleetOverview(db: Db): Promise<FleetOverview> {
  const models = await listModelsWithHealth(db);
  const pipelines = await listPipelines(db, new Date());
  return {
    generated_at: new Date().toISOString(),
    kpis: {
      models: models.length,
      models_in_production: models.filter((m) => m.production_version).length,
      drifting_models: models.filter((m) => m.status === "drifting").length,
      unhealthy_pipelines: pipelines.filter((p) => UNHEALTHY_PIPELINE_STATUSES.has(p.status)).length,
    },
    models,
  };
}

import "server-only";
import { rolesGrant } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { listPromotions } from "@/lib/governance/promotions";
import { listReviews } from "@/lib/governance/rollback";
import { waitsForViewer, type Viewer } from "@/lib/governance/viewer";
import { listPipelines } from "@/lib/pipelines/queries";
import { UNHEALTHY_PIPELINE_STATUSES } from "@/lib/pipelines/types";
import { needsAttention, type AttentionItem } from "./attention";
import { listModelsWithHealth, type ModelWithHealth } from "./health";

export interface FleetOverview {
  generated_at: string;
  kpis: { models: number; models_in_production: number; drifting_models: number; unhealthy_pipelines: number; approvals_waiting_for_you: number };
  attention: AttentionItem[];
  models: ModelWithHealth[];
}

/**
 * Everything the Overview page shows, in one answer. "For you" parts need a person: an API key
 * reading the fleet sees what is broken, but nothing waits for a key.
 */
export async function fleetOverview(db: Db, viewer: Viewer | null): Promise<FleetOverview> {
  const now = new Date();
  const [models, pipelines, pending, reviews] = await Promise.all([
    listModelsWithHealth(db),
    listPipelines(db, now),
    viewer ? listPromotions(db, { status: "pending" }) : Promise.resolve([]),
    viewer && rolesGrant(viewer.roles, "gate.waive") ? listReviews(db) : Promise.resolve([]),
  ]);
  const approvalsForViewer = viewer ? pending.filter((p) => waitsForViewer(p, viewer)) : [];
  const reviewsForViewer = reviews.filter((r) => !r.acknowledged_by && r.by !== viewer?.email);
  return {
    generated_at: now.toISOString(),
    kpis: {
      models: models.length,
      models_in_production: models.filter((m) => m.production_version).length,
      drifting_models: models.filter((m) => m.status === "drifting").length,
      unhealthy_pipelines: pipelines.filter((p) => UNHEALTHY_PIPELINE_STATUSES.has(p.status)).length,
      approvals_waiting_for_you: approvalsForViewer.length,
    },
    attention: needsAttention({ pipelines, models, approvalsForViewer, reviewsForViewer }),
    models,
  };
}

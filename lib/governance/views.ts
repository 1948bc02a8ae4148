import type { DriftSettingsByFeature } from "@/drizzle/schema/drift";
import type { QualityGateRules } from "@/drizzle/schema/quality";
import type { GateResult, PromotionStatus, PromotionTarget, RequiredApprovals } from "@/drizzle/schema/governance";

/** A request as the API and the pages show it. */
export interface PromotionView {
  id: string;
  model: string;
  version: string;
  target_stage: PromotionTarget;
  status: PromotionStatus;
  justification: string;
  requested_by: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  policy: {
    id: string;
    version: number;
    metric_tolerance: number;
    require_producing_run: boolean;
    require_drift_data: boolean;
    require_labeled_traffic: boolean;
  };
  required_approvals: RequiredApprovals;
  missing_approvals: Record<string, number>;
  gates: (GateResult & { production: string | null; waived: { by: string; reason: string; at: string } | null })[];
  /** The drift evidence bound when the request was made: its drift gate judges by these alone. */
  drift_evidence: { reference_sample_id: string | null; settings: DriftSettingsByFeature };
  /** The task and metric bound when the request was made (null: no quality task then): its quality gate judges by these alone. */
  quality_evidence: QualityGateRules | null;
  approvals: { by: string; role: string; comment: string | null; at: string }[];
}

export interface PromotionEventView {
  kind: string;
  actor: string;
  at: string;
  detail: Record<string, unknown>;
}

export interface PromotionDetail extends PromotionView {
  events: PromotionEventView[];
  /** Candidate and current production side by side (what the reviewer compares). */
  comparison: {
    candidate: { version: string; stage: string; metrics: Record<string, number>; model_card: string | null };
    production: { version: string; metrics: Record<string, number> } | null;
  };
}

export interface ReviewView {
  id: string;
  model: string;
  from_version: string | null;
  to_version: string;
  reason: string;
  by: string;
  at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  comment: string | null;
}

import { z } from "zod";
import { GATE_STATUSES, PROMOTION_STATUSES, PROMOTION_TARGETS } from "@/drizzle/schema/governance";
import { finiteNumber } from "@/lib/api/fields";
import { modelNameSchema } from "@/lib/registry/schemas";
import { GATE_NAMES } from "./gates";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const createPromotionSchema = z.object({
  model: modelNameSchema,
  version: z.string().min(1).max(64),
  target_stage: z.enum(PROMOTION_TARGETS),
  justification: text(5000),
});

/** The request a person is about to make, previewed: its gates, and why it would be refused. */
export const promotionPreviewQuery = createPromotionSchema.omit({ justification: true });

export const approveSchema = z.object({ comment: z.string().trim().max(5000).optional() });
export const rejectSchema = z.object({ reason: text(5000) });
export const waiveSchema = z.object({ gate: z.enum(GATE_NAMES), reason: text(5000) });
export const rollbackSchema = z.object({ to_version: z.string().min(1).max(64), reason: text(5000) });
export const ackSchema = z.object({ comment: z.string().trim().max(5000).optional() });

/** The roles whose approval a policy may ask for: those that hold promotion.decide. */
export const APPROVER_ROLES = ["ml_lead", "compliance"] as const;

export const policySchema = z
  .object({
    required_approvals: z.partialRecord(z.enum(APPROVER_ROLES), z.number().int().min(0).max(5)),
    metric_tolerance: finiteNumber.min(0).max(1),
    /** A version no pipeline run reports producing fails the pipeline gate instead of being not applicable. */
    require_producing_run: z.boolean().default(false),
    /** No drift data (no reference sample, no feature traffic) fails the drift gate instead of being not applicable. */
    require_drift_data: z.boolean().default(false),
    /** Not enough labeled traffic fails the quality gate instead of being not applicable. */
    require_labeled_traffic: z.boolean().default(false),
  })
  // Four eyes: a policy that needs nobody's approval would let a requester deploy alone.
  .refine((p) => Object.values(p.required_approvals).some((n) => (n ?? 0) > 0), {
    path: ["required_approvals"],
    message: "must require at least one approval",
  });

export const targetStageSchema = z.enum(PROMOTION_TARGETS);
export const promotionListQuery = z.object({ status: z.enum(PROMOTION_STATUSES).optional() });
export const uuidSchema = z.uuid();

export type CreatePromotionInput = z.infer<typeof createPromotionSchema>;
export type PromotionPreviewInput = z.infer<typeof promotionPreviewQuery>;
export type PromotionPreview = z.infer<typeof promotionPreviewSchema>;
export type PolicyInput = z.infer<typeof policySchema>;

// What the governance routes answer: the view types of views.ts and queries.ts, as documented.
const iso = z.string();
const requiredApprovalsSchema = z.partialRecord(z.enum(APPROVER_ROLES), z.number());

export const policyViewSchema = z.object({
  id: z.uuid(),
  target_stage: z.enum(PROMOTION_TARGETS),
  version: z.number().int(),
  required_approvals: requiredApprovalsSchema,
  metric_tolerance: z.number(),
  require_producing_run: z.boolean(),
  require_drift_data: z.boolean(),
  require_labeled_traffic: z.boolean(),
  created_at: iso,
  created_by: z.string(),
});

export const gateViewSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  status: z.enum(GATE_STATUSES),
  detail: z.string(),
  /** Production's value for what the gate judges, where there is one. */
  production: z.string().nullable(),
  waived: z.object({ by: z.string(), reason: z.string(), at: iso }).nullable(),
});

export const promotionViewSchema = z.object({
  id: z.uuid(),
  model: z.string(),
  version: z.string(),
  target_stage: z.enum(PROMOTION_TARGETS),
  status: z.enum(PROMOTION_STATUSES),
  justification: z.string(),
  requested_by: z.string(),
  created_at: iso,
  decided_at: iso.nullable(),
  decided_by: z.string().nullable(),
  decision_reason: z.string().nullable(),
  policy: z.object({
    id: z.uuid(),
    version: z.number().int(),
    metric_tolerance: z.number(),
    require_producing_run: z.boolean(),
    require_drift_data: z.boolean(),
    require_labeled_traffic: z.boolean(),
  }),
  required_approvals: requiredApprovalsSchema,
  missing_approvals: z.record(z.string(), z.number()),
  gates: z.array(gateViewSchema),
  drift_evidence: z.object({
    reference_sample_id: z.uuid().nullable(),
    settings: z.record(z.string(), z.object({ method: z.string().nullable(), threshold: z.number().nullable() })),
  }),
  /** The task and metric the quality gate judges by, bound when the request was made. */
  quality_evidence: z.object({ task: z.string(), metric: z.string() }).nullable(),
  approvals: z.array(z.object({ by: z.string(), role: z.string(), comment: z.string().nullable(), at: iso })),
});

export const promotionDetailSchema = promotionViewSchema.extend({
  events: z.array(z.object({ kind: z.string(), actor: z.string(), at: iso, detail: z.record(z.string(), z.unknown()) })),
  comparison: z.object({
    candidate: z.object({ version: z.string(), stage: z.string(), metrics: z.record(z.string(), z.number()), model_card: z.string().nullable() }),
    production: z.object({ version: z.string(), metrics: z.record(z.string(), z.number()) }).nullable(),
  }),
});

export const reviewViewSchema = z.object({
  id: z.uuid(),
  model: z.string(),
  from_version: z.string().nullable(),
  to_version: z.string(),
  reason: z.string(),
  by: z.string(),
  at: iso,
  acknowledged_by: z.string().nullable(),
  acknowledged_at: iso.nullable(),
  comment: z.string().nullable(),
});

export const rollbackResultSchema = z.object({
  model: z.string(),
  production_version: z.string(),
  previous_version: z.string().nullable(),
  review: reviewViewSchema,
});

export const promotionPreviewSchema = z.object({
  model: z.string(),
  version: z.string(),
  target_stage: z.enum(PROMOTION_TARGETS),
  /** The policy a request made now would bind. */
  policy: promotionViewSchema.shape.policy,
  required_approvals: requiredApprovalsSchema,
  gates: z.array(gateViewSchema),
  /** Why a request made now would be refused (already in that stage, or a duplicate), or null. */
  refusal: z.string().nullable(),
  /** The open request a new one would duplicate. */
  open_request: z.uuid().nullable(),
});

export const policyListSchema = z.object({ policies: z.array(policyViewSchema) });
export const promotionListSchema = z.object({ promotions: z.array(promotionViewSchema) });
export const reviewListSchema = z.object({ reviews: z.array(reviewViewSchema) });

import { z } from "zod";
import { PROMOTION_STATUSES, PROMOTION_TARGETS } from "@/drizzle/schema/governance";
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
export type PolicyInput = z.infer<typeof policySchema>;

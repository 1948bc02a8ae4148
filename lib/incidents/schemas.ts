import { z } from "zod";
import { INCIDENT_STATUSES, SEVERITIES, WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "@/drizzle/schema/incidents";
import { rfc3339 } from "@/lib/api/fields";
import { RULE_KINDS, RULE_KIND_NAMES, type RuleKind } from "./kinds";

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);
const httpUrl = z
  .string()
  .max(2000)
  .refine((s) => URL.canParse(s) && ["http:", "https:"].includes(new URL(s).protocol), "must be an http(s) URL");

const ruleFields = {
  name: text(200),
  severity: z.enum(SEVERITIES),
  webhook_ids: z.array(z.uuid()).max(20).optional(),
  description: z.string().trim().max(5000).optional(),
  runbook_url: httpUrl.nullable().optional(),
};

/** The kind decides the target's and the condition's shape; issues name `target.*` and `condition.*`. */
function checkKindShape(rule: { kind: RuleKind; target: unknown; condition: unknown }, ctx: z.RefinementCtx) {
  const kind = RULE_KINDS[rule.kind];
  for (const part of ["target", "condition"] as const) {
    const parsed = kind[part].safeParse(rule[part]);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [part, ...issue.path], message: issue.message });
  }
}

export const createRuleSchema = z
  .object({ ...ruleFields, kind: z.enum(RULE_KIND_NAMES), target: z.unknown(), condition: z.unknown() })
  .superRefine(checkKindShape)
  .transform((rule) => ({
    ...rule,
    target: RULE_KINDS[rule.kind].target.parse(rule.target),
    condition: RULE_KINDS[rule.kind].condition.parse(rule.condition) as Record<string, unknown>,
  }));

/** Fields to change; the rule as changed is validated whole, as on creation. */
export const patchRuleSchema = z
  .object({
    name: ruleFields.name,
    severity: ruleFields.severity,
    webhook_ids: ruleFields.webhook_ids,
    description: ruleFields.description,
    runbook_url: ruleFields.runbook_url,
    kind: z.enum(RULE_KIND_NAMES),
    target: z.unknown(),
    condition: z.unknown(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: "name at least one field to change" });

export const silenceSchema = z.object({
  /** Until when the rule opens no incidents; null lifts the silence. */
  until: rfc3339.nullable(),
  reason: z.string().trim().max(2000).optional(),
});

export const incidentListQuery = z.object({ status: z.enum(INCIDENT_STATUSES).optional() });
export const noteSchema = z.object({ text: text(10_000) });
export const incidentActionSchema = z.object({ comment: z.string().trim().max(5000).optional() });

export const createWebhookSchema = z.object({
  url: httpUrl,
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1, "name at least one event")
    .refine((e) => new Set(e).size === e.length, "must not repeat an event"),
  secret: z.string().min(16, "must be at least 16 characters").max(500),
  format: z.enum(WEBHOOK_FORMATS).default("json"),
});

export type CreateRuleInput = z.infer<typeof createRuleSchema>;
export type PatchRuleInput = z.infer<typeof patchRuleSchema>;
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

const targetSchema = z.union([z.object({ model: z.string(), version: z.string().optional() }), z.object({ pipeline: z.string() })]);
const iso = z.string();

export const ruleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  target: targetSchema,
  condition: z.record(z.string(), z.unknown()),
  severity: z.enum(SEVERITIES),
  webhook_ids: z.array(z.string()),
  description: z.string(),
  runbook_url: z.string().nullable(),
  silenced_until: iso.nullable(),
  state: z.enum(["ok", "pending", "firing", "no_data"]).nullable(),
  last_value: z.number().nullable(),
  last_evaluated_at: iso.nullable(),
  created_by: z.string(),
  created_at: iso,
  updated_at: iso,
});

export const incidentSummarySchema = z.object({
  id: z.uuid(),
  rule: z.string(),
  rule_id: z.uuid(),
  kind: z.string(),
  target: targetSchema,
  severity: z.enum(SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  summary: z.string(),
  opened_at: iso,
  acknowledged_at: iso.nullable(),
  acknowledged_by: z.string().nullable(),
  resolved_at: iso.nullable(),
  resolved_by: z.string().nullable(),
});

export const timelineEntrySchema = z.object({ at: iso, kind: z.string(), text: z.string(), actor: z.string().optional() });

export const incidentDetailSchema = incidentSummarySchema.extend({
  description: z.string(),
  runbook_url: z.string().nullable(),
  condition: z.record(z.string(), z.unknown()),
  timeline: z.array(timelineEntrySchema),
});

const attemptSchema = z.object({ at: iso, ok: z.boolean(), status_code: z.number().nullable(), duration_ms: z.number(), error: z.string().nullable() });
export const deliverySchema = z.object({
  id: z.uuid(),
  event: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number(),
  created_at: iso,
  finished_at: iso.nullable(),
  next_attempt_at: iso.nullable(),
  last_attempt: attemptSchema.nullable(),
});

export const webhookSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.string()),
  format: z.enum(WEBHOOK_FORMATS),
  created_by: z.string(),
  created_at: iso,
  recent_deliveries: z.array(deliverySchema),
});

export const testDeliverySchema = z.object({ ok: z.boolean(), statusCode: z.number().nullable(), durationMs: z.number(), error: z.string().nullable() });
export const deletedSchema = z.object({ id: z.uuid(), deleted: z.literal(true) });

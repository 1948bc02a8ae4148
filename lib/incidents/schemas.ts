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

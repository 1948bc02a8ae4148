import { z } from "zod";

export const auditQuerySchema = z.object({
  actor: z.string().min(1).max(320).optional(),
  action: z.string().min(1).max(100).optional(),
  target: z.string().min(1).max(500).optional(),
  outcome: z.enum(["success", "failure", "denied"]).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "must be a next_cursor from an earlier page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditExportSchema = auditQuerySchema.omit({ cursor: true, limit: true }).extend({
  format: z.enum(["csv", "ndjson"], "must be csv or ndjson"),
});

/** The query's filters as the reader takes them; shared by GET /audit and the export. */
export function auditFilterOf(q: Omit<z.infer<typeof auditQuerySchema>, "cursor" | "limit">) {
  return {
    actor: q.actor,
    action: q.action,
    target: q.target,
    outcome: q.outcome,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

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

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits: the head_hash of a published checkpoint");

/** GET /audit/verify: optionally a published checkpoint, both halves or neither. */
export const auditVerifyQuerySchema = z
  .object({
    seq: z.coerce.number().int().min(1, "must be a checkpoint's seq, 1 or more").max(Number.MAX_SAFE_INTEGER).optional(),
    head_hash: hex64.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.seq === undefined && q.head_hash !== undefined) ctx.addIssue({ code: "custom", path: ["seq"], message: "is needed with head_hash" });
    if (q.seq !== undefined && q.head_hash === undefined) ctx.addIssue({ code: "custom", path: ["head_hash"], message: "is needed with seq" });
  });

export const auditVerdictSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  head_hash: z.string(),
  first_bad_seq: z.number().int().nullable(),
  checkpoint: z
    .object({
      seq: z.number().int(),
      head_hash: z.string(),
      /** The entry `seq` still has `head_hash`. */
      holds: z.boolean(),
      /** The hash entry `seq` has now; null when it is gone (a cut tail). */
      found_hash: z.string().nullable(),
    })
    .optional(),
});

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  ts: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(["success", "failure", "denied"]),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), next_cursor: z.string().nullable() });

/** The export is a file, not JSON: a CSV table or one entry per NDJSON line, streamed. */
export const auditExportFileSchema = z.string().describe("CSV with a header row, or NDJSON: one audit entry per line");

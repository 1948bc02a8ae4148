import { z } from "zod";

export const auditQuerySchema = z.object({
  actor: z.string().min(1).max(320).optional(),
  action: z.string().min(1).max(100).optional(),
  target: z.string().min(1).max(500).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "must be a next_cursor from an earlier page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

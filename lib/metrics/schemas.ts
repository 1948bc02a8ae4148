import { z } from "zod";
import { rfc3339 } from "@/lib/api/fields";
import { MARKER_KINDS } from "./marker-kinds";

export const metricQuerySchema = z
  .object({
    metric: z.string().min(1, "name the metric"),
    from: rfc3339.optional(),
    to: rfc3339.optional(),
    version: z.string().min(1).optional(),
    max_points: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .transform((q) => {
    const to = q.to ? new Date(q.to) : new Date();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 86_400_000);
    return { ...q, from, to };
  })
  .refine((q) => q.from < q.to, { message: "from must be before to", path: ["from"] });

export const metricSeriesSchema = z.object({
  metric: z.string(),
  from: z.string(),
  to: z.string(),
  step_seconds: z.number(),
  source: z.string(),
  series: z.array(
    z.object({
      version: z.string(),
      points: z.array(z.object({ ts: z.string(), avg: z.number(), min: z.number(), max: z.number(), count: z.number() })),
    }),
  ),
  annotations: z.array(
    z.object({
      ts: z.string(),
      kind: z.enum(MARKER_KINDS),
      text: z.string(),
      who: z.string().nullable().optional(),
      reason: z.string().nullable().optional(),
      href: z.string().nullable().optional(),
    }),
  ),
});

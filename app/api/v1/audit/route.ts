import { defineRoute } from "@/lib/api/route";
import { queryAudit } from "@/lib/audit/queries";
import { auditFilterOf, auditPageSchema, auditQuerySchema } from "@/lib/audit/schemas";

export const GET = defineRoute({
  method: "GET",
  path: "/audit",
  tag: "Audit",
  summary: "Audit entries, newest first, filtered, with a cursor",
  permission: "audit.read",
  query: auditQuerySchema,
  response: auditPageSchema,
  handler: ({ db, query: q }) => queryAudit(db, { ...auditFilterOf(q), before: q.cursor ? Number(q.cursor) : undefined, limit: q.limit }),
});

import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { queryAudit } from "@/lib/audit/queries";
import { auditFilterOf, auditQuerySchema } from "@/lib/audit/schemas";

export const GET = withAuth("audit.read", async ({ req, db }) => {
  const q = validate(auditQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const page = await queryAudit(db, { ...auditFilterOf(q), before: q.cursor ? Number(q.cursor) : undefined, limit: q.limit });
  return Response.json(page);
});

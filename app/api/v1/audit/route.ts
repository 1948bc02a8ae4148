import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { queryAudit } from "@/lib/audit/read";
import { auditQuerySchema } from "@/lib/audit/schemas";

export const GET = withAuth("audit.read", async ({ req, db }) => {
  const q = validate(auditQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
  const page = await queryAudit(db, {
    actor: q.actor,
    action: q.action,
    target: q.target,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    before: q.cursor ? Number(q.cursor) : undefined,
    limit: q.limit,
  });
  return Response.json(page);
});

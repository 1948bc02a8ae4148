import { validate } from "@/lib/api/body";
import { withAuth } from "@/lib/api/with-auth";
import { exportStream } from "@/lib/audit/export";
import { auditExportSchema, auditFilterOf } from "@/lib/audit/schemas";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson" } as const;

export const GET = withAuth("audit.read", async ({ req, db }) => {
  const q = validate(auditExportSchema, Object.fromEntries(req.nextUrl.searchParams));
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return new Response(exportStream(db, q.format, auditFilterOf(q)), {
    headers: {
      "content-type": CONTENT_TYPES[q.format],
      "content-disposition": `attachment; filename="plumbline-audit-${stamp}.${q.format}"`,
      "cache-control": "no-store",
    },
  });
});

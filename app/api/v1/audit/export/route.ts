import { defineRoute } from "@/lib/api/route";
import { exportStream } from "@/lib/audit/export";
import { auditExportFileSchema, auditExportSchema, auditFilterOf } from "@/lib/audit/schemas";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson" } as const;

// Streamed as it is read, so a trail of any length never sits in memory: the handler answers
// with its own Response.
export const GET = defineRoute({
  method: "GET",
  path: "/audit/export",
  tag: "Audit",
  summary: "Stream the audit trail as CSV or NDJSON (format=csv|ndjson), filtered as GET /audit",
  permission: "audit.read",
  query: auditExportSchema,
  response: auditExportFileSchema,
  contentType: `${CONTENT_TYPES.csv}, ${CONTENT_TYPES.ndjson}`,
  handler: ({ db, query: q }) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new Response(exportStream(db, q.format, auditFilterOf(q)), {
      headers: {
        "content-type": CONTENT_TYPES[q.format],
        "content-disposition": `attachment; filename="plumbline-audit-${stamp}.${q.format}"`,
        "cache-control": "no-store",
      },
    });
  },
});

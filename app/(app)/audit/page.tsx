import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { auditHref, auditWindow, readAuditView } from "@/components/audit/audit-view";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { queryAudit } from "@/lib/audit/queries";
import { auditFilterOf, auditQuerySchema } from "@/lib/audit/schemas";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";

export const metadata = { title: "Audit" };

const PAGE = 100;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  if (!userCan(user, "audit.read")) return <NoAccess what="The audit trail is for compliance staff and admins." />;
  const view = readAuditView(await searchParams);
  const window = auditWindow(view, new Date().getTime());
  const parsed = auditQuerySchema.safeParse({ ...view.filters, from: window.from, to: window.to, cursor: view.cursor, limit: PAGE });
  const query = parsed.success ? parsed.data : { limit: PAGE, from: window.from };
  const { entries, next_cursor } = await queryAudit(await getDb(), {
    ...auditFilterOf(query),
    before: parsed.success && parsed.data.cursor ? Number(parsed.data.cursor) : undefined,
    limit: query.limit,
  });
  const selected = entries.find((e) => e.seq === view.seq) ?? null;
  const exportQuery = new URLSearchParams(
    Object.entries({ ...view.filters, from: window.from, to: window.to }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const exportHref = (format: string) => `/api/v1/audit/export?${new URLSearchParams([["format", format], ...exportQuery])}`;
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every sign-in, refusal and change, append-only and hash-chained. Filter, inspect an entry, export, or verify the whole chain."
        action={<VerifyChain />}
      />
      <AuditFilters view={view} windowLabel={window.label} />
      {!parsed.success && <Alert className="mb-3">Filters ignored: {parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}</Alert>}
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <span>
          {entries.length} entries on this page, newest first{view.cursor ? ` (older than #${view.cursor})` : ""}.
        </span>
        <span className="flex items-center gap-2">
          Export with these filters:
          <a href={exportHref("csv")} className={buttonClass("neutral", "px-2 py-1")}>
            CSV
          </a>
          <a href={exportHref("ndjson")} className={buttonClass("neutral", "px-2 py-1")}>
            NDJSON
          </a>
        </span>
      </div>
      <AuditTable entries={entries} selected={selected?.seq ?? null} />
      {!selected && <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">Choose an entry to see its JSON and hash right under it.</p>}
      {next_cursor && (
        <Link
          href={auditHref(view, { cursor: next_cursor, seq: null })}
          className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          Older entries →
        </Link>
      )}
    </>
  );
}

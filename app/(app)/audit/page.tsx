import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { queryAudit } from "@/lib/audit/queries";
import { auditFilterOf, auditQuerySchema } from "@/lib/audit/schemas";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";

export const metadata = { title: "Audit" };

const PAGE = 100;
const FILTERS = ["actor", "action", "target", "outcome", "from", "to"] as const;
const input =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100";

/** The form's datetime-local values carry no zone; the page says they are UTC. */
function asUtc(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? `${value}:00Z` : value;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  if (!userCan(user, "audit.read")) return <NoAccess what="The audit trail is for compliance staff and admins." />;
  const raw = await searchParams;
  const given = Object.fromEntries(FILTERS.map((f) => [f, typeof raw[f] === "string" && raw[f] ? (raw[f] as string) : undefined]));
  const cursor = typeof raw.cursor === "string" ? raw.cursor : undefined;
  const parsed = auditQuerySchema.safeParse({ ...given, from: asUtc(given.from), to: asUtc(given.to), cursor, limit: PAGE });
  const q = parsed.success ? parsed.data : { limit: PAGE };
  const filter = parsed.success ? auditFilterOf(parsed.data) : {};
  const { entries, next_cursor } = await queryAudit(await getDb(), {
    ...filter,
    before: parsed.success && parsed.data.cursor ? Number(parsed.data.cursor) : undefined,
    limit: q.limit,
  });
  const seq = typeof raw.seq === "string" && /^\d+$/.test(raw.seq) ? Number(raw.seq) : null;
  const selected = entries.find((e) => e.seq === seq) ?? null;
  const filterQuery = new URLSearchParams(
    Object.entries({ ...given, from: asUtc(given.from), to: asUtc(given.to) }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const exportHref = (format: string) => `/api/v1/audit/export?${new URLSearchParams([["format", format], ...filterQuery])}`;
  return (
    <>
      <PageHeader
        title="Audit"
        description="Every sign-in, refusal and change, append-only and hash-chained. Filter, inspect an entry, export, or verify the whole chain."
        action={<VerifyChain />}
      />
      <form
        method="get"
        action="/audit"
        className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-zinc-200 p-3 md:grid-cols-4 xl:grid-cols-7 dark:border-zinc-800"
        aria-label="Filters"
      >
        <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Actor (exact)
          <input name="actor" defaultValue={given.actor} placeholder="lead@example.com" className={input} />
        </label>
        <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Action (prefix)
          <input name="action" defaultValue={given.action} placeholder="promotion." className={input} />
        </label>
        <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Target (exact)
          <input name="target" defaultValue={given.target} placeholder="fraud-detector" className={input} />
        </label>
        <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Outcome
          <select name="outcome" defaultValue={given.outcome ?? ""} className={input}>
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
            <option value="denied">denied</option>
          </select>
        </label>
        <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          From (UTC)
          <input type="datetime-local" name="from" defaultValue={given.from?.slice(0, 16)} className={input} />
        </label>
        <label className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
          To (UTC)
          <input type="datetime-local" name="to" defaultValue={given.to?.slice(0, 16)} className={input} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">
            Apply
          </button>
          <Link href="/audit" className="px-2 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
            Clear
          </Link>
        </div>
      </form>
      {!parsed.success && (
        <p role="alert" className="mb-3 text-sm text-red-700 dark:text-red-300">
          Filters ignored: {parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}
        </p>
      )}
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <span>
          {entries.length} entries on this page, newest first{cursor ? ` (older than #${cursor})` : ""}.
        </span>
        <span className="flex items-center gap-2">
          Export with these filters:
          <a
            href={exportHref("csv")}
            className="rounded-md px-2 py-1 font-medium text-indigo-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:text-indigo-300 dark:ring-zinc-700 dark:hover:bg-zinc-900"
          >
            CSV
          </a>
          <a
            href={exportHref("ndjson")}
            className="rounded-md px-2 py-1 font-medium text-indigo-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:text-indigo-300 dark:ring-zinc-700 dark:hover:bg-zinc-900"
          >
            NDJSON
          </a>
        </span>
      </div>
      <div className="grid gap-4 xl:grid-cols-[1fr_26rem]">
        <div className="min-w-0">
          <AuditTable entries={entries} selected={selected?.seq ?? null} />
          {next_cursor && (
            <Link
              href={`/audit?${new URLSearchParams([...filterQuery, ["cursor", next_cursor]])}`}
              className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
            >
              Older entries →
            </Link>
          )}
        </div>
        <aside aria-label="Entry detail" className="rounded-lg border border-zinc-200 p-3 xl:sticky xl:top-4 xl:self-start dark:border-zinc-800">
          {selected ? (
            <>
              <h2 className="mb-2 font-medium">
                Entry #{selected.seq} · <span className="font-mono text-sm">{selected.action}</span>
              </h2>
              <dl className="mb-2 space-y-1 text-xs">
                <div>
                  <dt className="text-zinc-500">hash</dt>
                  <dd className="font-mono break-all" data-testid="entry-hash">
                    {selected.hash}
                  </dd>
                </div>
                <div>
                  <dt className="text-zinc-500">prev_hash</dt>
                  <dd className="font-mono break-all">{selected.prevHash}</dd>
                </div>
              </dl>
              <pre className="max-h-[28rem] overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900" data-testid="entry-json">
                {JSON.stringify(
                  {
                    seq: selected.seq,
                    ts: selected.ts,
                    actor: selected.actor,
                    action: selected.action,
                    target: selected.target,
                    outcome: selected.outcome,
                    ip: selected.ip,
                    detail: selected.detail,
                  },
                  null,
                  2,
                )}
              </pre>
            </>
          ) : (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Choose an entry to see its JSON and hash.</p>
          )}
        </aside>
      </div>
    </>
  );
}

import { RelativeTime } from "@/components/ui/relative-time";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { queryAudit } from "@/lib/audit/read";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";

export const metadata = { title: "Audit" };

export default async function AuditPage() {
  const user = await requirePageUser();
  if (!userCan(user, "audit.read")) return <NoAccess what="The audit trail is for compliance staff and admins." />;
  const { entries } = await queryAudit(await getDb(), { limit: 200 });
  return (
    <>
      <PageHeader title="Audit" description="Every sign-in, refusal and change, append-only and hash-chained. The latest 200 entries." />
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left">
          <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th className="px-3 py-2 font-medium">#</th>
              <th className="px-3 py-2 font-medium">Time</th>
              <th className="px-3 py-2 font-medium">Actor</th>
              <th className="px-3 py-2 font-medium">Action</th>
              <th className="px-3 py-2 font-medium">Target</th>
              <th className="px-3 py-2 font-medium">Outcome</th>
              <th className="px-3 py-2 font-medium">Address</th>
              <th className="px-3 py-2 font-medium">Hash</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {entries.map((e) => (
              <tr key={e.seq} className="h-9" data-testid="audit-row">
                <td className="tabular px-3 text-zinc-500">{e.seq}</td>
                <td className="px-3">
                  <RelativeTime iso={e.ts} />
                </td>
                <td className="px-3">{e.actor}</td>
                <td className="px-3 font-mono text-xs">{e.action}</td>
                <td className="max-w-48 truncate px-3" title={e.target}>
                  {e.target}
                </td>
                <td className="px-3">
                  <StatusBadge status={e.outcome} />
                </td>
                <td className="px-3 font-mono text-xs text-zinc-500">{e.ip ?? "—"}</td>
                <td className="px-3 font-mono text-xs text-zinc-500" title={e.hash}>
                  {e.hash.slice(0, 10)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

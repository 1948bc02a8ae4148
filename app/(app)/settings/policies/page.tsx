import { PoliciesView } from "@/components/access/policies-view";
import { describeApprovals } from "@/components/access/policy-text";
import { policiesQuery } from "@/components/access/query-options";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
import { requirePageUser, userCan } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { listPolicies, listPolicyVersions } from "@/lib/governance/queries";
import { Prefetched, seed } from "@/lib/pages/prefetch";

export const metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const user = await requirePageUser();
  if (!userCan(user, "admin")) return <NoAccess what="Promotion policies are managed by admins." />;
  const db = await getDb();
  const policies = await listPolicies(db);
  const versions = await listPolicyVersions(db);
  return (
    <>
      <PageHeader
        title="Promotion policies"
        description="What a promotion to each stage needs: approvals per role and how much worse than production a metric may be. Each edit makes a new version; open requests keep theirs."
      />
      <Prefetched seeds={[seed(policiesQuery(), policies)]}>
        <PoliciesView canEdit />
      </Prefetched>
      <section aria-labelledby="versions-heading" className="mt-8">
        <h2 id="versions-heading" className="mb-2 font-medium">
          Versions
        </h2>
        <Table
          columns={[{ label: "Stage" }, { label: "Version", numeric: true }, { label: "Approvals" }, { label: "Tolerance", numeric: true }, { label: "Made" }]}
        >
          {versions.map((v) => (
            <tr key={v.id} className="h-9" data-testid="policy-version">
              <td className="px-3 capitalize">{v.target_stage}</td>
              <td className="tabular px-3 text-right">v{v.version}</td>
              <td className="px-3">{describeApprovals(v)}</td>
              <td className="tabular px-3 text-right">{(v.metric_tolerance * 100).toFixed(1)} %</td>
              <td className="px-3 text-sm text-zinc-600 dark:text-zinc-400">
                <RelativeTime iso={v.created_at} /> by {v.created_by}
              </td>
            </tr>
          ))}
        </Table>
      </section>
    </>
  );
}

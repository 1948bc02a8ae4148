import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StageBadge } from "@/components/ui/status-badge";
import { formatMetric } from "@/lib/metrics/display";
import type { VersionView } from "@/lib/registry/schemas";
import { Table } from "@/components/ui/table";

export function versionHref(model: string, version: string): string {
  return `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
}

export function VersionsTable({ model, versions }: { model: string; versions: VersionView[] }) {
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading" className="mb-2 font-medium">
        Versions
      </h2>
      <Table columns={[{ label: "Version" }, { label: "Stage" }, { label: "Declared metrics" }, { label: "Created" }]}>
        {versions.map((v) => (
          <tr key={v.version} data-testid="version-row" className="h-9 hover:bg-zinc-50 dark:hover:bg-zinc-900">
            <td className="px-3">
              <Link href={versionHref(model, v.version)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                {v.version}
              </Link>
            </td>
            <td className="px-3">
              <StageBadge stage={v.stage} />
            </td>
            <td className="tabular px-3 text-xs text-zinc-600 dark:text-zinc-400">
              {Object.entries(v.metrics)
                .map(([k, n]) => `${k} ${formatMetric(k, n)}`)
                .join(" · ") || "—"}
            </td>
            <td className="px-3 text-zinc-600 dark:text-zinc-400">
              <RelativeTime iso={v.created_at} />
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

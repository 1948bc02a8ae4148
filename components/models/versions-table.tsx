import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StageBadge } from "@/components/ui/status-badge";
import { formatMetric } from "@/lib/metrics/display";
import type { VersionView } from "@/lib/registry/schemas";
import { TableHead } from "@/components/ui/table-head";

export function versionHref(model: string, version: string): string {
  return `/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
}

export function VersionsTable({ model, versions }: { model: string; versions: VersionView[] }) {
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading" className="mb-2 font-medium">
        Versions
      </h2>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left">
          <TableHead columns={[{ label: "Version" }, { label: "Stage" }, { label: "Declared metrics" }, { label: "Created" }]} />
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
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
          </tbody>
        </table>
      </div>
    </section>
  );
}

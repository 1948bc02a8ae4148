"use client";

import { GitBranch } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { PipelineSummary } from "@/lib/pipelines/schemas";
import { pipelineHref } from "./href";
import { Table } from "@/components/ui/table";

function NextExpected({ pipeline }: { pipeline: PipelineSummary }) {
  if (pipeline.overdue_since) {
    return (
      <span className="text-violet-800 dark:text-violet-300">
        overdue since <RelativeTime iso={pipeline.overdue_since} />
      </span>
    );
  }
  if (pipeline.next_expected_by) return <RelativeTime iso={pipeline.next_expected_by} />;
  return <span className="text-zinc-400">no schedule set</span>;
}

/** Most urgent first, as the server sorts them: failing, stale, volume anomaly, then the rest. */
export function PipelinesTable({ pipelines }: { pipelines: PipelineSummary[] }) {
  const router = useRouter();
  if (pipelines.length === 0) {
    return (
      <EmptyState icon={GitBranch} title="No pipelines have reported yet">
        Send runs with <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">POST /api/v1/ingest/pipeline-runs</code>, or point an OpenLineage HTTP
        transport at <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">/api/v1/lineage</code>, with an API key holding the <code>ingest</code> scope.
      </EmptyState>
    );
  }
  return (
    <Table
      columns={[
        { label: "Pipeline" },
        { label: "Status" },
        { label: "Why" },
        { label: "Last success", className: "whitespace-nowrap" },
        { label: "Next expected by", className: "whitespace-nowrap" },
        { label: "Owner" },
      ]}
    >
      {pipelines.map((p) => (
        <tr
          key={p.name}
          data-testid="pipeline-row"
          data-status={p.status}
          onClick={() => router.push(pipelineHref(p.name))}
          className="h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900"
        >
          <td className="px-3 whitespace-nowrap">
            <Link href={pipelineHref(p.name)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              {p.name}
            </Link>
          </td>
          <td className="px-3">
            <StatusBadge status={p.status} />
          </td>
          <td className="max-w-xl px-3 py-1.5 text-zinc-700 dark:text-zinc-300">{p.reason}</td>
          <td className="px-3 text-zinc-600 dark:text-zinc-400">{p.last_success_at ? <RelativeTime iso={p.last_success_at} /> : "never"}</td>
          <td className="px-3 text-zinc-600 dark:text-zinc-400">
            <NextExpected pipeline={p} />
          </td>
          <td className="px-3 text-zinc-600 dark:text-zinc-400">{p.owner || "—"}</td>
        </tr>
      ))}
    </Table>
  );
}

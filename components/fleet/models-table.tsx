"use client";

import { Boxes } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { MetricCell } from "@/components/charts/sparkline";
import { EmptyState } from "@/components/ui/empty-state";
import { StageBadge, StatusBadge } from "@/components/ui/status-badge";
import type { ModelWithHealth } from "@/lib/fleet/health";

export function ModelsTable({ models }: { models: ModelWithHealth[] }) {
  const router = useRouter();
  return (
    <>
      {models.length === 0 ? (
        <EmptyState icon={Boxes} title="No models registered yet">
          Register one with <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">POST /api/v1/models</code> and an API key holding the{" "}
          <code>registry:write</code> scope.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left whitespace-nowrap">
            <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th className="px-3 py-2 font-medium">Model</th>
                <th className="px-3 py-2 font-medium">Production</th>
                <th className="px-3 py-2 font-medium">Staging</th>
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 text-right font-medium">p95 latency (24 h)</th>
                <th className="px-3 py-2 text-right font-medium">Error rate (24 h)</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {models.map((m) => (
                <tr
                  key={m.name}
                  data-testid="fleet-row"
                  onClick={() => router.push(`/models/${encodeURIComponent(m.name)}`)}
                  className="h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900"
                >
                  <td className="px-3">
                    <Link href={`/models/${encodeURIComponent(m.name)}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                      {m.name}
                    </Link>
                  </td>
                  <td className="px-3">
                    {m.production_version ? <StageBadge stage="production" version={m.production_version} /> : <span className="text-zinc-400">—</span>}
                  </td>
                  <td className="px-3">
                    {m.staging_version ? <StageBadge stage="staging" version={m.staging_version} /> : <span className="text-zinc-400">—</span>}
                  </td>
                  <td className="px-3">
                    <StatusBadge status={m.status} />
                  </td>
                  <td className="px-3">
                    <MetricCell
                      metric="latency_p95_ms"
                      label={`${m.name} p95 latency`}
                      value={m.health.p95_latency_ms}
                      points={m.health.sparklines.latency_p95_ms}
                    />
                  </td>
                  <td className="px-3">
                    <MetricCell metric="error_rate" label={`${m.name} error rate`} value={m.health.error_rate} points={m.health.sparklines.error_rate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

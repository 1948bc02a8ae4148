"use client";

import { Boxes } from "lucide-react";
import { useRouter } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { HealthCell, modelHref, ModelNameCell, StageAndStatusCells } from "@/components/models/model-cells";
import { RelativeTime } from "@/components/ui/relative-time";
import type { FleetModel } from "@/lib/fleet/queries";
import { Table } from "@/components/ui/table";

export function ModelsTable({ models }: { models: FleetModel[] }) {
  const router = useRouter();
  return (
    <>
      {models.length === 0 ? (
        <EmptyState icon={Boxes} title="No models registered yet">
          Register one with <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">POST /api/v1/models</code> and an API key holding the{" "}
          <code>registry:write</code> scope.
        </EmptyState>
      ) : (
        <Table
          className="whitespace-nowrap"
          columns={[
            { label: "Model" },
            { label: "Production" },
            { label: "Staging" },
            { label: "Status" },
            { label: "p95 latency (24 h)", numeric: true },
            { label: "Error rate (24 h)", numeric: true },
            { label: "Drifted features (24 h)", numeric: true },
            { label: "Last promotion" },
          ]}
        >
          {models.map((m) => (
            <tr
              key={m.name}
              data-testid="fleet-row"
              onClick={() => router.push(modelHref(m.name))}
              className="h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900"
            >
              <ModelNameCell model={m} />
              <StageAndStatusCells model={m} />
              <HealthCell model={m} metric="latency_p95_ms" />
              <HealthCell model={m} metric="error_rate" />
              <td className="tabular px-3 text-right" data-testid="drift-share">
                {m.drift_share === null ? <span className="text-zinc-400">—</span> : `${Math.round(m.drift_share * 100)} %`}
              </td>
              <td className="px-3 text-zinc-600 dark:text-zinc-400">{m.last_promotion_at ? <RelativeTime iso={m.last_promotion_at} /> : "—"}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

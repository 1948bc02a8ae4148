import Link from "next/link";
import { Boxes } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { MetricCell } from "@/components/charts/sparkline";
import { StageBadge, StatusBadge } from "@/components/ui/status-badge";
import type { ModelWithHealth } from "@/lib/fleet/queries";

/** The cells every table of models shares (the Overview's fleet and the Models page), one definition. */
export function modelHref(name: string): string {
  return `/models/${encodeURIComponent(name)}`;
}

export function ModelNameCell({ model }: { model: ModelWithHealth }) {
  return (
    <td className="px-3">
      <Link href={modelHref(model.name)} onClick={(e) => e.stopPropagation()} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        {model.name}
      </Link>
    </td>
  );
}

export function StageAndStatusCells({ model }: { model: ModelWithHealth }) {
  return (
    <>
      <td className="px-3">
        {model.production_version ? <StageBadge stage="production" version={model.production_version} /> : <span className="text-zinc-400">—</span>}
      </td>
      <td className="px-3">
        {model.staging_version ? <StageBadge stage="staging" version={model.staging_version} /> : <span className="text-zinc-400">—</span>}
      </td>
      <td className="px-3">
        <StatusBadge status={model.status} />
      </td>
    </>
  );
}

const HEALTH_CELLS = {
  latency_p95_ms: { label: "p95 latency", value: (m: ModelWithHealth) => m.health.p95_latency_ms },
  error_rate: { label: "error rate", value: (m: ModelWithHealth) => m.health.error_rate },
  requests_per_minute: { label: "requests per minute", value: (m: ModelWithHealth) => m.health.requests_per_minute },
} as const;

export function HealthCell({ model, metric, trend }: { model: ModelWithHealth; metric: keyof typeof HEALTH_CELLS; trend?: "wide" }) {
  const cell = HEALTH_CELLS[metric];
  return (
    <td className="px-3">
      <MetricCell metric={metric} label={`${model.name} ${cell.label}`} value={cell.value(model)} points={model.health.sparklines[metric]} trend={trend} />
    </td>
  );
}

/** What a table of models shows before any is registered: how to register one. */
export function NoModelsYet() {
  return (
    <EmptyState icon={Boxes} title="No models registered yet">
      Register one with <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">POST /api/v1/models</code> and an API key holding the{" "}
      <code>registry:write</code> scope.
    </EmptyState>
  );
}

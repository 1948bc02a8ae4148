"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { FleetOverview } from "@/lib/fleet/overview";
import { ModelsTable } from "./models-table";
import { useRefreshInterval } from "./use-refresh";

function Kpi({ label, value, hint }: { label: string; value: number | string; hint?: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="text-xs text-zinc-500 dark:text-zinc-400">{label}</div>
      <div className="tabular mt-1 text-2xl font-semibold">{value}</div>
      {hint && <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{hint}</div>}
    </div>
  );
}

export function FleetView({ initial }: { initial: FleetOverview }) {
  const { data } = useQuery({
    queryKey: ["fleet"],
    queryFn: () => fetchJson<FleetOverview>("/api/v1/fleet"),
    initialData: initial,
    refetchInterval: useRefreshInterval(),
  });
  // "No health signals" means no serving metrics in the last 24 h, whatever the status says.
  const unknown = data.models.filter((m) => m.health.requests_per_minute === null && m.health.p95_latency_ms === null && m.health.error_rate === null).length;
  return (
    <div className="space-y-6">
      <section aria-label="Key figures" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Kpi label="Models in production" value={data.kpis.models_in_production} hint={`of ${data.kpis.models} registered`} />
        <Kpi label="Drifting models" value={data.kpis.drifting_models} />
        <Kpi label="Models without health signals" value={unknown} hint="no serving metrics in 24 h" />
        <Kpi label="Staging candidates" value={data.models.filter((m) => m.staging_version).length} />
      </section>

      <section aria-labelledby="fleet-heading">
        <h2 id="fleet-heading" className="mb-2 font-medium">
          Fleet
        </h2>
        <ModelsTable models={data.models} />
      </section>
    </div>
  );
}

"use client";

import { FixedRangeBadge } from "@/components/ui/fixed-range-badge";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { FleetOverview } from "@/lib/fleet/queries";
import { ModelsTable } from "./models-table";
import { NeedsAttention } from "./needs-attention";
import { fleetQuery } from "./query-options";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";

function Kpi({ label, value, hint, href }: { label: string; value: number | string; hint?: string; href?: string }) {
  const body = (
    <>
      <div className="text-xs text-zinc-500 dark:text-zinc-400">{label}</div>
      <div className="tabular mt-1 text-2xl font-semibold">{value}</div>
      {hint && <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{hint}</div>}
    </>
  );
  const frame = "block rounded-lg border border-zinc-200 p-3 dark:border-zinc-800";
  return href ? (
    <Link href={href} className={`${frame} hover:bg-zinc-50 dark:hover:bg-zinc-900`} data-testid="kpi-open-incidents">
      {body}
    </Link>
  ) : (
    <div className={frame}>{body}</div>
  );
}

function incidentHint(counts: FleetOverview["kpis"]["open_incidents"]): string {
  const parts = (["critical", "warning", "info"] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(", ") : "nothing firing";
}

export function FleetView() {
  const { data } = useSuspenseQuery({ ...fleetQuery(), refetchInterval: useRefreshInterval() });
  const openIncidents = data.kpis.open_incidents.critical + data.kpis.open_incidents.warning + data.kpis.open_incidents.info;
  return (
    <div className="space-y-6">
      <section aria-label="Key figures" className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Kpi label="Open incidents" value={openIncidents} hint={incidentHint(data.kpis.open_incidents)} href="/incidents?status=open" />
        <Kpi label="Models in production" value={data.kpis.models_in_production} hint={`of ${data.kpis.models} registered`} />
        <Kpi label="Drifting models" value={data.kpis.drifting_models} hint="half or more features drifted, last 24 h (fixed)" />
        <Kpi label="Unhealthy pipelines" value={data.kpis.unhealthy_pipelines} hint="failing, stale or too few rows" />
        <Kpi label="Approvals waiting for you" value={data.kpis.approvals_waiting_for_you} />
      </section>

      <NeedsAttention items={data.attention} />

      <section aria-labelledby="fleet-heading">
        <h2 id="fleet-heading" className="mb-2 flex items-center gap-2 font-medium">
          Fleet <FixedRangeBadge range="last 24 h" />
        </h2>
        <ModelsTable models={data.models} />
      </section>
    </div>
  );
}

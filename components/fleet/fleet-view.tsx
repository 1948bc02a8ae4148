"use client";

import { FixedRangeBadge } from "@/components/ui/fixed-range-badge";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { fleetFilterHref } from "./fleet-view-state";
import { ViewLink } from "./view-link";
import type { FleetOverview } from "@/lib/fleet/queries";
import { ModelsTable } from "./models-table";
import { NeedsAttention } from "./needs-attention";
import { fleetQuery } from "./query-options";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";

/** A KPI card: a link to the view that lists what it counts. */
function Kpi({
  label,
  value,
  hint,
  href,
  testId,
  sameView,
}: {
  label: string;
  value: number | string;
  hint?: string;
  href: string;
  testId: string;
  sameView?: boolean;
}) {
  const body = (
    <>
      <div className="text-xs text-zinc-500 dark:text-zinc-400">{label}</div>
      <div className="tabular mt-1 text-2xl font-semibold">{value}</div>
      {hint && <div className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{hint}</div>}
    </>
  );
  const className =
    "block rounded-lg border border-zinc-200 p-3 hover:border-zinc-300 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:border-zinc-700 dark:hover:bg-zinc-900";
  // The fleet's own filters change the view in place; the others lead to their page.
  return sameView ? (
    <ViewLink href={href} className={className} data-testid={testId}>
      {body}
    </ViewLink>
  ) : (
    <Link href={href} className={className} data-testid={testId}>
      {body}
    </Link>
  );
}

function incidentHint(counts: FleetOverview["kpis"]["open_incidents"]): string {
  const parts = (["critical", "warning", "info"] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(", ") : "nothing firing";
}

export function FleetView() {
  const { data } = useSuspenseQuery({ ...fleetQuery(), refetchInterval: useRefreshInterval() });
  const searchParams = useSearchParams();
  const openIncidents = data.kpis.open_incidents.critical + data.kpis.open_incidents.warning + data.kpis.open_incidents.info;
  return (
    <div className="space-y-6">
      <section aria-label="Key figures" className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Kpi
          label="Open incidents"
          value={openIncidents}
          hint={incidentHint(data.kpis.open_incidents)}
          href="/incidents?status=open"
          testId="kpi-open-incidents"
        />
        <Kpi
          label="Models in production"
          value={data.kpis.models_in_production}
          hint={`of ${data.kpis.models} registered`}
          href={fleetFilterHref(searchParams, "production")}
          testId="kpi-production"
          sameView
        />
        <Kpi
          label="Drifting models"
          value={data.kpis.drifting_models}
          hint="half or more features drifted, last 24 h (fixed)"
          href={fleetFilterHref(searchParams, "drifting")}
          testId="kpi-drifting"
          sameView
        />
        <Kpi label="Unhealthy pipelines" value={data.kpis.unhealthy_pipelines} hint="failing, stale or too few rows" href="/pipelines" testId="kpi-pipelines" />
        <Kpi label="Approvals waiting for you" value={data.kpis.approvals_waiting_for_you} href="/approvals" testId="kpi-approvals" />
      </section>

      <NeedsAttention items={data.attention} />

      <section aria-labelledby="fleet-heading" id="fleet">
        <h2 id="fleet-heading" className="mb-2 flex items-center gap-2 font-medium">
          Fleet <FixedRangeBadge range="last 24 h" />
        </h2>
        <ModelsTable models={data.models} />
      </section>
    </div>
  );
}

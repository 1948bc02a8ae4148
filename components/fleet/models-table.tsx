"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { HealthCell, modelHref, ModelNameCell, NoModelsYet } from "@/components/models/model-cells";
import { StageBadge, StatusBadge } from "@/components/ui/status-badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { HeaderCell, SortableHeaderCell, Table } from "@/components/ui/table";
import type { FleetModel } from "@/lib/fleet/queries";
import {
  applyFleetView,
  FILTER_LABELS,
  fleetFilterHref,
  nextFleetSort,
  readFleetView,
  writeFleetView,
  type FleetSort,
  type FleetViewState,
} from "./fleet-view-state";
import { QualityCell } from "./quality-cell";
import { ViewLink } from "./view-link";

type ColumnDef = { label: string; sort?: FleetSort; numeric?: boolean; title?: string; className?: string };

// Below 1280 px the last promotion gives way, so that quality stays in view at 1024 px.
const WIDE_ONLY = "hidden xl:table-cell";

const COLUMNS: ColumnDef[] = [
  { label: "Model", sort: "name" },
  { label: "Versions" },
  { label: "Status", sort: "severity", title: "Most urgent first: production models with a problem, then quality drops, then healthy, then no signal" },
  { label: "p95 (24 h)", sort: "p95", numeric: true, title: "p95 latency of the production version over the last 24 h" },
  { label: "Errors (24 h)", sort: "error_rate", numeric: true, title: "Error rate of the production version over the last 24 h" },
  { label: "Drifted (24 h)", sort: "drift", numeric: true, title: "Share of the production version's features that drifted in the last 24 h" },
  {
    label: "Quality (24 h vs 7 d)",
    sort: "quality",
    numeric: true,
    title: "The primary metric over the last 24 h, estimated where labels have not come yet, and its change against the 7 days before",
  },
  { label: "Last promotion", sort: "promotion", className: WIDE_ONLY },
];

function SortHeader({ column, view, onSort }: { column: ColumnDef; view: FleetViewState; onSort: (key: FleetSort) => void }) {
  const { sort, ...rest } = column;
  if (!sort) return <HeaderCell {...rest} />;
  return <SortableHeaderCell {...rest} active={view.sort === sort} dir={view.dir} onSort={() => onSort(sort)} />;
}

export function ModelsTable({ models }: { models: FleetModel[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const view = readFleetView(searchParams);

  // The view is the client's alone: the URL changes without a server round trip, so a sort answers at once.
  function update(change: Partial<FleetViewState>) {
    const query = writeFleetView(searchParams, { ...view, ...change });
    window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
  }

  if (models.length === 0) {
    return <NoModelsYet />;
  }
  const rows = applyFleetView([...models], view);
  return (
    <>
      {view.show && (
        <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="fleet-filter">
          Showing {FILTER_LABELS[view.show]}: {rows.length} of {models.length}.{" "}
          <ViewLink href={fleetFilterHref(searchParams, null)} className="text-indigo-700 hover:underline dark:text-indigo-300">
            Show all
          </ViewLink>
        </p>
      )}
      <Table
        className="whitespace-nowrap"
        label="Fleet"
        header={COLUMNS.map((c) => (
          <SortHeader key={c.label} column={c} view={view} onSort={(key) => update(nextFleetSort(view, key))} />
        ))}
        footer={rows.length === 0 ? <p className="px-3 py-4 text-sm text-zinc-500">No model matches this filter.</p> : undefined}
      >
        {rows.map((m) => (
          <tr
            key={m.name}
            data-testid="fleet-row"
            onClick={() => router.push(modelHref(m.name))}
            className="h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900"
            title={m.status_reason ?? undefined}
          >
            <ModelNameCell model={m} />
            {/* One cell for both stages keeps the table within 1024 px. */}
            <td className="px-3">
              <span className="flex flex-wrap gap-1">
                {m.production_version ? <StageBadge stage="production" version={m.production_version} /> : <span className="text-zinc-400">—</span>}
                {m.staging_version && <StageBadge stage="staging" version={m.staging_version} />}
              </span>
            </td>
            <td className="px-3">
              <StatusBadge status={m.status} />
            </td>
            <HealthCell model={m} metric="latency_p95_ms" />
            <HealthCell model={m} metric="error_rate" />
            <td className="tabular px-3 text-right" data-testid="drift-share">
              {m.drift_share === null ? <span className="text-zinc-400">—</span> : `${Math.round(m.drift_share * 100)} %`}
            </td>
            <QualityCell model={m} />
            <td className={`px-3 text-zinc-600 dark:text-zinc-400 ${WIDE_ONLY}`}>{m.last_promotion_at ? <RelativeTime iso={m.last_promotion_at} /> : "—"}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Waves } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { parseRange } from "@/components/shell/time-range";
import { EmptyState } from "@/components/ui/empty-state";
import { FeatureDrawer } from "./feature-drawer";
import { DriftHeatmap, TimeStrip, type CellRef } from "./heatmap";
import { fleetDriftQuery } from "./query-options";

/** The /drift page body: filters, heatmap, time strips and the drawer, all kept in the URL. */
export function DriftView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const range = parseRange(params.get("range"));
  const modelFilter = params.get("model") ?? "";
  const driftedOnly = params.get("drifted") === "1";
  const cellParam = params.get("cell");
  const selected: CellRef | null =
    cellParam && cellParam.includes(":") ? { model: cellParam.split(":")[0], feature: cellParam.slice(cellParam.indexOf(":") + 1) } : null;

  const { data } = useSuspenseQuery({ ...fleetDriftQuery(range), refetchInterval: useRefreshInterval() });

  const setParam = useCallback(
    (name: string, value: string | null) => {
      const next = new URLSearchParams(params);
      if (value === null || value === "") next.delete(name);
      else next.set(name, value);
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );
  const closeDrawer = () => {
    const next = new URLSearchParams(params);
    next.delete("cell");
    next.delete("compare");
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    // Focus goes back to the cell that opened the drawer, so a keyboard user is where they were.
    if (cellParam) document.querySelector<HTMLElement>(`[data-testid="heatmap-cell"][data-cell="${CSS.escape(cellParam)}"]`)?.focus();
  };

  const rows = data.models.filter((m) => (!modelFilter || m.model === modelFilter) && (!driftedOnly || m.features.some((f) => f.drifted)));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-2">
          Model
          <select
            value={modelFilter}
            aria-label="Filter by model"
            onChange={(e) => setParam("model", e.target.value)}
            className="h-8 rounded-md border border-zinc-300 bg-white px-2 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">All models</option>
            {data.models.map((m) => (
              <option key={m.model} value={m.model}>
                {m.model}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={driftedOnly}
            onChange={(e) => setParam("drifted", e.target.checked ? "1" : null)}
            className="size-4 accent-indigo-600"
          />
          Drifted only
        </label>
        <span className="tabular text-xs text-zinc-500">
          {data.from.replace("T", " ").slice(0, 16)} → {data.to.replace("T", " ").slice(0, 16)} UTC · production versions
        </span>
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={Waves} title={data.models.length ? "No model matches these filters" : "No drift to show yet"}>
          Upload a reference with <code>POST /api/v1/models/&#123;name&#125;/versions/&#123;version&#125;/reference</code> and send traffic to{" "}
          <code>POST /api/v1/ingest/features</code>.
        </EmptyState>
      ) : (
        <>
          <DriftHeatmap rows={rows} driftedOnly={driftedOnly} selected={selected} onSelect={(cell) => setParam("cell", `${cell.model}:${cell.feature}`)} />
          <Legend />
          <section aria-labelledby="strip-heading">
            <h2 id="strip-heading" className="mb-2 font-medium">
              Last 30 days
            </h2>
            <div className="space-y-1.5">
              {rows.map((row) => (
                <TimeStrip key={row.model} row={row} />
              ))}
            </div>
          </section>
        </>
      )}
      {data.without_production.length > 0 && <p className="text-xs text-zinc-500">Without a production version: {data.without_production.join(", ")}.</p>}
      {selected && (
        <FeatureDrawer
          model={selected.model}
          feature={selected.feature}
          range={{ from: data.from, to: data.to }}
          onClose={closeDrawer}
          compare={params.get("compare")}
          onCompare={(version) => setParam("compare", version)}
        />
      )}
    </div>
  );
}

function Legend() {
  const items: [string, string][] = [
    ["bg-emerald-50 dark:bg-emerald-950", "well below the threshold"],
    ["bg-amber-100 dark:bg-amber-900/70", "half-way or more"],
    ["bg-red-200 dark:bg-red-900", "at or past the threshold: drifted"],
  ];
  return (
    <ul className="flex flex-wrap gap-4 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend">
      {items.map(([colour, text]) => (
        <li key={text} className="flex items-center gap-1.5">
          <span className={`size-3 rounded-sm ${colour}`} />
          {text}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span
          className="size-3 rounded-sm border border-zinc-300"
          style={{ backgroundImage: "repeating-linear-gradient(45deg, rgba(113,113,122,0.5) 0 2px, transparent 2px 5px)" }}
        />
        hatched: fewer than 30 current values
      </li>
    </ul>
  );
}

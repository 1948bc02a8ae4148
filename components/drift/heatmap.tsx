"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import clsx from "clsx";
import Link from "next/link";
import type { FleetDriftRow } from "@/lib/drift/queries";
import { MIN_CURRENT_SAMPLE, severity } from "@/lib/drift/warnings";
import { formatStat, HATCHED, severityClass } from "./format";
import { Table } from "@/components/ui/table";
import { modelHref } from "@/components/models/model-cells";

export interface CellRef {
  model: string;
  feature: string;
}

/**
 * Models × features: each cell coloured by how far its statistic is towards the threshold,
 * with an icon and the number (never colour alone), hatched when the current sample is too small.
 */
export function DriftHeatmap({
  rows,
  driftedOnly,
  selected,
  onSelect,
}: {
  rows: FleetDriftRow[];
  driftedOnly: boolean;
  selected: CellRef | null;
  onSelect: (cell: CellRef) => void;
}) {
  return (
    <Table
      label="Drift heatmap: models by features"
      columns={[{ label: "Model", className: "w-56" }, { label: "Features (statistic; colour = statistic relative to its threshold)" }]}
    >
      {rows.map((row) => {
        const features = driftedOnly ? row.features.filter((f) => f.drifted) : row.features;
        return (
          <tr key={row.model} data-testid="heatmap-row" data-model={row.model} className="align-top">
            <th scope="row" className="px-3 py-2 font-normal">
              <Link href={modelHref(row.model)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                {row.model}
              </Link>
              <div className="text-xs text-zinc-500 dark:text-zinc-400">
                {row.version} · <span className="tabular">{Math.round(row.share_drifted * 100)} %</span> drifted
              </div>
            </th>
            <td className="px-3 py-2">
              {features.length === 0 ? (
                <span className="text-sm text-zinc-500">{row.features.length === 0 ? "No features to judge in this range." : "No drifted features."}</span>
              ) : (
                <div className="flex flex-wrap gap-1.5">
                  {features.map((f) => {
                    const small = f.n_cur < MIN_CURRENT_SAMPLE;
                    const isSelected = selected?.model === row.model && selected.feature === f.feature;
                    const Icon = f.drifted ? XCircle : CheckCircle2;
                    return (
                      <button
                        key={f.feature}
                        type="button"
                        data-testid="heatmap-cell"
                        data-cell={`${row.model}:${f.feature}`}
                        data-drifted={f.drifted}
                        onClick={() => onSelect({ model: row.model, feature: f.feature })}
                        aria-pressed={isSelected}
                        title={`${f.feature}: ${f.method} ${formatStat(f.statistic)} (threshold ${formatStat(f.threshold)}), n_cur ${f.n_cur}${small ? " — too few values to judge" : ""}`}
                        style={small ? HATCHED : undefined}
                        className={clsx(
                          "flex w-36 flex-col rounded-md px-2 py-1 text-left text-xs ring-inset hover:ring-2 hover:ring-indigo-400",
                          severityClass(severity(f)),
                          isSelected && "ring-2 ring-indigo-600 dark:ring-indigo-400",
                        )}
                      >
                        <span className="flex items-center gap-1 truncate font-medium">
                          <Icon aria-hidden className="size-3.5 shrink-0" />
                          {f.feature}
                        </span>
                        <span className="tabular opacity-80">
                          {f.method} {formatStat(f.p_value ?? f.statistic)}
                          {f.drifted ? " · drifted" : ""}
                        </span>
                      </button>
                    );
                  })}
                </div>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

/** The last 30 days of a model: one square a day, coloured by the share of features that drifted. */
export function TimeStrip({ row }: { row: FleetDriftRow }) {
  const days = row.strip;
  const drifted = days.filter((d) => d.share_drifted >= 0.5).length;
  return (
    <div className="flex items-center gap-3" data-testid="time-strip">
      <span className="w-40 truncate text-sm">{row.model}</span>
      <div role="img" aria-label={`${row.model}: ${drifted} of ${days.length} days with half or more features drifted`} className="flex gap-0.5">
        {days.map((d) => (
          <span
            key={d.day}
            title={`${d.day}: ${Math.round(d.share_drifted * 100)} % of ${d.features} features drifted`}
            className={clsx(
              "h-5 w-2.5 rounded-sm",
              d.share_drifted >= 0.5 ? "bg-red-500" : d.share_drifted > 0 ? "bg-amber-400" : "bg-emerald-400 dark:bg-emerald-600",
            )}
          />
        ))}
      </div>
      <span className="tabular text-xs text-zinc-500">{days.length ? `${days[0].day} → ${days[days.length - 1].day}` : "no history"}</span>
    </div>
  );
}

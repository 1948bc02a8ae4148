"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { windowLabel } from "@/components/models/model-view";
import { useModelView } from "@/components/models/use-model-view";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { StatusBadge } from "@/components/ui/status-badge";
import { MIN_CURRENT_SAMPLE } from "@/lib/drift/warnings";
import { useFeatureDetail } from "./feature-drawer";
import { FeatureDetailPanel } from "./feature-detail";
import { modelDriftQuery } from "./query-options";
import { formatCount, formatStat } from "./format";
import { Table } from "@/components/ui/table";

/**
 * A table of the production version's features over the page's window, drifted first; selecting one
 * shows it in depth, and the selection is in the URL (`?feature=`).
 */
export function ModelDriftView({ model, inProduction }: { model: string; inProduction: boolean }) {
  const [view, setView] = useModelView();
  const { data } = useQuery({
    ...modelDriftQuery(model, view),
    enabled: inProduction,
    placeholderData: keepPreviousData,
    refetchInterval: useRefreshInterval(),
  });
  const selected = view.feature;
  const setSelected = (feature: string | null) => setView({ feature });

  if (!data) {
    return (
      <section aria-labelledby="drift-heading" className="mt-8">
        <h2 id="drift-heading" className="mb-2 font-medium">
          Drift
        </h2>
        <p className="text-zinc-500">No version in production: drift is judged on the production version&apos;s live traffic.</p>
      </section>
    );
  }
  const features = [...data.features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || a.feature.localeCompare(b.feature));
  return (
    <section aria-labelledby="drift-heading" className="mt-8 space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="drift-heading" className="font-medium">
          Drift
        </h2>
        <StatusBadge
          status={data.drifted ? "drifting" : data.features.length ? "healthy" : "unknown"}
          label={`${Math.round(data.share_drifted * 100)} % of features drifted`}
        />
        <span className="tabular text-xs text-zinc-500">
          {data.version} · {windowLabel(view)} ({data.from.replace("T", " ").slice(0, 16)} – {data.to.replace("T", " ").slice(0, 16)} UTC) · reference{" "}
          {formatCount(data.reference_size)} records · current {formatCount(data.current_size)} records
        </span>
      </div>
      <Table className="text-sm" columns={["Feature", "Method", "Statistic", "p-value", "Threshold", "n_ref", "n_cur", "Verdict"].map((label) => ({ label }))}>
        {features.map((f) => (
          <tr
            key={f.feature}
            data-testid="model-drift-row"
            onClick={() => setSelected(f.feature === selected ? null : f.feature)}
            className={clsx("h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900", f.feature === selected && "bg-indigo-50 dark:bg-indigo-950/40")}
          >
            <td className="px-3">
              <button type="button" className="font-medium text-indigo-700 hover:underline dark:text-indigo-300" aria-expanded={f.feature === selected}>
                {f.feature}
              </button>
            </td>
            <td className="px-3">{f.method}</td>
            <td className="tabular px-3">{formatStat(f.statistic)}</td>
            <td className="tabular px-3">{formatStat(f.p_value)}</td>
            <td className="tabular px-3">{formatStat(f.threshold)}</td>
            <td className="tabular px-3">{formatCount(f.n_ref)}</td>
            <td className={clsx("tabular px-3", f.n_cur < MIN_CURRENT_SAMPLE && "text-amber-700 dark:text-amber-300")}>{formatCount(f.n_cur)}</td>
            <td className="px-3">
              <StatusBadge status={f.drifted ? "drifting" : "healthy"} label={f.drifted ? "drifted" : "no drift"} />
            </td>
          </tr>
        ))}
      </Table>
      {data.skipped.length > 0 && <p className="text-xs text-zinc-500">Not judged: {data.skipped.map((s) => `${s.feature} (${s.reason})`).join("; ")}.</p>}
      {selected && <SelectedFeature model={model} feature={selected} range={{ from: data.from, to: data.to }} />}
    </section>
  );
}

function SelectedFeature({ model, feature, range }: { model: string; feature: string; range: { from: string; to: string } }) {
  const { data, error } = useFeatureDetail(model, feature, range);
  return (
    <div className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h3 className="mb-3 font-medium">{feature}</h3>
      {error ? (
        <p className="text-sm text-red-700">{error.message}</p>
      ) : data ? (
        <FeatureDetailPanel detail={data} />
      ) : (
        <p className="text-sm text-zinc-500">Loading…</p>
      )}
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { modelHref } from "@/components/models/model-cells";
import { buttonClass } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchJson } from "@/lib/api/fetch-json";
import type { FeatureDetail } from "@/lib/drift/queries";
import { FeatureDetailPanel } from "./feature-detail";

export function useFeatureDetail(model: string, feature: string, range: { from: string; to: string }, version?: string | null) {
  const query = new URLSearchParams({ ...range, ...(version ? { version } : {}) }).toString();
  return useQuery({
    queryKey: ["drift-feature", model, feature, query],
    queryFn: () => fetchJson<FeatureDetail>(`/api/v1/models/${encodeURIComponent(model)}/drift/features/${encodeURIComponent(feature)}?${query}`),
    refetchInterval: useRefreshInterval(),
    enabled: version !== null,
  });
}

/** A second version's drift of the same feature (staging's, or the version a link named), beside production's. */
function CompareDetail({ model, feature, range, version }: { model: string; feature: string; range: { from: string; to: string }; version: string }) {
  const { data, error } = useFeatureDetail(model, feature, range, version);
  return (
    <section aria-labelledby="compare-title" className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800" data-testid="compare-detail">
      <h3 id="compare-title" className="mb-3 font-medium">
        {feature} in {version}
      </h3>
      {error ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{error.message}</p>
      ) : data ? (
        <FeatureDetailPanel detail={data} />
      ) : (
        <Skeleton className="h-64" />
      )}
    </section>
  );
}

/** The side drawer for a heatmap cell; Escape closes it. */
export function FeatureDrawer({
  model,
  feature,
  range,
  onClose,
  compare = null,
  onCompare,
}: {
  model: string;
  feature: string;
  range: { from: string; to: string };
  onClose: () => void;
  /** The version shown beside production's, kept in the page's URL. */
  compare?: string | null;
  onCompare?: (version: string | null) => void;
}) {
  const { data, error } = useFeatureDetail(model, feature, range);
  const { data: detail } = useQuery({
    queryKey: ["model", model],
    queryFn: () => fetchJson<{ production_version: string | null; staging_version: string | null }>(`/api/v1/models/${encodeURIComponent(model)}`),
  });
  const staging = detail?.staging_version && detail.staging_version !== detail.production_version ? detail.staging_version : null;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <aside
      role="dialog"
      aria-modal="false"
      aria-labelledby="drawer-title"
      className="fixed inset-y-0 right-0 z-30 w-full max-w-xl overflow-y-auto border-l border-zinc-200 bg-white p-5 shadow-xl dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="mb-4 flex items-start justify-between gap-3">
        <div>
          <h2 id="drawer-title" className="text-lg font-semibold">
            {feature}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <Link href={modelHref(model)} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              {model}
              {data ? ` ${data.version}` : ""}
            </Link>{" "}
            · {range.from.replace("T", " ").slice(0, 16)} → {range.to.replace("T", " ").slice(0, 16)} UTC
          </p>
        </div>
        <button type="button" onClick={onClose} aria-label="Close" className="rounded-md p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <X aria-hidden className="size-5" />
        </button>
      </div>
      {onCompare && (staging || compare) && (
        <div className="mb-4 flex flex-wrap items-center gap-2 text-sm">
          {staging && staging !== compare && (
            <button type="button" className={buttonClass("neutral")} onClick={() => onCompare(staging)}>
              Compare with the staging version&apos;s drift ({staging})
            </button>
          )}
          {compare && (
            <button type="button" className={buttonClass("neutral")} onClick={() => onCompare(null)}>
              Hide {compare}
            </button>
          )}
        </div>
      )}
      {error ? (
        <p className="text-sm text-red-700 dark:text-red-300">{error.message}</p>
      ) : data ? (
        <FeatureDetailPanel detail={data} />
      ) : (
        <Skeleton className="h-96" />
      )}
      {compare && <CompareDetail model={model} feature={feature} range={range} version={compare} />}
    </aside>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { modelHref } from "@/components/models/model-cells";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchJson } from "@/lib/api/fetch-json";
import type { FeatureDetail } from "@/lib/drift/queries";
import { FeatureDetailPanel } from "./feature-detail";

export function useFeatureDetail(model: string, feature: string, range: { from: string; to: string }) {
  const query = new URLSearchParams(range).toString();
  return useQuery({
    queryKey: ["drift-feature", model, feature, query],
    queryFn: () => fetchJson<FeatureDetail>(`/api/v1/models/${encodeURIComponent(model)}/drift/features/${encodeURIComponent(feature)}?${query}`),
    refetchInterval: useRefreshInterval(),
  });
}

/** The side drawer for a heatmap cell; Escape closes it. */
export function FeatureDrawer({
  model,
  feature,
  range,
  onClose,
}: {
  model: string;
  feature: string;
  range: { from: string; to: string };
  onClose: () => void;
}) {
  const { data, error } = useFeatureDetail(model, feature, range);
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
      {error ? (
        <p className="text-sm text-red-700 dark:text-red-300">{error.message}</p>
      ) : data ? (
        <FeatureDetailPanel detail={data} />
      ) : (
        <Skeleton className="h-96" />
      )}
    </aside>
  );
}

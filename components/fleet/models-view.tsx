"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { ModelSummary } from "@/lib/registry/models";
import { ModelsTable } from "./models-table";
import { useRefreshInterval } from "./use-refresh";

export function ModelsView({ initial }: { initial: ModelSummary[] }) {
  const { data } = useQuery({
    queryKey: ["models"],
    queryFn: async () => (await fetchJson<{ models: ModelSummary[] }>("/api/v1/models")).models,
    initialData: initial,
    refetchInterval: useRefreshInterval(),
  });
  return <ModelsTable models={data} />;
}

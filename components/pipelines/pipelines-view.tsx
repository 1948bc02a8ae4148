"use client";

import { useQuery } from "@tanstack/react-query";
import { useRefreshInterval } from "@/components/fleet/use-refresh";
import { fetchJson } from "@/lib/api/fetch-json";
import type { PipelineSummary } from "@/lib/pipelines/schemas";
import { PipelinesTable } from "./pipelines-table";

export function PipelinesView({ initial }: { initial: PipelineSummary[] }) {
  const { data } = useQuery({
    queryKey: ["pipelines"],
    queryFn: async () => (await fetchJson<{ pipelines: PipelineSummary[] }>("/api/v1/pipelines")).pipelines,
    initialData: initial,
    refetchInterval: useRefreshInterval(),
  });
  return <PipelinesTable pipelines={data} />;
}

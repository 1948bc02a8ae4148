"use client";

import { useQuery } from "@tanstack/react-query";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { fetchJson } from "@/lib/api/fetch-json";
import type { ModelWithHealth } from "@/lib/fleet/queries";
import { ModelsTable } from "./models-table";

export function ModelsView({ initial }: { initial: ModelWithHealth[] }) {
  const { data } = useQuery({
    queryKey: ["models"],
    queryFn: async () => (await fetchJson<{ models: ModelWithHealth[] }>("/api/v1/models")).models,
    initialData: initial,
    refetchInterval: useRefreshInterval(),
  });
  return <ModelsTable models={data} />;
}

"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { modelsQuery } from "@/components/fleet/query-options";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { ModelsTable } from "./models-table";

export function ModelsView() {
  const { data } = useSuspenseQuery({ ...modelsQuery(), refetchInterval: useRefreshInterval() });
  return <ModelsTable models={data} />;
}

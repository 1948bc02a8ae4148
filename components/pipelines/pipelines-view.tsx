"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { PipelinesTable } from "./pipelines-table";
import { pipelinesQuery } from "./query-options";

export function PipelinesView() {
  const { data } = useSuspenseQuery({ ...pipelinesQuery(), refetchInterval: useRefreshInterval() });
  return <PipelinesTable pipelines={data} />;
}

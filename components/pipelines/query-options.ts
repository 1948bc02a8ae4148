import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { PipelineSummary } from "@/lib/pipelines/schemas";

/** Every pipeline with its status, most urgent first. */
export const pipelinesQuery = () =>
  queryOptions({
    queryKey: ["pipelines"],
    queryFn: async () => (await fetchJson<{ pipelines: PipelineSummary[] }>("/api/v1/pipelines")).pipelines,
  });

import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { PipelineDetail, PipelineSummary } from "@/lib/pipelines/schemas";
import { DETAIL_RUNS, pipelineApi } from "./href";

/** Every pipeline with its status, most urgent first. */
export const pipelinesQuery = () =>
  queryOptions({
    queryKey: ["pipelines"],
    queryFn: async () => (await fetchJson<{ pipelines: PipelineSummary[] }>("/api/v1/pipelines")).pipelines,
  });

/** One pipeline with its last runs, as many as its page draws. */
export const pipelineQuery = (name: string) =>
  queryOptions({
    queryKey: ["pipelines", name],
    queryFn: () => fetchJson<PipelineDetail>(`${pipelineApi(name)}?limit=${DETAIL_RUNS}`),
  });

import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { QualityAnswer } from "@/lib/quality/schemas";
import { bucketFor, QUALITY_RANGES, type QualityRangeKey } from "./quality-rows";

/** The window a quality read covers, ending now: taken at fetch time, so each refresh slides it. */
export function qualityWindow(range: QualityRangeKey, now = Date.now()) {
  return { from: new Date(now - QUALITY_RANGES[range].days * 86_400_000), to: new Date(now), bucket: bucketFor(range) };
}

/** A model's quality per version over the range, in the metric asked for (its primary metric by default). */
export const qualityQuery = (model: string, metric: string, range: QualityRangeKey) =>
  queryOptions({
    queryKey: ["quality", model, metric, range],
    queryFn: () => {
      const { from, to, bucket } = qualityWindow(range);
      const query = new URLSearchParams({ metric, from: from.toISOString(), to: to.toISOString(), bucket });
      return fetchJson<QualityAnswer>(`/api/v1/models/${encodeURIComponent(model)}/quality?${query}`);
    },
  });

import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { timeInProduction, type StageChange } from "@/lib/governance/production-time";
import type { PromotionPreview } from "@/lib/governance/schemas";
import type { PromotionDetail, PromotionView, ReviewView } from "@/lib/governance/views";

export const promotionsQuery = () =>
  queryOptions({
    queryKey: ["promotions"],
    queryFn: async () => (await fetchJson<{ promotions: PromotionView[] }>("/api/v1/promotions")).promotions,
  });

/** One request with its events and the comparison of candidate and production. */
export const promotionQuery = (id: string) =>
  queryOptions({
    queryKey: ["promotions", id],
    queryFn: () => fetchJson<PromotionDetail>(`/api/v1/promotions/${id}`),
  });

export const reviewsQuery = () =>
  queryOptions({
    queryKey: ["reviews"],
    queryFn: async () => (await fetchJson<{ reviews: ReviewView[] }>("/api/v1/reviews")).reviews,
  });

/** The gates a request made now would find, and why it would be refused (nothing is recorded). */
export const promotionPreviewQuery = (model: string, version: string, target: "staging" | "production") =>
  queryOptions({
    queryKey: ["promotions", "preview", model, version, target],
    queryFn: () => fetchJson<PromotionPreview>(`/api/v1/promotions/preview?${new URLSearchParams({ model, version, target_stage: target }).toString()}`),
  });

const CONTEXT_DAYS = 14;

async function lastHourly(model: string, metric: string, from: Date, to: Date): Promise<Record<string, { value: number; at: string }>> {
  const query = new URLSearchParams({ metric, from: from.toISOString(), to: to.toISOString(), max_points: String(CONTEXT_DAYS * 24) });
  const answer = await fetchJson<{ series: { version: string; points: { ts: string; avg: number }[] }[] }>(
    `/api/v1/models/${encodeURIComponent(model)}/metrics?${query.toString()}`,
  );
  return Object.fromEntries(
    answer.series.filter((s) => s.points.length).map((s) => [s.version, { value: s.points[s.points.length - 1].avg, at: s.points[s.points.length - 1].ts }]),
  );
}

export interface VersionContext {
  production: string | null;
  /** Each version's last hour of serving in the last 14 days. */
  serving: Record<string, { p95_ms: number | null; error_rate: number | null; at: string | null }>;
  /** Milliseconds each version has spent in production. */
  inProduction: Record<string, number>;
}

/** What the rollback and request dialogs show of each version: last p95, error rate, time in production. */
export const versionContextQuery = (model: string) =>
  queryOptions({
    queryKey: ["models", model, "version-context"],
    queryFn: async (): Promise<VersionContext> => {
      const to = new Date();
      const from = new Date(to.getTime() - CONTEXT_DAYS * 86_400_000);
      const [detail, p95, errors] = await Promise.all([
        fetchJson<{ production_version: string | null; stage_history: StageChange[] }>(`/api/v1/models/${encodeURIComponent(model)}`),
        lastHourly(model, "latency_p95_ms", from, to),
        lastHourly(model, "error_rate", from, to),
      ]);
      const serving: VersionContext["serving"] = {};
      for (const version of new Set([...Object.keys(p95), ...Object.keys(errors)])) {
        serving[version] = {
          p95_ms: p95[version]?.value ?? null,
          error_rate: errors[version]?.value ?? null,
          at: p95[version]?.at ?? errors[version]?.at ?? null,
        };
      }
      return { production: detail.production_version, serving, inProduction: timeInProduction(detail.stage_history, to) };
    },
  });

import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
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

import { queryOptions } from "@tanstack/react-query";
import { INCIDENT_STATUSES, type IncidentStatus } from "@/drizzle/schema/incidents";
import { fetchJson } from "@/lib/api/fetch-json";
import type { DeliveryView, WebhookView } from "@/lib/webhooks/queries";
import type { IncidentDetail, IncidentSummary, RuleView } from "@/lib/incidents/queries";

/** The list's status filter as the URL gives it; anything else means all. */
export function parseStatus(value: string | null | undefined): IncidentStatus | undefined {
  return INCIDENT_STATUSES.find((s) => s === value);
}

/** Incidents, open first; `status` narrows them as the list page's filter does. */
export const incidentsQuery = (status?: IncidentStatus) =>
  queryOptions({
    queryKey: ["incidents", { status: status ?? null }],
    queryFn: async () => (await fetchJson<{ incidents: IncidentSummary[] }>(`/api/v1/incidents${status ? `?status=${status}` : ""}`)).incidents,
  });

/** One incident with its timeline. */
export const incidentQuery = (id: string) =>
  queryOptions({
    queryKey: ["incidents", id],
    queryFn: () => fetchJson<IncidentDetail>(`/api/v1/incidents/${id}`),
  });

export const alertRulesQuery = () =>
  queryOptions({
    queryKey: ["alert-rules"],
    queryFn: async () => (await fetchJson<{ rules: RuleView[] }>("/api/v1/alert-rules")).rules,
  });

export const webhooksQuery = () =>
  queryOptions({
    queryKey: ["webhooks"],
    queryFn: async () => (await fetchJson<{ webhooks: WebhookView[] }>("/api/v1/webhooks")).webhooks,
  });

/** A webhook's latest deliveries, each with every attempt. */
export const deliveriesQuery = (webhookId: string) =>
  queryOptions({
    queryKey: ["webhooks", webhookId, "deliveries"],
    queryFn: async () => (await fetchJson<{ deliveries: DeliveryView[] }>(`/api/v1/webhooks/${webhookId}/deliveries`)).deliveries,
  });

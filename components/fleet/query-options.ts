import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { FleetOverview, ModelWithHealth } from "@/lib/fleet/queries";

/** The Overview: KPIs, what needs attention, and every model with its health. */
export const fleetQuery = () => queryOptions({ queryKey: ["fleet"], queryFn: () => fetchJson<FleetOverview>("/api/v1/fleet") });

/** Every model with its production version's last-24-hours health. */
export const modelsQuery = () =>
  queryOptions({
    queryKey: ["models"],
    queryFn: async () => (await fetchJson<{ models: ModelWithHealth[] }>("/api/v1/models")).models,
  });

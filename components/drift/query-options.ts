import { queryOptions } from "@tanstack/react-query";
import { rangeBounds, type TimeRangeKey } from "@/components/shell/time-range";
import { fetchJson } from "@/lib/api/fetch-json";
import { modelWindow, type ModelView } from "@/components/models/model-view";
import type { FleetDrift, ModelDriftAnswer } from "@/lib/drift/queries";

/** Every production model's drift over the shared time range; one key per range, so a range never shows another's answer. */
export const fleetDriftQuery = (range: TimeRangeKey) =>
  queryOptions({
    queryKey: ["drift-fleet", range],
    queryFn: () => {
      const { from, to } = rangeBounds(range);
      return fetchJson<FleetDrift>(`/api/v1/drift?from=${from.toISOString()}&to=${to.toISOString()}`);
    },
  });

/** The production version's drift over the model page's window; keyed by the window, so a new window never shows an old one's answer. */
export const modelDriftQuery = (model: string, view: ModelView) =>
  queryOptions({
    queryKey: ["model-drift", model, view.from ? `${view.from}/${view.to ?? "now"}` : view.range],
    queryFn: () => {
      // Taken at fetch time, so every refresh slides the window forward.
      const { from, to } = modelWindow(view, Date.now());
      return fetchJson<ModelDriftAnswer>(`/api/v1/models/${encodeURIComponent(model)}/drift?from=${from.toISOString()}&to=${to.toISOString()}`);
    },
  });

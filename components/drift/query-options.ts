import { queryOptions } from "@tanstack/react-query";
import { rangeBounds, type TimeRangeKey } from "@/components/shell/time-range";
import { fetchJson } from "@/lib/api/fetch-json";
import type { FleetDrift } from "@/lib/drift/queries";

/** Every production model's drift over the shared time range; one key per range, so a range never shows another's answer. */
export const fleetDriftQuery = (range: TimeRangeKey) =>
  queryOptions({
    queryKey: ["drift-fleet", range],
    queryFn: () => {
      const { from, to } = rangeBounds(range);
      return fetchJson<FleetDrift>(`/api/v1/drift?from=${from.toISOString()}&to=${to.toISOString()}`);
    },
  });

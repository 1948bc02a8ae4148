import type { FleetModel } from "@/lib/fleet/queries";
import { bySeverity } from "@/lib/fleet/severity";

/**
 * The Overview's view state, read from and written to the URL (`show`, `sort`, `dir`), so that a
 * KPI card is a link to the filtered fleet and a pasted link reproduces the view. Pure.
 */
export const FLEET_SORTS = ["severity", "name", "p95", "error_rate", "drift", "quality", "promotion"] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];
export const FLEET_FILTERS = ["production", "drifting", "degraded", "problems"] as const;
export type FleetFilter = (typeof FLEET_FILTERS)[number];
export type SortDir = "asc" | "desc";

export interface FleetViewState {
  show: FleetFilter | null;
  sort: FleetSort;
  dir: SortDir;
}

/** How each filter is named on the page. */
export const FILTER_LABELS: Record<FleetFilter, string> = {
  production: "models in production",
  drifting: "drifting models",
  degraded: "degraded models",
  problems: "models with a problem",
};

const PROBLEMS: ReadonlySet<string> = new Set(["drifting", "degraded"]);

type Params = URLSearchParams | { get(name: string): string | null };

export function readFleetView(params: Params): FleetViewState {
  const show = params.get("show");
  return {
    show: FLEET_FILTERS.find((f) => f === show) ?? null,
    sort: FLEET_SORTS.find((k) => k === params.get("sort")) ?? "severity",
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** The URL query for a view, keeping unrelated parameters (range, refresh) and dropping defaults. */
export function writeFleetView(current: Params & { toString(): string }, view: FleetViewState): string {
  const next = new URLSearchParams(current.toString());
  const set = (name: string, value: string | null) => (value ? next.set(name, value) : next.delete(name));
  set("show", view.show);
  set("sort", view.sort === "severity" ? null : view.sort);
  set("dir", view.dir === "asc" ? null : view.dir);
  return next.toString();
}

/** The Overview's address showing only `show` (a KPI card's link). */
export function fleetFilterHref(current: Params & { toString(): string }, show: FleetFilter | null): string {
  const query = writeFleetView(current, { ...readFleetView(current), show });
  return query ? `/?${query}` : "/";
}

// Numbers whose natural first look is their largest (latency, errors, drift, recency).
const LARGEST_FIRST: ReadonlySet<FleetSort> = new Set(["p95", "error_rate", "drift", "promotion"]);

/** Clicking a header: the same column flips direction; a new one starts with its natural order. */
export function nextFleetSort(view: FleetViewState, key: FleetSort): Pick<FleetViewState, "sort" | "dir"> {
  if (view.sort === key) return { sort: key, dir: view.dir === "asc" ? "desc" : "asc" };
  return { sort: key, dir: LARGEST_FIRST.has(key) ? "desc" : "asc" };
}

/** The quality change as a share of its baseline, signed so that negative is worse, whichever way the metric improves. */
export function qualityTrend(q: FleetModel["quality"]): number | null {
  if (!q || q.change === null || !q.baseline) return null;
  return ((q.lower_is_better ? -1 : 1) * q.change) / Math.abs(q.baseline);
}

function sortValue(m: FleetModel, key: Exclude<FleetSort, "severity">): string | number | null {
  switch (key) {
    case "name":
      return m.name;
    case "p95":
      return m.health.p95_latency_ms;
    case "error_rate":
      return m.health.error_rate;
    case "drift":
      return m.drift_share;
    case "quality":
      // Ascending puts the worst change first.
      return qualityTrend(m.quality);
    case "promotion":
      return m.last_promotion_at;
  }
}

export function applyFleetView(models: FleetModel[], view: FleetViewState): FleetModel[] {
  const kept = models.filter(
    (m) =>
      view.show === null ||
      (view.show === "production" && m.production_version !== null) ||
      (view.show === "problems" ? PROBLEMS.has(m.status) || m.quality?.dropped === true : m.status === view.show),
  );
  const sign = view.dir === "asc" ? 1 : -1;
  if (view.sort === "severity") return kept.sort((a, b) => sign * bySeverity(a, b));
  const key = view.sort;
  return kept.sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    // Missing values sit at the bottom in both directions: "no data" is never the top result.
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "en", { numeric: true });
    return order * sign || a.name.localeCompare(b.name);
  });
}

import type { ModelWithHealth } from "@/lib/fleet/queries";

/**
 * The models table's view state, read from and written to the URL (`q`, `status`, `sort`, `dir`)
 * so that a pasted link reproduces the view. Pure: unit-tested without a browser.
 */
export const SORT_KEYS = ["name", "owner", "production", "staging", "status", "p95", "error_rate", "volume"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export const STATUS_FILTERS = ["healthy", "degraded", "drifting", "unknown"] as const;

export interface ModelsView {
  q: string;
  status: string | null;
  sort: SortKey;
  dir: SortDir;
}

const NUMERIC: ReadonlySet<SortKey> = new Set(["p95", "error_rate", "volume"]);
// Worst first when sorting by status ascending: what needs attention comes to the top.
const STATUS_ORDER: Record<string, number> = { drifting: 0, degraded: 1, unknown: 2, healthy: 3 };

export function readView(params: URLSearchParams): ModelsView {
  const sort = SORT_KEYS.find((k) => k === params.get("sort")) ?? "name";
  const status = params.get("status");
  return {
    q: params.get("q") ?? "",
    status: status && (STATUS_FILTERS as readonly string[]).includes(status) ? status : null,
    sort,
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** Clicking a header: the same column flips direction; a new one starts with its natural order. */
export function nextSort(view: ModelsView, key: SortKey): Pick<ModelsView, "sort" | "dir"> {
  if (view.sort === key) return { sort: key, dir: view.dir === "asc" ? "desc" : "asc" };
  return { sort: key, dir: NUMERIC.has(key) ? "desc" : "asc" };
}

function sortValue(m: ModelWithHealth, key: SortKey): string | number | null {
  switch (key) {
    case "name":
      return m.name;
    case "owner":
      return m.owner || null;
    case "production":
      return m.production_version;
    case "staging":
      return m.staging_version;
    case "status":
      return STATUS_ORDER[m.status] ?? 2;
    case "p95":
      return m.health.p95_latency_ms;
    case "error_rate":
      return m.health.error_rate;
    case "volume":
      return m.health.requests_per_minute;
  }
}

export function applyView(models: ModelWithHealth[], view: ModelsView): ModelWithHealth[] {
  const needle = view.q.trim().toLowerCase();
  const kept = models.filter(
    (m) =>
      (!view.status || m.status === view.status) && (!needle || [m.name, m.owner, m.task, m.description].some((field) => field.toLowerCase().includes(needle))),
  );
  const sign = view.dir === "asc" ? 1 : -1;
  return kept.sort((a, b) => {
    const x = sortValue(a, view.sort);
    const y = sortValue(b, view.sort);
    // Missing values sit at the bottom in both directions: "no data" is never the top result.
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "en", { numeric: true });
    return order * sign || a.name.localeCompare(b.name);
  });
}

/** The URL query for a view, keeping unrelated parameters (range, refresh) and dropping defaults. */
export function writeView(current: URLSearchParams, view: ModelsView): string {
  const next = new URLSearchParams(current);
  const set = (name: string, value: string | null) => (value ? next.set(name, value) : next.delete(name));
  set("q", view.q || null);
  set("status", view.status);
  set("sort", view.sort === "name" ? null : view.sort);
  set("dir", view.dir === "asc" ? null : view.dir);
  return next.toString();
}

import { parseRange, rangeBounds, TIME_RANGES, type TimeRangeKey } from "@/components/shell/time-range";

/**
 * The model page's state, all of it in the URL so that a pasted link reproduces the view: the
 * shared time range or a zoomed window, the latency percentile, the versions hidden from the
 * charts and the feature opened in the drift section. Read by the server page and the client alike.
 */
export const LATENCIES = ["p50", "p95", "p99"] as const;
export type Latency = (typeof LATENCIES)[number];

export interface ModelView {
  range: TimeRangeKey;
  /** A window of its own (a drag-zoom, or "since last change"), ISO; without `to` it ends now. */
  from: string | null;
  to: string | null;
  latency: Latency;
  /** Versions whose series are hidden on every chart of the page. */
  hidden: string[];
  /** The feature shown in depth in the drift section. */
  feature: string | null;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: Params, name: string): string | null {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return typeof value === "string" && value !== "" ? value : null;
}

function isoOrNull(value: string | null): string | null {
  if (value === null) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function readModelView(params: Params): ModelView {
  let from = isoOrNull(read(params, "from"));
  let to = isoOrNull(read(params, "to"));
  // A window that ends before it starts is no window: fall back to the shared range.
  if (from === null || (to !== null && Date.parse(to) <= Date.parse(from))) [from, to] = [null, null];
  const hidden = (read(params, "hide") ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  return {
    range: parseRange(read(params, "range")),
    from,
    to,
    latency: LATENCIES.find((p) => p === read(params, "latency")) ?? "p95",
    hidden: [...new Set(hidden)].sort(),
    feature: read(params, "feature"),
  };
}

/**
 * The query string of a view with some of it changed, keeping parameters other parts of the page own
 * (the quality section's, for one). Defaults are left out, so the plain page has a plain address.
 */
export function modelViewQuery(current: URLSearchParams, change: Partial<ModelView>): URLSearchParams {
  const next = { ...readModelView(current), ...change };
  const query = new URLSearchParams(current);
  const put = (name: string, value: string | null) => (value === null || value === "" ? query.delete(name) : query.set(name, value));
  // The shared range is the top bar's: left as it is.
  put("from", next.from);
  put("to", next.from ? next.to : null);
  put("latency", next.latency === "p95" ? null : next.latency);
  put("hide", [...new Set(next.hidden)].sort().join(","));
  put("feature", next.feature);
  return query;
}

/** How the page names its window. */
export function windowLabel(view: ModelView): string {
  if (view.from) return view.to ? "Zoomed window" : "Custom window, to now";
  return TIME_RANGES[view.range].label;
}

/** The window the page's figures cover, and how to name it. */
export function modelWindow(view: ModelView, now: number): { from: Date; to: Date; label: string; zoomed: boolean } {
  if (view.from) return { from: new Date(view.from), to: view.to ? new Date(view.to) : new Date(now), label: windowLabel(view), zoomed: true };
  return { ...rangeBounds(view.range, now), label: windowLabel(view), zoomed: false };
}

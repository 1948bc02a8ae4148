/**
 * The server's own metrics in Prometheus text format. Each replica keeps its own counters, as
 * Prometheus expects: it scrapes every replica and sums them, so nothing here needs sharing.
 */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

interface Registry {
  requests: Map<string, number>;
  latency: Map<string, Histogram>;
  counters: Map<string, number>;
}

const registry: Registry = ((globalThis as { __plumblineMetrics?: Registry }).__plumblineMetrics ??= {
  requests: new Map(),
  latency: new Map(),
  counters: new Map(),
});

function labels(pairs: Record<string, string>): string {
  return Object.entries(pairs)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`)
    .join(",");
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The route's template (`/api/v1/models/[name]`), never the path a client chose: each dynamic
 * segment, found by its value in the route's params, becomes `[param]` (a catch-all `[...param]`),
 * so the number of series is bounded by the routes, whatever paths clients send.
 */
export function routeTemplateOf(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const segments = pathname.split("/");
  let next = 0;
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    const start = segments.findIndex((segment, i) => i >= next && values.every((v, k) => decoded(segments[i + k] ?? "") === v));
    if (start < 0 || values.length === 0) return "(unmatched)";
    segments.splice(start, values.length, Array.isArray(value) ? `[...${name}]` : `[${name}]`);
    next = start + 1;
  }
  return segments.join("/");
}

export function recordRequest(route: string, method: string, status: number, seconds: number): void {
  const key = labels({ route, method, status: String(status) });
  registry.requests.set(key, (registry.requests.get(key) ?? 0) + 1);
  const hKey = labels({ route, method });
  const h = registry.latency.get(hKey) ?? { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
  LATENCY_BUCKETS.forEach((le, i) => {
    if (seconds <= le) h.buckets[i]++;
  });
  h.sum += seconds;
  h.count++;
  registry.latency.set(hKey, h);
}

const COUNTERS = {
  plumbline_ingested_points_total: "Metric points stored.",
  plumbline_rejected_batches_total: "Ingestion batches refused whole.",
  plumbline_alert_evaluator_ticks_total: "Evaluation ticks this replica ran (one replica runs each tick).",
  plumbline_alert_evaluations_total: "Alert rules evaluated.",
  plumbline_alert_evaluation_errors_total: "Alert rule evaluations that failed; the loop goes on.",
  plumbline_webhook_delivery_attempts_total: "Webhook delivery attempts.",
  plumbline_webhook_delivery_failures_total: "Webhook delivery attempts that failed (they are retried).",
} as const;

export type CounterName = keyof typeof COUNTERS;

export function incrementCounter(name: CounterName, by = 1): void {
  registry.counters.set(name, (registry.counters.get(name) ?? 0) + by);
}

export function renderPrometheus(): string {
  const out: string[] = [];
  out.push("# HELP plumbline_http_requests_total HTTP requests by route, method and status.");
  out.push("# TYPE plumbline_http_requests_total counter");
  for (const [key, value] of registry.requests) out.push(`plumbline_http_requests_total{${key}} ${value}`);
  out.push("# HELP plumbline_http_request_duration_seconds HTTP request latency by route and method.");
  out.push("# TYPE plumbline_http_request_duration_seconds histogram");
  for (const [key, h] of registry.latency) {
    LATENCY_BUCKETS.forEach((le, i) => out.push(`plumbline_http_request_duration_seconds_bucket{${key},le="${le}"} ${h.buckets[i]}`));
    out.push(`plumbline_http_request_duration_seconds_bucket{${key},le="+Inf"} ${h.count}`);
    out.push(`plumbline_http_request_duration_seconds_sum{${key}} ${h.sum}`);
    out.push(`plumbline_http_request_duration_seconds_count{${key}} ${h.count}`);
  }
  for (const [name, help] of Object.entries(COUNTERS)) {
    out.push(`# HELP ${name} ${help}`);
    out.push(`# TYPE ${name} counter`);
    out.push(`${name} ${registry.counters.get(name) ?? 0}`);
  }
  return out.join("\n") + "\n";
}

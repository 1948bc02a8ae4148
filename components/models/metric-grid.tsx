"use client";

import { useSyncExternalStore } from "react";
import { formatUtc, MetricChart } from "./metric-chart";
import { LATENCIES, modelWindow, type Latency, type ModelView } from "./model-view";
import { useModelView } from "./use-model-view";

function subscribeMinute(onTick: () => void) {
  const timer = setInterval(onTick, 15_000);
  return () => clearInterval(timer);
}
const minuteSnapshot = () => Math.floor(Date.now() / 60_000) * 60_000;

/** The window in full (DESIGN.md: every time range shown in full somewhere); browser-only, as it reads the clock. */
export function WindowInFull({ view }: { view: ModelView }) {
  const now = useSyncExternalStore(subscribeMinute, minuteSnapshot, () => null);
  if (now === null) return null;
  const { from, to, label } = modelWindow(view, now);
  return (
    <span className="tabular" data-testid="model-window">
      {label} · {formatUtc(from.getTime())} – {formatUtc(to.getTime())}
    </span>
  );
}

/** p50 / p95 / p99 for the latency panel, kept in the URL (`?latency=`) like every other choice. */
function LatencyPicker({ value, onPick }: { value: Latency; onPick: (next: Latency) => void }) {
  return (
    <div role="group" aria-label="Latency percentile" className="flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700">
      {LATENCIES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={p === value}
          onClick={() => onPick(p)}
          className="px-2 py-0.5 first:rounded-l-md last:rounded-r-md aria-pressed:bg-zinc-900 aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
        >
          {p}
        </button>
      ))}
    </div>
  );
}

const chip =
  "rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900";

export interface MetricGridProps {
  model: string;
  /** Newest first: fixes each version's colour. */
  versions: string[];
  exampleVersion: string;
  /** When the model last changed stage, for the "since last change" preset. */
  lastChange?: string | null;
  /** A fourth chart of a stored quality metric (the request page's); the model page has its Quality section instead. */
  qualityMetric?: string;
}

/**
 * The model's serving metrics for the page's window (the shared range, or one of its own from a
 * drag-zoom or "since last change"), with the versions a person hid kept in the URL.
 */
export function MetricGrid({ model, versions, exampleVersion, lastChange = null, qualityMetric }: MetricGridProps) {
  const [view, setView] = useModelView();
  const window = view.from ? { from: view.from, ...(view.to ? { to: view.to } : {}) } : undefined;
  const sinceChange = lastChange !== null && view.from === new Date(lastChange).toISOString() && view.to === null;
  const common = {
    model,
    versions,
    exampleVersion,
    window,
    hidden: view.hidden,
    onToggleVersion: (v: string) => setView({ hidden: view.hidden.includes(v) ? view.hidden.filter((h) => h !== v) : [...view.hidden, v] }),
    onZoom: (from: Date, to: Date) => setView({ from: from.toISOString(), to: to.toISOString() }),
  };
  return (
    <section aria-labelledby="metrics-heading" className="mb-6">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id="metrics-heading" className="font-medium">
          Serving metrics
        </h2>
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
          <WindowInFull view={view} />
          <div role="group" aria-label="Window" className="flex gap-1">
            {lastChange && (
              <button type="button" className={chip} aria-pressed={sinceChange} onClick={() => setView({ from: new Date(lastChange).toISOString(), to: null })}>
                Since last change
              </button>
            )}
            {view.from && (
              <button type="button" className={chip} onClick={() => setView({ from: null, to: null })}>
                Back to the shared range
              </button>
            )}
          </div>
        </div>
      </div>
      <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400">
        Avg line in its min–max band · labels above each chart mark what changed (hover or focus one for details) · drag across a chart to zoom
      </p>
      <div className="grid gap-4 lg:grid-cols-2 xl:grid-cols-3">
        <MetricChart
          {...common}
          metric={`latency_${view.latency}_ms`}
          title={`Latency ${view.latency}`}
          controls={<LatencyPicker value={view.latency} onPick={(latency) => setView({ latency })} />}
        />
        <MetricChart {...common} metric="requests_per_minute" title="Requests per minute" />
        <MetricChart {...common} metric="error_rate" title="Error rate" className={qualityMetric ? undefined : "lg:col-span-2 xl:col-span-1"} />
        {qualityMetric && <MetricChart {...common} metric={qualityMetric} title={`Quality: ${qualityMetric}`} />}
      </div>
    </section>
  );
}

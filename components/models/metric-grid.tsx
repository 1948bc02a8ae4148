"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useSyncExternalStore } from "react";
import { parseRange, rangeBounds, TIME_RANGES } from "@/components/shell/time-range";
import { formatUtc, MetricChart } from "./metric-chart";

const LATENCIES = ["p50", "p95", "p99"] as const;
type Latency = (typeof LATENCIES)[number];

function subscribeMinute(onTick: () => void) {
  const timer = setInterval(onTick, 15_000);
  return () => clearInterval(timer);
}
const minuteSnapshot = () => Math.floor(Date.now() / 60_000) * 60_000;

/** The range in full (DESIGN.md: every time range shown in full somewhere); browser-only, as it reads the clock. */
function RangeInFull({ range }: { range: keyof typeof TIME_RANGES }) {
  const now = useSyncExternalStore(subscribeMinute, minuteSnapshot, () => null);
  if (now === null) return null;
  const { from, to } = rangeBounds(range, now);
  return (
    <span className="tabular">
      {formatUtc(from.getTime())} – {formatUtc(to.getTime())}
    </span>
  );
}

/** p50 / p95 / p99 for the latency panel, kept in the URL (`?latency=`) like every other choice. */
function LatencyPicker({ value }: { value: Latency }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  function pick(next: Latency) {
    const query = new URLSearchParams(searchParams);
    if (next === "p95") query.delete("latency");
    else query.set("latency", next);
    router.replace(`${pathname}${query.size ? `?${query}` : ""}`, { scroll: false });
  }
  return (
    <div role="group" aria-label="Latency percentile" className="flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700">
      {LATENCIES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={p === value}
          onClick={() => pick(p)}
          className="px-2 py-0.5 first:rounded-l-md last:rounded-r-md aria-pressed:bg-zinc-900 aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
        >
          {p}
        </button>
      ))}
    </div>
  );
}

export interface MetricGridProps {
  model: string;
  /** Newest first: fixes each version's colour. */
  versions: string[];
  qualityMetric: string;
  exampleVersion: string;
}

/** The model's Overview: latency, volume, errors and quality for the global time range, 2×2. */
export function MetricGrid({ model, versions, qualityMetric, exampleVersion }: MetricGridProps) {
  const searchParams = useSearchParams();
  const range = parseRange(searchParams.get("range"));
  const latency = LATENCIES.find((p) => p === searchParams.get("latency")) ?? "p95";
  const common = { model, versions, exampleVersion };
  return (
    <section aria-labelledby="metrics-heading" className="mb-6">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="metrics-heading" className="font-medium">
          Serving metrics
        </h2>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {TIME_RANGES[range].label} · <RangeInFull range={range} /> · avg line in its min–max band · dashed lines mark stage changes
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <MetricChart {...common} metric={`latency_${latency}_ms`} title={`Latency ${latency}`} controls={<LatencyPicker value={latency} />} />
        <MetricChart {...common} metric="requests_per_minute" title="Requests per minute" />
        <MetricChart {...common} metric="error_rate" title="Error rate" />
        <MetricChart {...common} metric={qualityMetric} title={`Quality: ${qualityMetric}`} />
      </div>
    </section>
  );
}

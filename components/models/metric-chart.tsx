"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import { LineChart } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { ALARM_COLOUR, MARKER_STYLES, MarkerStrip, useStripLayout } from "@/components/charts/marker-strip";
import {
  chartRows,
  maxPointsFor,
  orderVersions,
  seriesColour,
  uniqueMarkers,
  visibleAnnotations,
  type ChartMarker,
  type ChartRow,
  type MarkerLayout,
} from "@/components/charts/series-data";
import { useElementWidth } from "@/components/charts/use-element-width";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { parseRange, rangeBounds, TIME_RANGES } from "@/components/shell/time-range";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchJson } from "@/lib/api/fetch-json";
import { axisFromZero, formatNumber, metricUnit } from "@/lib/metrics/display";
import type { MetricSeriesAnswer } from "@/lib/metrics/queries";
import { IngestHint } from "./ingest-hint";

const PLOT_HEIGHT = 200;
const Y_AXIS_WIDTH = 52;
const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };
/** A drag narrower than this many pixels is a click, not a zoom. */
const MIN_ZOOM_PX = 8;

export const utc = (t: number, withDate: boolean) =>
  new Date(t).toLocaleString("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit", ...(withDate ? { day: "numeric", month: "short" } : {}) });

export function formatUtc(t: number): string {
  return new Date(t)
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");
}

function ChartTooltip({
  active,
  label,
  payload,
  versions,
  unit,
  colour,
}: Partial<TooltipContentProps<number, string>> & { versions: string[]; unit: string; colour: (version: string) => string }) {
  if (!active || !payload?.length) return null;
  const row = payload[0].payload as ChartRow;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
      <div className="mb-1 font-medium">{formatUtc(Number(label))}</div>
      {versions.map((v, i) =>
        row[`a${i}`] === undefined ? null : (
          <div key={v} className="tabular flex items-center gap-1.5">
            <span aria-hidden className="size-2 rounded-full" style={{ background: colour(v) }} />
            <span className="font-medium">{v}</span>
            <span>
              {formatNumber(row[`a${i}`] as number)} {unit}
            </span>
            <span className="text-zinc-500 dark:text-zinc-400">
              ({formatNumber((row[`b${i}`] as number[])[0])}–{formatNumber((row[`b${i}`] as number[])[1])})
            </span>
          </div>
        ),
      )}
    </div>
  );
}

/** A marker's label beside its dashed line (`v3 → production`), on the side with room. */
export function MarkerLabel({
  viewBox,
  layout,
  kind,
  text,
}: {
  viewBox?: { x?: number; y?: number };
  layout: MarkerLayout;
  kind: ChartMarker["kind"];
  text: string;
}) {
  const x = (viewBox?.x ?? 0) + (layout.side === "right" ? 4 : -4);
  const y = (viewBox?.y ?? 0) + 10 + layout.row * 12;
  const style = MARKER_STYLES[kind];
  return (
    <text x={x} y={y} textAnchor={layout.side === "right" ? "start" : "end"} fontSize={10} fill={style.colour} data-marker={kind}>
      {style.prefix + text}
    </text>
  );
}

/** What the chart shows, in words, for screen readers (DESIGN.md: charts have a text summary). */
function describe(
  title: string,
  rangeLabel: string,
  answer: MetricSeriesAnswer,
  markers: ChartMarker[],
  versions: string[],
  scale: number,
  unit: string,
  threshold: number | undefined,
): string {
  const series = versions.map((v) => {
    const points = answer.series.find((s) => s.version === v)?.points ?? [];
    const count = points.reduce((n, p) => n + p.count, 0);
    const avg = points.reduce((n, p) => n + p.avg * p.count, 0) / count;
    const lo = Math.min(...points.map((p) => p.min));
    const hi = Math.max(...points.map((p) => p.max));
    return `${v} averages ${formatNumber(avg * scale)} ${unit} (low ${formatNumber(lo * scale)}, high ${formatNumber(hi * scale)})`;
  });
  const marked = markers.map((a) => `${MARKER_STYLES[a.kind].prefix}${a.text} at ${formatUtc(Date.parse(a.ts))}`);
  const line = threshold === undefined ? "" : ` Threshold ${formatNumber(threshold * scale)} ${unit}.`;
  return `${title}, ${rangeLabel.toLowerCase()}: ${series.join("; ")}.${line}${marked.length ? ` Marked: ${marked.join("; ")}.` : ""}`;
}

export interface MetricChartProps {
  model: string;
  metric: string;
  title: string;
  /** The model's versions, newest first: fixes each version's colour across charts. */
  versions: string[];
  /** The version the empty state's example sends data for. */
  exampleVersion: string;
  controls?: React.ReactNode;
  /** A fixed window instead of the page's time range; without `to` it ends now, sliding with every refresh. */
  window?: { from: string; to?: string };
  /** One version only, e.g. the one an incident is about. */
  version?: string;
  /** Drawn as a horizontal line, in the metric's stored unit. */
  threshold?: number;
  /** Lines of the page's own beside the API's stage changes and incidents. */
  markers?: ChartMarker[];
  /** Versions hidden by the page (kept in its URL); without it the chart keeps its own. */
  hidden?: readonly string[];
  onToggleVersion?: (version: string) => void;
  /** Dragging across the plot picks a window; without it the chart does not zoom. */
  onZoom?: (from: Date, to: Date) => void;
  className?: string;
}

export function MetricChart({
  model,
  metric,
  title,
  versions: modelVersions,
  exampleVersion,
  controls,
  window,
  version,
  threshold,
  markers: extraMarkers = [],
  hidden: pageHidden,
  onToggleVersion,
  onZoom,
  className,
}: MetricChartProps) {
  const range = parseRange(useSearchParams().get("range"));
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [ownHidden, setOwnHidden] = useState<ReadonlySet<string>>(new Set());
  const hidden: ReadonlySet<string> = pageHidden ? new Set(pageHidden) : ownHidden;
  const toggle =
    onToggleVersion ??
    ((v: string) =>
      setOwnHidden((h) => {
        const next = new Set(h);
        if (!next.delete(v)) next.add(v);
        return next;
      }));
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const maxPoints = maxPointsFor(width - Y_AXIS_WIDTH);
  const { data, isError, error } = useQuery({
    queryKey: ["metric", model, metric, window ?? range, version ?? null, maxPoints],
    queryFn: () => {
      // The window is taken at fetch time, so every refresh slides it forward.
      const { from, to } = window ? { from: new Date(window.from), to: window.to ? new Date(window.to) : new Date() } : rangeBounds(range);
      const query = new URLSearchParams({ metric, from: from.toISOString(), to: to.toISOString(), max_points: String(maxPoints) });
      if (version) query.set("version", version);
      return fetchJson<MetricSeriesAnswer>(`/api/v1/models/${encodeURIComponent(model)}/metrics?${query}`);
    },
    enabled: width > 0,
    refetchInterval: useRefreshInterval(),
    placeholderData: keepPreviousData,
  });

  const unit = metricUnit(metric);
  const scale = unit === "%" ? 100 : 1;
  const versions = data
    ? orderVersions(
        data.series.map((s) => s.version),
        modelVersions,
      )
    : [];
  const from = data ? Date.parse(data.from) : 0;
  const to = data ? Date.parse(data.to) : 0;
  const rows = data ? chartRows(data, versions, scale) : [];
  // A page's own marker for an event the API already reports (an incident's pipeline failure) is drawn once.
  const own = extraMarkers.filter((e) => !data?.annotations.some((a) => a.ts === e.ts && a.kind === e.kind));
  const markers = data
    ? visibleAnnotations(
        uniqueMarkers([...data.annotations, ...own]).sort((a, b) => a.ts.localeCompare(b.ts)),
        from,
        to,
      )
    : [];
  const multiDay = to - from > 86_400_000;
  const colour = (v: string) => seriesColour(v, modelVersions);
  const plotWidth = Math.max(1, width - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right);
  const xOf = (t: number) => ((t - from) / Math.max(1, to - from)) * plotWidth;
  const placedMarkers = markers.map((m) => ({ ...m, x: xOf(m.t) }));
  const strip = useStripLayout(placedMarkers, plotWidth);
  const timeAt = (e: React.MouseEvent<HTMLElement>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left - Y_AXIS_WIDTH - MARGIN.left;
    return from + (Math.min(plotWidth, Math.max(0, x)) / plotWidth) * (to - from);
  };
  const zoom = (a: number, b: number) => {
    if (!onZoom || Math.abs(xOf(a) - xOf(b)) < MIN_ZOOM_PX) return;
    onZoom(new Date(Math.min(a, b)), new Date(Math.max(a, b)));
  };

  return (
    <figure className={clsx("min-w-0 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800", className)} data-testid="metric-chart" data-metric={metric}>
      <figcaption className="mb-2 flex items-center justify-between gap-2">
        <span className="font-medium">
          {title} {unit && <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">({unit})</span>}
        </span>
        {controls}
      </figcaption>
      <div ref={ref} className="text-zinc-500 dark:text-zinc-400">
        {isError ? (
          <p role="alert" className="flex items-center justify-center text-red-700 dark:text-red-300" style={{ height: PLOT_HEIGHT }}>
            Could not load {title}: {(error as Error).message}
          </p>
        ) : !data || width === 0 ? (
          <Skeleton className="h-[200px] w-full" />
        ) : rows.length === 0 ? (
          <div className="flex flex-col gap-3 py-2" style={{ minHeight: PLOT_HEIGHT }}>
            <p className="flex items-center gap-2 text-zinc-700 dark:text-zinc-300">
              <LineChart aria-hidden className="size-4" /> No data in this range
            </p>
            <IngestHint model={model} version={exampleVersion} metric={metric} />
          </div>
        ) : (
          <>
            <MarkerStrip markers={placedMarkers} placed={strip.placed} rows={strip.rows} plotLeft={Y_AXIS_WIDTH + MARGIN.left} title={title} />
            <div
              // Drag to zoom, read from the pointer itself: the plot's x scale is linear from `from` to `to`.
              onMouseDown={(e) => {
                if (onZoom && e.button === 0) setDrag({ a: timeAt(e), b: timeAt(e) });
              }}
              onMouseMove={(e) => {
                if (drag) setDrag({ ...drag, b: timeAt(e) });
              }}
              onMouseUp={() => {
                if (drag) zoom(drag.a, drag.b);
                setDrag(null);
              }}
              onMouseLeave={() => setDrag(null)}
              role="img"
              aria-label={describe(
                title,
                window ? "since two hours before it started" : TIME_RANGES[range].label,
                data,
                markers,
                versions,
                scale,
                unit,
                threshold,
              )}
            >
              <ComposedChart width={width} height={PLOT_HEIGHT} data={rows} margin={MARGIN} className={onZoom ? "cursor-crosshair select-none" : undefined}>
                <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
                <XAxis
                  dataKey="t"
                  type="number"
                  scale="time"
                  domain={[from, to]}
                  tickFormatter={(t: number) => utc(t, multiDay)}
                  tick={{ fill: "currentColor", fontSize: 11 }}
                  stroke="currentColor"
                  strokeOpacity={0.3}
                  minTickGap={40}
                />
                <YAxis
                  width={Y_AXIS_WIDTH}
                  domain={axisFromZero(metric) ? [0, "auto"] : ["auto", "auto"]}
                  tickFormatter={(v: number) => formatNumber(v)}
                  tick={{ fill: "currentColor", fontSize: 11 }}
                  stroke="currentColor"
                  strokeOpacity={0.3}
                />
                <Tooltip content={<ChartTooltip versions={versions} unit={unit} colour={colour} />} isAnimationActive={false} />
                {versions.map((v, i) => (
                  <Area
                    key={`band-${v}`}
                    dataKey={`b${i}`}
                    hide={hidden.has(v)}
                    stroke="none"
                    fill={colour(v)}
                    fillOpacity={0.15}
                    isAnimationActive={false}
                    activeDot={false}
                    connectNulls={false}
                  />
                ))}
                {versions.map((v, i) => (
                  <Line
                    key={`avg-${v}`}
                    dataKey={`a${i}`}
                    name={v}
                    hide={hidden.has(v)}
                    stroke={colour(v)}
                    strokeWidth={1.5}
                    dot={false}
                    activeDot={{ r: 3 }}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                ))}
                {markers.map((m) => (
                  <ReferenceLine key={`${m.ts}-${m.kind}-${m.text}`} x={m.t} stroke={MARKER_STYLES[m.kind].colour} strokeDasharray="4 3" />
                ))}
                {drag && drag.a !== drag.b && <ReferenceArea x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} fill="#6366f1" fillOpacity={0.15} />}
                {threshold !== undefined && (
                  <ReferenceLine
                    y={threshold * scale}
                    stroke={ALARM_COLOUR}
                    strokeWidth={1.5}
                    ifOverflow="extendDomain"
                    label={{ value: `threshold ${formatNumber(threshold * scale)}`, position: "insideTopRight", fontSize: 10, fill: ALARM_COLOUR }}
                  />
                )}
              </ComposedChart>
            </div>
            <div className="mt-1 flex flex-wrap gap-1.5" aria-label={`${title} series`} role="group">
              {versions.map((v) => (
                <button
                  key={v}
                  type="button"
                  aria-pressed={!hidden.has(v)}
                  onClick={() => toggle(v)}
                  className="inline-flex items-center gap-1.5 rounded px-1.5 py-0.5 text-xs text-zinc-700 hover:bg-zinc-100 aria-[pressed=false]:text-zinc-400 aria-[pressed=false]:line-through dark:text-zinc-300 dark:hover:bg-zinc-800"
                >
                  <span aria-hidden className="h-0.5 w-3 rounded" style={{ background: colour(v) }} />
                  {v}
                </button>
              ))}
            </div>
          </>
        )}
      </div>
    </figure>
  );
}

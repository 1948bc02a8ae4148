"use client";

import { useQuery } from "@tanstack/react-query";
import { Gauge } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { layoutMarkers, orderVersions, seriesColour } from "@/components/charts/series-data";
import { useElementWidth } from "@/components/charts/use-element-width";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { formatUtc, MarkerLabel, utc } from "@/components/models/metric-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { Select } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { formatNumber } from "@/lib/metrics/display";
import { ESTIMATED_METRICS, METRIC_LABELS, METRICS_BY_TASK, type QualityMetric, type QualityTask } from "@/lib/quality/metrics";
import type { QualityAnswer } from "@/lib/quality/schemas";
import { qualityQuery, qualityWindow } from "./query-options";
import { labelCoverage, latest, parseQualityRange, qualityRows, QUALITY_RANGES, type QualityRangeKey, type QualityRow } from "./quality-rows";

const PLOT_HEIGHT = 220;
const COVERAGE_HEIGHT = 64;
const Y_AXIS_WIDTH = 52;
const MARGIN = { top: 14, right: 8, bottom: 0, left: 0 };
const LABEL_STOP_COLOUR = "#0891b2";

export interface QualityModel {
  name: string;
  task: QualityTask;
  primary_metric: QualityMetric;
  /** The model's versions, newest first: fixes each version's colour. */
  versions: string[];
  /** The version in production: the one the summary reports on when it has data. */
  production: string | null;
  /** Stage changes into production, marked on the chart. */
  deploys: { version: string; at: string }[];
}

const percent = (share: number) => `${formatNumber(share * 100)} %`;

function QualityTooltip({
  active,
  label,
  payload,
  versions,
  colour,
}: Partial<TooltipContentProps<number, string>> & { versions: string[]; colour: (v: string) => string }) {
  if (!active || !payload?.length) return null;
  const row = payload[0].payload as QualityRow;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
      <div className="mb-1 font-medium">{formatUtc(Number(label))}</div>
      {versions.map((v, i) => {
        const realized = row[`r${i}`] as number | null | undefined;
        const band = row[`b${i}`] as [number, number] | null | undefined;
        const estimated = row[`e${i}`] as number | null | undefined;
        if (realized === undefined && estimated === undefined) return null;
        return (
          <div key={v} className="tabular flex items-center gap-1.5">
            <span aria-hidden className="size-2 rounded-full" style={{ background: colour(v) }} />
            <span className="font-medium">{v}</span>
            <span>realized {realized == null ? "—" : formatNumber(realized)}</span>
            {band && (
              <span className="text-zinc-500 dark:text-zinc-400">
                ({formatNumber(band[0])}–{formatNumber(band[1])})
              </span>
            )}
            {estimated != null && <span>· estimated {formatNumber(estimated)}</span>}
          </div>
        );
      })}
      {row.labeled !== null && <div className="mt-1 text-zinc-500 dark:text-zinc-400">{percent(row.labeled)} of predictions labeled</div>}
    </div>
  );
}

/** The figures above the chart: the production (or newest) version's latest realized and estimated values, and label coverage. */
function Summary({ answer, version, estimable }: { answer: QualityAnswer; version: string; estimable: boolean }) {
  const coverage = labelCoverage(answer);
  const realized = latest(answer, version, "realized");
  const estimated = latest(answer, version, "estimated");
  const label = METRIC_LABELS[answer.metric];
  const stat = (title: string, value: React.ReactNode, note: React.ReactNode) => (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{title}</dt>
      <dd className="tabular text-lg font-semibold">{value}</dd>
      <dd className="truncate text-xs text-zinc-500 dark:text-zinc-400">{note}</dd>
    </div>
  );
  return (
    <dl className="mb-3 grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="quality-summary">
      {stat(
        `Realized ${label}, ${version}`,
        realized ? formatNumber(realized.value) : "—",
        realized ? <>bucket of {formatUtc(Date.parse(realized.ts))}</> : "no labeled predictions",
      )}
      {stat(
        `Estimated ${label}, ${version}`,
        estimated ? formatNumber(estimated.value) : "—",
        estimable ? estimated ? <>CBPE, bucket of {formatUtc(Date.parse(estimated.ts))}</> : "no scored predictions" : "not estimated for this metric",
      )}
      {stat(
        "Labeled",
        coverage.n ? percent(coverage.n_labeled / coverage.n) : "—",
        `${coverage.n_labeled.toLocaleString("en")} of ${coverage.n.toLocaleString("en")} predictions`,
      )}
      {stat(
        "Labels until",
        coverage.labels_until === null ? "none yet" : <RelativeTime iso={new Date(coverage.labels_until).toISOString()} />,
        coverage.stops ? "only estimates after that" : coverage.labels_until === null ? "realized quality waits for labels" : "labels keep up with predictions",
      )}
    </dl>
  );
}

function describe(answer: QualityAnswer, versions: string[], rangeLabel: string): string {
  const coverage = labelCoverage(answer);
  const parts = versions.map((v) => {
    const r = latest(answer, v, "realized");
    const e = latest(answer, v, "estimated");
    return `${v}: latest realized ${r ? formatNumber(r.value) : "none"}, latest estimated ${e ? formatNumber(e.value) : "none"}`;
  });
  const stop = coverage.stops && coverage.labels_until !== null ? ` Labels stop at ${formatUtc(coverage.labels_until)}.` : "";
  return `${METRIC_LABELS[answer.metric]}, ${rangeLabel.toLowerCase()}: ${parts.join("; ")}.${stop}`;
}

function QualityChart({ model, answer, range }: { model: QualityModel; answer: QualityAnswer; range: QualityRangeKey }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const versions = orderVersions(
    answer.series.map((s) => s.version),
    model.versions,
  );
  const colour = (v: string) => seriesColour(v, model.versions);
  const rows = qualityRows(answer, versions);
  const coverage = labelCoverage(answer);
  const { from, to } = qualityWindow(range);
  const domain = [from.getTime(), to.getTime()];
  const deploys = model.deploys.map((d) => ({ ...d, t: Date.parse(d.at) })).filter((d) => d.t >= domain[0] && d.t <= domain[1]);
  const layout = layoutMarkers(
    deploys.map((d) => d.t),
    domain[0],
    domain[1],
  );
  const multiDay = domain[1] - domain[0] > 86_400_000;
  const xAxis = (hide: boolean) => (
    <XAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={domain}
      hide={hide}
      tickFormatter={(t: number) => utc(t, multiDay)}
      tick={{ fill: "currentColor", fontSize: 11 }}
      stroke="currentColor"
      strokeOpacity={0.3}
      minTickGap={40}
    />
  );
  return (
    <div ref={ref} className="text-zinc-500 dark:text-zinc-400">
      {width === 0 ? (
        <Skeleton className="h-[284px] w-full" />
      ) : (
        <>
          <div role="img" aria-label={describe(answer, versions, QUALITY_RANGES[range].label)} data-testid="quality-chart">
            <ComposedChart width={width} height={PLOT_HEIGHT} data={rows} margin={MARGIN} syncId="quality">
              <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
              {xAxis(true)}
              <YAxis
                width={Y_AXIS_WIDTH}
                domain={["auto", "auto"]}
                tickFormatter={(v: number) => formatNumber(v)}
                tick={{ fill: "currentColor", fontSize: 11 }}
                stroke="currentColor"
                strokeOpacity={0.3}
              />
              <Tooltip content={<QualityTooltip versions={versions} colour={colour} />} isAnimationActive={false} />
              {versions.map((v, i) => (
                <Area key={`band-${v}`} dataKey={`b${i}`} stroke="none" fill={colour(v)} fillOpacity={0.15} isAnimationActive={false} activeDot={false} />
              ))}
              {versions.map((v, i) => (
                <Line
                  key={`realized-${v}`}
                  dataKey={`r${i}`}
                  name={`${v} realized`}
                  stroke={colour(v)}
                  strokeWidth={1.75}
                  dot={false}
                  activeDot={{ r: 3 }}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
              {versions.map((v, i) => (
                <Line
                  key={`estimated-${v}`}
                  dataKey={`e${i}`}
                  name={`${v} estimated`}
                  stroke={colour(v)}
                  strokeWidth={1.25}
                  strokeDasharray="5 4"
                  dot={false}
                  activeDot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
              {deploys.map((d, i) => (
                <ReferenceLine
                  key={`${d.at}-${d.version}`}
                  x={d.t}
                  stroke="currentColor"
                  strokeDasharray="4 3"
                  label={(props: { viewBox?: { x?: number; y?: number } }) => (
                    <MarkerLabel viewBox={props.viewBox} layout={layout[i]} kind="promotion" text={`${d.version} → production`} />
                  )}
                />
              ))}
              {coverage.stops && coverage.labels_until !== null && (
                <ReferenceLine
                  x={coverage.labels_until}
                  stroke={LABEL_STOP_COLOUR}
                  strokeWidth={1.5}
                  data-testid="labels-stop"
                  label={{ value: "labels stop", position: "insideTopLeft", fill: LABEL_STOP_COLOUR, fontSize: 10 }}
                />
              )}
            </ComposedChart>
          </div>
          <div aria-label="Share of predictions labeled, per bucket" role="img">
            <BarChart width={width} height={COVERAGE_HEIGHT} data={rows} margin={{ ...MARGIN, top: 4 }} syncId="quality">
              {xAxis(false)}
              <YAxis
                width={Y_AXIS_WIDTH}
                domain={[0, 1]}
                ticks={[0, 1]}
                tickFormatter={(v: number) => `${v * 100}%`}
                tick={{ fill: "currentColor", fontSize: 10 }}
                stroke="currentColor"
                strokeOpacity={0.3}
              />
              <Bar dataKey="labeled" fill="currentColor" fillOpacity={0.35} isAnimationActive={false} />
            </BarChart>
          </div>
          <ul className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300" aria-label="Legend">
            {versions.map((v) => (
              <li key={v} className="inline-flex items-center gap-1.5">
                <span aria-hidden className="h-0.5 w-3 rounded" style={{ background: colour(v) }} />
                {v}
              </li>
            ))}
            <li className="inline-flex items-center gap-1.5">
              <svg aria-hidden width="18" height="4">
                <line x1="0" y1="2" x2="18" y2="2" stroke="currentColor" strokeWidth="1.75" />
              </svg>
              realized, with its 95 % interval
            </li>
            <li className="inline-flex items-center gap-1.5">
              <svg aria-hidden width="18" height="4">
                <line x1="0" y1="2" x2="18" y2="2" stroke="currentColor" strokeWidth="1.25" strokeDasharray="5 4" />
              </svg>
              estimated from calibrated scores (CBPE)
            </li>
            <li className="inline-flex items-center gap-1.5">
              <span aria-hidden className="h-2.5 w-2 rounded-sm bg-current opacity-35" />
              share labeled
            </li>
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The model page's Quality section: per version, realized quality on labeled predictions (line
 * and 95 % band) and CBPE's estimate from scores (dashed), the share labeled underneath, the
 * moment the labels stop and the deploys, in the metric and range the URL names.
 */
export function ModelQualityView({ model }: { model: QualityModel }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const metrics = METRICS_BY_TASK[model.task] as readonly QualityMetric[];
  const asked = params.get("quality_metric");
  const metric = asked && (metrics as readonly string[]).includes(asked) ? (asked as QualityMetric) : model.primary_metric;
  const range = parseQualityRange(params.get("quality_range"));
  const { data, isPending, isError, error } = useQuery({ ...qualityQuery(model.name, metric, range), refetchInterval: useRefreshInterval() });

  const choose = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params.toString());
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    const query = next.toString();
    router.replace(`${pathname}${query ? `?${query}` : ""}`, { scroll: false });
  };
  const hasData = (v: string | null) => v !== null && (data?.series.some((s) => s.version === v) ?? false);
  const main = (hasData(model.production) ? model.production : model.versions.find(hasData)) ?? model.versions[0];

  return (
    <Panel
      className="my-6"
      title={<span id="quality-heading">Quality</span>}
      action={
        <div className="flex items-center gap-2">
          <Select
            aria-label="Quality metric"
            className="max-w-48"
            value={metric}
            onChange={(e) => choose("quality_metric", e.target.value, model.primary_metric)}
          >
            {metrics.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
                {m === model.primary_metric ? " (primary)" : ""}
              </option>
            ))}
          </Select>
          <Select aria-label="Quality range" className="max-w-36" value={range} onChange={(e) => choose("quality_range", e.target.value, "7d")}>
            {(Object.keys(QUALITY_RANGES) as QualityRangeKey[]).map((r) => (
              <option key={r} value={r}>
                {QUALITY_RANGES[r].label}
              </option>
            ))}
          </Select>
        </div>
      }
    >
      <div data-testid="model-quality" aria-labelledby="quality-heading">
        {isError ? (
          <Alert tone="error">Could not load quality: {(error as Error).message}</Alert>
        ) : isPending ? (
          <div role="status" aria-label="Loading quality" className="space-y-3">
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
              {Array.from({ length: 4 }, (_, i) => (
                <Skeleton key={i} className="h-14" />
              ))}
            </div>
            <Skeleton className="h-[284px] w-full" />
          </div>
        ) : data.series.length === 0 ? (
          <EmptyState icon={Gauge} title="No predictions in this range">
            Send predictions with <code>POST /api/v1/ingest/predictions</code> and their labels, whenever they arrive, with{" "}
            <code>POST /api/v1/ingest/labels</code>; realized quality appears as labels join their predictions, and estimates for binary classifiers with scores
            at once.
          </EmptyState>
        ) : (
          <>
            <Summary answer={data} version={main} estimable={model.task === "binary_classification" && ESTIMATED_METRICS.has(metric)} />
            <QualityChart model={model} answer={data} range={range} />
          </>
        )}
      </div>
    </Panel>
  );
}

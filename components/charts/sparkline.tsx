import type { SparkPoint } from "@/lib/fleet/health-summary";
import { formatMetric } from "@/lib/metrics/display";

const WIDTH = 64;
const HEIGHT = 24;

/**
 * A tiny SVG trend line for table cells. Plain SVG rather than Recharts: a table holds dozens of
 * them, and a cell needs no axes, tooltips or animation. The value beside it carries the number.
 */
export function Sparkline({ points, metric, label }: { points: SparkPoint[]; metric: string; label: string }) {
  if (points.length === 0) return <span className="text-zinc-400">—</span>;
  const values = points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) => (points.length === 1 ? WIDTH / 2 : (i / (points.length - 1)) * (WIDTH - 2) + 1);
  const y = (v: number) => HEIGHT - 2 - ((v - lo) / span) * (HEIGHT - 4);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const summary = `${label}, last ${points.length} hours: from ${formatMetric(metric, values[0])} to ${formatMetric(metric, values[values.length - 1])}, low ${formatMetric(metric, lo)}, high ${formatMetric(metric, hi)}`;
  return (
    <svg
      role="img"
      aria-label={summary}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="overflow-visible text-indigo-500 dark:text-indigo-400"
    >
      <title>{summary}</title>
      <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(points.length - 1)} cy={y(values[values.length - 1])} r={1.75} fill="currentColor" />
    </svg>
  );
}

/**
 * A figure with its unit next to its trend, as the models and fleet tables show them.
 * `trend="wide"` drops the sparkline on narrow screens, where the figure matters more.
 */
export function MetricCell({
  value,
  points,
  metric,
  label,
  trend = "always",
}: {
  value: number | null;
  points: SparkPoint[];
  metric: string;
  label: string;
  trend?: "always" | "wide";
}) {
  return (
    <div className="flex items-center justify-end gap-2">
      <span className="tabular whitespace-nowrap">{formatMetric(metric, value)}</span>
      <span className={trend === "wide" ? "hidden xl:inline-flex" : "inline-flex"}>
        <Sparkline points={points} metric={metric} label={label} />
      </span>
    </div>
  );
}

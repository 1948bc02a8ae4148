"use client";

import { AlertTriangle } from "lucide-react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { StatusBadge } from "@/components/ui/status-badge";
import type { FeatureDetail } from "@/lib/drift/queries";
import { driftWarnings } from "@/lib/drift/warnings";
import { formatCount, formatStat } from "./format";

const REFERENCE_COLOUR = "#71717a";
const CURRENT_COLOUR = "#6366f1";

/** One feature in depth: both distributions overlaid, the daily statistic against its threshold, and why. */
export function FeatureDetailPanel({ detail }: { detail: FeatureDetail }) {
  const result = detail.result;
  const warnings = result ? driftWarnings(result) : [];
  return (
    <div className="space-y-5" data-testid="feature-detail">
      {result ? (
        <>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={result.drifted ? "drifting" : "healthy"} label={result.drifted ? "drifted" : "no drift"} />
            <span className="text-sm">
              <span className="font-medium">{result.method}</span> · statistic <span className="tabular">{formatStat(result.statistic)}</span>
              {result.p_value !== null && (
                <>
                  {" "}
                  · p-value <span className="tabular">{formatStat(result.p_value)}</span>
                </>
              )}{" "}
              · threshold <span className="tabular">{formatStat(result.threshold)}</span>
            </span>
          </div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">Why this method: </span>
            {result.reason}.
          </p>
          <dl className="grid grid-cols-3 gap-3 text-sm">
            <div>
              <dt className="text-xs text-zinc-500">n_ref</dt>
              <dd className="tabular font-medium">{formatCount(result.n_ref)}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">n_cur (compared)</dt>
              <dd className="tabular font-medium">{formatCount(result.n_cur)}</dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">values seen (exact)</dt>
              <dd className="tabular font-medium">{formatCount(detail.n_seen)}</dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No result: {detail.problem}.</p>
      )}
      {warnings.map((w) => (
        <p key={w} role="note" className="flex gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          {w}
        </p>
      ))}
      {detail.distribution && <DistributionChart detail={detail} />}
      <DailyChart detail={detail} />
    </div>
  );
}

function DistributionChart({ detail }: { detail: FeatureDetail }) {
  const distribution = detail.distribution!;
  const data =
    distribution.kind === "numerical"
      ? distribution.bins.map((b) => ({ label: formatStat(b.from), reference: b.reference * 100, current: b.current * 100 }))
      : distribution.bins.map((b) => ({ label: b.category, reference: b.reference * 100, current: b.current * 100 }));
  const summary = `${distribution.kind === "numerical" ? "Histogram" : "Bar chart"} of ${detail.feature}: reference and current distributions as percentages of each sample.`;
  return (
    <section aria-labelledby="distribution-heading">
      <h3 id="distribution-heading" className="mb-1 text-sm font-medium">
        Distributions: reference and current
      </h3>
      <div role="img" aria-label={summary} className="h-56" data-testid="distribution-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} barGap={0} barCategoryGap={distribution.kind === "numerical" ? 1 : "15%"}>
            <CartesianGrid strokeOpacity={0.15} vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis tick={{ fontSize: 11 }} unit="%" width={44} />
            <Tooltip formatter={(v) => `${formatStat(Number(v))} %`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="reference" name="reference" fill={REFERENCE_COLOUR} fillOpacity={0.55} isAnimationActive={false} />
            <Bar dataKey="current" name="current" fill={CURRENT_COLOUR} fillOpacity={0.75} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

function DailyChart({ detail }: { detail: FeatureDetail }) {
  const points = detail.daily;
  const last = points[points.length - 1];
  // Tests are judged on the p-value (drift below the line), distances on the statistic (drift above it).
  const byPValue = last?.p_value !== null && last?.p_value !== undefined;
  const data = points.map((p) => ({ day: p.day.slice(5), value: byPValue ? p.p_value : p.statistic }));
  const label = byPValue ? "p-value (drift below the line)" : "statistic (drift at or above the line)";
  return (
    <section aria-labelledby="daily-heading">
      <h3 id="daily-heading" className="mb-1 text-sm font-medium">
        Daily {label}, last 30 days
      </h3>
      {points.length === 0 ? (
        <p className="text-sm text-zinc-500">No daily history yet.</p>
      ) : (
        <div
          role="img"
          aria-label={`Daily ${label} of ${detail.feature} over ${points.length} days, with the threshold ${last.threshold}`}
          className="h-48"
          data-testid="daily-chart"
        >
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data}>
              <CartesianGrid strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={12} />
              <YAxis tick={{ fontSize: 11 }} width={44} domain={[0, "auto"]} tickFormatter={(v) => formatStat(Number(v))} />
              <Tooltip formatter={(v) => formatStat(Number(v))} />
              <ReferenceLine
                y={last.threshold}
                stroke="#dc2626"
                strokeDasharray="4 4"
                ifOverflow="extendDomain"
                label={{ value: `threshold ${formatStat(last.threshold)}`, position: "insideTopRight", fontSize: 11, fill: "#dc2626" }}
                data-testid="threshold-line"
              />
              <Line
                type="monotone"
                dataKey="value"
                name={byPValue ? "p-value" : "statistic"}
                stroke={CURRENT_COLOUR}
                dot={{ r: 2 }}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

"use client";

import Link from "next/link";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { useElementWidth } from "@/components/charts/use-element-width";
import { formatNumber } from "@/lib/metrics/display";

const BAR_HEIGHT = 26;

/** Where a feature's drift is shown: the drift page's drawer, beside this version's when it is not in production. */
export function featureDriftHref(model: string, feature: string, compare: string | null): string {
  const query = new URLSearchParams({ cell: `${model}:${feature}` });
  if (compare) query.set("compare", compare);
  return `/drift?${query}`;
}

/** Feature importance as horizontal bars, most important on top, each feature linked to its drift. */
export function FeatureImportanceChart({
  importance,
  model,
  compare = null,
}: {
  importance: Record<string, number> | null;
  model?: string;
  /** A version other than production's, whose drift the drawer shows beside production's. */
  compare?: string | null;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const rows = Object.entries(importance ?? {})
    .map(([feature, value]) => ({ feature, value }))
    .sort((a, b) => b.value - a.value);
  const longest = Math.max(0, ...rows.map((r) => r.feature.length));
  const summary = `Feature importance, highest first: ${rows.map((r) => `${r.feature} ${formatNumber(r.value)}`).join(", ")}`;
  return (
    <section aria-labelledby="importance-heading">
      <h2 id="importance-heading" className="mb-2 font-medium">
        Feature importance
      </h2>
      {rows.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">No feature importance was registered with this version.</p>
      ) : (
        <div ref={ref} role="img" aria-label={summary} className="rounded-lg border border-zinc-200 p-2 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          {width > 0 && (
            <BarChart
              width={width - 16}
              height={rows.length * BAR_HEIGHT + 30}
              data={rows}
              layout="vertical"
              margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
            >
              <CartesianGrid stroke="currentColor" strokeOpacity={0.15} horizontal={false} />
              <XAxis
                type="number"
                domain={[0, "auto"]}
                tickFormatter={(v: number) => formatNumber(v)}
                tick={{ fill: "currentColor", fontSize: 11 }}
                stroke="currentColor"
                strokeOpacity={0.3}
              />
              <YAxis
                type="category"
                dataKey="feature"
                width={Math.min(160, longest * 7 + 12)}
                tick={{ fill: "currentColor", fontSize: 11 }}
                stroke="currentColor"
                strokeOpacity={0.3}
              />
              <Tooltip
                cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
                formatter={(v) => formatNumber(Number(v))}
                contentStyle={{ fontSize: 12, borderRadius: 6 }}
                isAnimationActive={false}
              />
              <Bar dataKey="value" name="importance" fill="#6366f1" radius={[0, 3, 3, 0]} isAnimationActive={false} />
            </BarChart>
          )}
        </div>
      )}
      {model && rows.length > 0 && (
        <nav aria-label="Drift of each feature" className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs">
          <span className="text-zinc-500 dark:text-zinc-400">Drift of</span>
          {rows.map((r) => (
            <Link key={r.feature} href={featureDriftHref(model, r.feature, compare)} className="text-indigo-700 hover:underline dark:text-indigo-300">
              {r.feature}
            </Link>
          ))}
        </nav>
      )}
    </section>
  );
}

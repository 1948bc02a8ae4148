import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import clsx from "clsx";
import { compareMetric, formatMetric, formatNumber, type Verdict } from "@/lib/metrics/display";
import { Table } from "@/components/ui/table";

const VERDICT: Record<Verdict, { icon: typeof Minus; className: string }> = {
  better: { icon: ArrowUpRight, className: "text-emerald-700 dark:text-emerald-300" },
  worse: { icon: ArrowDownRight, className: "text-red-700 dark:text-red-300" },
  same: { icon: Minus, className: "text-zinc-500 dark:text-zinc-400" },
};

function Delta({ metric, value, baseline }: { metric: string; value: number; baseline: number }) {
  const verdict = compareMetric(metric, value, baseline);
  const { icon: Icon, className } = VERDICT[verdict];
  const diff = value - baseline;
  return (
    <span className={clsx("tabular inline-flex items-center gap-1 whitespace-nowrap", className)}>
      <Icon aria-hidden className="size-3.5" />
      {diff > 0 ? "+" : diff < 0 ? "−" : "±"}
      {formatNumber(Math.abs(diff))} {verdict}
    </span>
  );
}

/** The version's declared metrics against the production version's, with better / worse per metric's direction. */
export function DeclaredMetrics({
  metrics,
  production,
}: {
  metrics: Record<string, number>;
  /** The production version's name and metrics; null when none, or this is it. */
  production: { version: string; metrics: Record<string, number> } | null;
}) {
  const names = [...new Set([...Object.keys(metrics), ...Object.keys(production?.metrics ?? {})])].sort();
  return (
    <section aria-labelledby="declared-heading">
      <h2 id="declared-heading" className="mb-2 font-medium">
        Declared metrics
      </h2>
      {names.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">No metrics were declared with this version.</p>
      ) : (
        <Table
          columns={[
            { label: "Metric" },
            { label: "This version", numeric: true },
            ...(production ? [{ label: `Production ${production.version}`, numeric: true }, { label: "Change" }] : []),
          ]}
        >
          {names.map((name) => {
            const value = metrics[name];
            const baseline = production?.metrics[name];
            return (
              <tr key={name} className="h-9" data-testid="declared-metric">
                <td className="px-3 font-medium">{name}</td>
                <td className="tabular px-3 text-right">{formatMetric(name, value)}</td>
                {production && <td className="tabular px-3 text-right text-zinc-600 dark:text-zinc-400">{formatMetric(name, baseline)}</td>}
                {production && (
                  <td className="px-3">
                    {value !== undefined && baseline !== undefined ? (
                      <Delta metric={name} value={value} baseline={baseline} />
                    ) : (
                      <span className="text-zinc-400">—</span>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}

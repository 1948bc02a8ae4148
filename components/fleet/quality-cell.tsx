import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { METRIC_LABELS } from "@/lib/quality/metrics";
import type { FleetModel } from "@/lib/fleet/queries";
import { qualityTrend } from "./fleet-view-state";

const fmt = (v: number) => v.toPrecision(3);
const signed = (v: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toPrecision(2)}`;

/**
 * The primary metric over the last 24 h (estimated where the model has estimates) and its change
 * against the 7 days before; a drop gets the warning colour, an arrow and the word.
 */
export function QualityCell({ model }: { model: FleetModel }) {
  const q = model.quality;
  if (!q) {
    return (
      <td className="px-3 text-right text-zinc-400" data-testid="fleet-quality" title="No quality task: set the model's task with PATCH /models/{name}">
        —
      </td>
    );
  }
  const label = METRIC_LABELS[q.metric];
  const how = q.kind === "estimated" ? "estimated from calibrated scores" : "realized on labels";
  const title = `${label}, ${how}: last 24 h ${q.value === null ? "none yet" : fmt(q.value)}; 7 days before ${q.baseline === null ? "none" : fmt(q.baseline)}`;
  const trend = qualityTrend(q);
  const Arrow = trend === null || Math.abs(trend) < 0.005 ? Minus : (q.change ?? 0) > 0 ? ArrowUpRight : ArrowDownRight;
  return (
    <td className="tabular px-3 text-right" data-testid="fleet-quality" title={title}>
      {q.value === null ? (
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{q.kind === "realized" ? "labels pending" : "no predictions"}</span>
      ) : (
        <span className="inline-flex items-baseline gap-1.5">
          <span className="text-xs text-zinc-500 dark:text-zinc-400">{label}</span>
          <span>{fmt(q.value)}</span>
          {q.kind === "estimated" && (
            <abbr title="estimated" className="text-xs text-zinc-500 no-underline dark:text-zinc-400">
              est.
            </abbr>
          )}
        </span>
      )}
      {q.change !== null && (
        <span
          data-testid="fleet-quality-change"
          className={`flex items-center justify-end gap-0.5 text-xs ${q.dropped ? "font-medium text-amber-700 dark:text-amber-400" : "text-zinc-500 dark:text-zinc-400"}`}
        >
          <Arrow aria-hidden className="size-3" />
          {signed(q.change)}
          {q.dropped && <span className="sr-only"> (a drop)</span>}
          <span className="sr-only"> against the 7 days before</span>
        </span>
      )}
    </td>
  );
}

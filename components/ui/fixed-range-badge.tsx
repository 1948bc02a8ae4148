import { Clock } from "lucide-react";

/** Marks a figure whose range is its own, not the time picker's, so the picker never seems to lie. */
export function FixedRangeBadge({ range, what = "These figures" }: { range: string; what?: string }) {
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full border border-zinc-300 px-2 py-0.5 text-xs font-normal text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
      title={`${what} always cover the ${range}, whatever the picker at the top says`}
      data-testid="fixed-range"
    >
      <Clock aria-hidden className="size-3" />
      fixed: {range}
      <span className="sr-only">, whatever the picker at the top says</span>
    </span>
  );
}

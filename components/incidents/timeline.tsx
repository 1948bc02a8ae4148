import { AlertOctagon, ArrowUpCircle, CheckCircle2, Clock, Eye, MessageSquare, RotateCcw, Waves, XCircle, type LucideIcon } from "lucide-react";
import clsx from "clsx";
import { formatUtc } from "@/components/models/metric-chart";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TimelineEntry } from "@/lib/incidents/timeline";

const KINDS: Record<TimelineEntry["kind"], { icon: LucideIcon; label: string; className: string }> = {
  opened: { icon: AlertOctagon, label: "Fired", className: "text-red-600 dark:text-red-400" },
  acknowledged: { icon: Eye, label: "Acknowledged", className: "text-emerald-600 dark:text-emerald-400" },
  resolved: { icon: CheckCircle2, label: "Resolved", className: "text-emerald-600 dark:text-emerald-400" },
  note: { icon: MessageSquare, label: "Note", className: "text-zinc-500 dark:text-zinc-400" },
  promotion: { icon: ArrowUpCircle, label: "Promotion", className: "text-indigo-600 dark:text-indigo-400" },
  rollback: { icon: RotateCcw, label: "Rollback", className: "text-amber-600 dark:text-amber-400" },
  pipeline_failed: { icon: XCircle, label: "Pipeline failed", className: "text-red-600 dark:text-red-400" },
  pipeline_stale: { icon: Clock, label: "Pipeline stale", className: "text-violet-600 dark:text-violet-400" },
  drift: { icon: Waves, label: "Drift", className: "text-amber-600 dark:text-amber-400" },
};

/** What happened, oldest first: what changed before the incident reads straight down into it. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="space-y-3" aria-label="Timeline">
      {entries.map((entry, i) => {
        const kind = KINDS[entry.kind] ?? KINDS.note;
        const Icon = kind.icon;
        return (
          <li key={`${entry.at}-${i}`} data-testid="timeline-entry" data-kind={entry.kind} className="flex gap-3">
            <Icon aria-hidden className={clsx("mt-0.5 size-4 shrink-0", kind.className)} />
            <div className="min-w-0">
              <div className="text-xs text-zinc-500 dark:text-zinc-400">
                <span className="font-medium text-zinc-700 dark:text-zinc-300">{kind.label}</span> ·{" "}
                <time dateTime={entry.at}>{formatUtc(Date.parse(entry.at))}</time> (<RelativeTime iso={entry.at} />){entry.actor && ` · ${entry.actor}`}
              </div>
              <p className="text-sm break-words whitespace-pre-wrap">{entry.text}</p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

import { AlertOctagon, AlertTriangle, ArrowRight, CheckCircle2, Info } from "lucide-react";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AttentionItem } from "@/lib/fleet/attention";

const SEVERITY = {
  critical: { icon: AlertOctagon, className: "text-red-600 dark:text-red-400", label: "critical" },
  warning: { icon: AlertTriangle, className: "text-amber-600 dark:text-amber-400", label: "warning" },
  info: { icon: Info, className: "text-indigo-600 dark:text-indigo-400", label: "for you" },
} as const;

/** Most urgent first: each line says what, why, and leads to where it can be handled. */
export function NeedsAttention({ items }: { items: AttentionItem[] }) {
  return (
    <section aria-labelledby="attention-heading">
      <h2 id="attention-heading" className="mb-2 font-medium">
        Needs attention
      </h2>
      {items.length === 0 ? (
        <p className="flex items-center gap-2 rounded-lg border border-zinc-200 px-3 py-3 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <CheckCircle2 className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden /> Nothing needs you right now: no failing or stale pipelines, no
          drifting models, nothing waiting for your decision.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {items.map((item) => {
            const severity = SEVERITY[item.severity];
            const Icon = severity.icon;
            return (
              <li key={item.kind + item.href + item.title} data-testid="attention-item">
                <Link href={item.href} className="flex items-center gap-3 px-3 py-2 hover:bg-zinc-50 dark:hover:bg-zinc-900">
                  <Icon className={`size-4 shrink-0 ${severity.className}`} aria-label={severity.label} />
                  <span className="min-w-0 flex-1">
                    <span className="font-medium">{item.title}</span>
                    <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{item.why}</span>
                  </span>
                  {item.since && (
                    <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400" data-testid="attention-since">
                      <RelativeTime iso={item.since} />
                    </span>
                  )}
                  <ArrowRight className="size-4 shrink-0 text-zinc-400" aria-hidden />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import { AlertOctagon, AlertTriangle, Info } from "lucide-react";
import clsx from "clsx";
import { StatusBadge } from "@/components/ui/status-badge";
import type { IncidentStatus, Severity } from "@/drizzle/schema/incidents";

const SEVERITY = {
  critical: { icon: AlertOctagon, className: "bg-red-600 text-white dark:bg-red-500" },
  warning: { icon: AlertTriangle, className: "bg-amber-50 text-amber-800 ring-1 ring-amber-600/30 ring-inset dark:bg-amber-950 dark:text-amber-300" },
  info: { icon: Info, className: "bg-zinc-100 text-zinc-700 ring-1 ring-zinc-500/30 ring-inset dark:bg-zinc-800 dark:text-zinc-300" },
} as const;

/** Severity as colour, icon and word: critical is the one loud badge of the page. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const style = SEVERITY[severity];
  const Icon = style.icon;
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium", style.className)}>
      <Icon aria-hidden className="size-3.5" />
      {severity}
    </span>
  );
}

const STATUS = { open: "failing", acknowledged: "acknowledged", resolved: "succeeded" } as const;

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <StatusBadge status={STATUS[status]} label={status} />;
}

/** What an incident or rule watches, in words. */
export function targetLabel(target: { model: string; version?: string } | { pipeline: string }): string {
  return "pipeline" in target ? `pipeline ${target.pipeline}` : `${target.model}${target.version ? ` ${target.version}` : " (production)"}`;
}

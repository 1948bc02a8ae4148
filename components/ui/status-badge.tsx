import { AlertTriangle, CheckCircle2, CircleDashed, CircleHelp, Clock, Loader, TrendingDown, XCircle, type LucideIcon } from "lucide-react";
import clsx from "clsx";

/** Status is never colour alone: every badge pairs its colour with an icon and a word (DESIGN.md). */
const STYLES: Record<string, { icon: LucideIcon; className: string }> = {
  healthy: {
    icon: CheckCircle2,
    className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  },
  executed: {
    icon: CheckCircle2,
    className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  },
  success: {
    icon: CheckCircle2,
    className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  },
  running: { icon: Loader, className: "bg-sky-50 text-sky-800 ring-sky-600/30 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-400/30" },
  degraded: { icon: AlertTriangle, className: "bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30" },
  failure: { icon: AlertTriangle, className: "bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30" },
  drifting: { icon: XCircle, className: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30" },
  denied: { icon: XCircle, className: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30" },
  failing: { icon: XCircle, className: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30" },
  failed: { icon: XCircle, className: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30" },
  succeeded: {
    icon: CheckCircle2,
    className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  },
  volume_anomaly: {
    icon: TrendingDown,
    className: "bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
  },
  stale: { icon: Clock, className: "bg-violet-50 text-violet-800 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-300 dark:ring-violet-400/30" },
  unknown: { icon: CircleHelp, className: "bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/30" },
  none: { icon: CircleDashed, className: "bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/30" },
  // Governance: a request's state, a waived gate (amber outline), a rollback awaiting review.
  pending: { icon: Clock, className: "bg-indigo-50 text-indigo-800 ring-indigo-600/30 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-400/40" },
  approved: {
    icon: CheckCircle2,
    className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  },
  rejected: { icon: XCircle, className: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30" },
  withdrawn: { icon: CircleDashed, className: "bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/30" },
  waived: { icon: AlertTriangle, className: "bg-transparent text-amber-800 ring-amber-600/60 dark:text-amber-300 dark:ring-amber-400/60" },
  awaiting_review: { icon: Clock, className: "bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30" },
  acknowledged: {
    icon: CheckCircle2,
    className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  },
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const style = STYLES[status] ?? STYLES.unknown;
  const Icon = style.icon;
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", style.className)}>
      <Icon aria-hidden className="size-3.5" />
      {label ?? status.replace(/_/g, " ")}
    </span>
  );
}

const STAGE_STYLES: Record<string, string> = {
  production: "bg-indigo-600 text-white dark:bg-indigo-500",
  staging: "bg-indigo-50 text-indigo-800 ring-1 ring-inset ring-indigo-600/30 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-400/40",
  archived: "bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400",
  none: "bg-zinc-100 text-zinc-600 ring-1 ring-inset ring-zinc-300 dark:bg-zinc-900 dark:text-zinc-400 dark:ring-zinc-700",
};

export function StageBadge({ stage, version }: { stage: string; version?: string }) {
  return (
    <span className={clsx("inline-flex items-center rounded-md px-1.5 py-0.5 text-xs font-medium", STAGE_STYLES[stage] ?? STAGE_STYLES.none)}>
      {version ? `${stage} ${version}` : stage}
    </span>
  );
}

export function RoleBadge({ role }: { role: string }) {
  return (
    <span className="inline-flex items-center rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
      {role}
    </span>
  );
}

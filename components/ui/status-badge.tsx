import {
  AlertTriangle,
  CheckCircle2,
  CircleDashed,
  CircleHelp,
  CircleMinus,
  Clock,
  Loader,
  ShieldCheck,
  TrendingDown,
  XCircle,
  type LucideIcon,
} from "lucide-react";
import clsx from "clsx";

/** The status colours of DESIGN.md, each with its light and dark form. */
const TONES = {
  emerald: "bg-emerald-50 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  sky: "bg-sky-50 text-sky-800 ring-sky-600/30 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-400/30",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-400/30",
  red: "bg-red-50 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/30 dark:bg-violet-950 dark:text-violet-300 dark:ring-violet-400/30",
  zinc: "bg-zinc-100 text-zinc-700 ring-zinc-500/30 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/30",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-600/30 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-400/40",
  amberOutline: "bg-transparent text-amber-800 ring-amber-600/60 dark:text-amber-300 dark:ring-amber-400/60",
} as const;

/** Status is never colour alone: every badge pairs its colour with an icon and a word (DESIGN.md). */
const STYLES: Record<string, { icon: LucideIcon; tone: keyof typeof TONES }> = {
  healthy: { icon: CheckCircle2, tone: "emerald" },
  executed: { icon: CheckCircle2, tone: "emerald" },
  success: { icon: CheckCircle2, tone: "emerald" },
  running: { icon: Loader, tone: "sky" },
  degraded: { icon: AlertTriangle, tone: "amber" },
  failure: { icon: AlertTriangle, tone: "amber" },
  drifting: { icon: XCircle, tone: "red" },
  denied: { icon: XCircle, tone: "red" },
  failing: { icon: XCircle, tone: "red" },
  failed: { icon: XCircle, tone: "red" },
  succeeded: { icon: CheckCircle2, tone: "emerald" },
  volume_anomaly: { icon: TrendingDown, tone: "amber" },
  stale: { icon: Clock, tone: "violet" },
  unknown: { icon: CircleHelp, tone: "zinc" },
  none: { icon: CircleDashed, tone: "zinc" },
  pending: { icon: Clock, tone: "indigo" },
  approved: { icon: CheckCircle2, tone: "emerald" },
  rejected: { icon: XCircle, tone: "red" },
  withdrawn: { icon: CircleDashed, tone: "zinc" },
  // A failure someone signed off: its own icon, never the red cross nor the warning triangle.
  waived: { icon: ShieldCheck, tone: "amberOutline" },
  passed: { icon: CheckCircle2, tone: "emerald" },
  not_applicable: { icon: CircleMinus, tone: "zinc" },
  awaiting_review: { icon: Clock, tone: "amber" },
  acknowledged: { icon: CheckCircle2, tone: "emerald" },
};

/** The icon of a status alone, in its colour, for lists that put the word beside it. */
export function StatusIcon({ status }: { status: string }) {
  const style = STYLES[status] ?? STYLES.unknown;
  const Icon = style.icon;
  return <Icon aria-hidden className={clsx("mt-0.5 size-4 shrink-0", ICON_COLOURS[style.tone])} />;
}

const ICON_COLOURS: Record<keyof typeof TONES, string> = {
  emerald: "text-emerald-600 dark:text-emerald-400",
  sky: "text-sky-600 dark:text-sky-400",
  amber: "text-amber-600 dark:text-amber-400",
  red: "text-red-600 dark:text-red-400",
  violet: "text-violet-600 dark:text-violet-400",
  zinc: "text-zinc-500 dark:text-zinc-400",
  indigo: "text-indigo-600 dark:text-indigo-400",
  amberOutline: "text-amber-600 dark:text-amber-400",
};

export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const style = STYLES[status] ?? STYLES.unknown;
  const Icon = style.icon;
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset", TONES[style.tone])}>
      <Icon aria-hidden className="size-3.5" />
      {label ?? status.replace(/_/g, " ")}
    </span>
  );
}

const STAGE_STYLES: Record<string, string> = {
  production: "bg-indigo-600 text-white dark:bg-indigo-500",
  staging: "bg-indigo-50 text-indigo-800 ring-1 ring-inset ring-indigo-600/30 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-400/40",
  archived: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400",
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

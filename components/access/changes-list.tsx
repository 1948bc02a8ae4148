"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { recentChangesQuery, type ChangeEntry } from "./query-options";

function describe(entry: ChangeEntry): string {
  const d = entry.detail as {
    before?: { roles?: string[]; active?: boolean };
    after?: { roles?: string[]; active?: boolean };
    roles?: string[];
    scopes?: string[];
    name?: string;
    reason?: string;
  };
  if (d.before && d.after) {
    const parts = [];
    if (d.before.roles?.join() !== d.after.roles?.join()) parts.push(`roles ${d.before.roles?.join(", ") || "none"} → ${d.after.roles?.join(", ") || "none"}`);
    if (d.before.active !== d.after.active) parts.push(d.after.active ? "re-enabled" : "disabled");
    return parts.join("; ") || "no change";
  }
  if (d.roles) return `roles ${d.roles.join(", ")}`;
  if (d.scopes) return `${d.name ?? ""} · scopes ${d.scopes.join(", ")}`;
  return d.reason ?? "";
}

/** The page's own recent changes from the audit trail, newest first. */
export function ChangesList({ actionPrefix, empty }: { actionPrefix: string; empty: string }) {
  const { data: entries } = useSuspenseQuery(recentChangesQuery(actionPrefix));
  if (entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">{empty}</p>;
  return (
    <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="recent-changes">
      {entries.map((e) => (
        <li key={e.seq} className="flex flex-wrap items-baseline gap-x-2 gap-y-1 py-1.5">
          <span className="font-mono text-xs">{e.action}</span>
          <span className="font-medium">{e.target}</span>
          <span className="text-zinc-600 dark:text-zinc-400">{describe(e)}</span>
          {e.outcome !== "success" && <StatusBadge status={e.outcome} />}
          <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
            {e.actor} · <RelativeTime iso={e.ts} />
          </span>
        </li>
      ))}
    </ul>
  );
}

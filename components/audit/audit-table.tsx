"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import clsx from "clsx";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ChainedEntry } from "@/lib/audit/chain";

/** The trail's rows; choosing one puts its seq in the URL, which opens the detail panel. */
export function AuditTable({ entries, selected }: { entries: ChainedEntry[]; selected: number | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const select = (seq: number) => {
    const next = new URLSearchParams(params);
    next.set("seq", String(seq));
    router.push(`${pathname}?${next}`, { scroll: false });
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left">
        <thead className="sticky top-0 bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className="px-3 py-2 font-medium">#</th>
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Actor</th>
            <th className="px-3 py-2 font-medium">Action</th>
            <th className="px-3 py-2 font-medium">Target</th>
            <th className="px-3 py-2 font-medium">Outcome</th>
            <th className="px-3 py-2 font-medium">Address</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {entries.map((e) => (
            <tr
              key={e.seq}
              data-testid="audit-row"
              tabIndex={0}
              aria-selected={selected === e.seq}
              className={clsx("h-9 cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900", selected === e.seq && "bg-indigo-50 dark:bg-indigo-950/60")}
              onClick={() => select(e.seq)}
              onKeyDown={(k) => k.key === "Enter" && select(e.seq)}
            >
              <td className="tabular px-3 text-zinc-500">{e.seq}</td>
              <td className="px-3">
                <RelativeTime iso={e.ts} />
              </td>
              <td className="max-w-48 truncate px-3" title={e.actor}>
                {e.actor}
              </td>
              <td className="px-3 font-mono text-xs">{e.action}</td>
              <td className="max-w-48 truncate px-3" title={e.target}>
                {e.target}
              </td>
              <td className="px-3">
                <StatusBadge status={e.outcome} />
              </td>
              <td className="px-3 font-mono text-xs text-zinc-500">{e.ip ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

"use client";

import clsx from "clsx";
import { Fragment } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { exactUtc, RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import type { ChainedEntry } from "@/lib/audit/chain";
import { EntryDetail } from "./entry-detail";

/**
 * The trail's rows, in fixed columns that never push the page sideways; choosing one puts its seq
 * in the URL and opens its detail right under it, where the eye already is.
 */
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
    <Table
      className="table-fixed"
      columns={[
        { label: "#", className: "w-14" },
        { label: "Time", className: "w-44" },
        { label: "Actor" },
        { label: "Action" },
        { label: "Target" },
        { label: "Outcome", className: "w-24" },
        { label: "Address", className: "w-28" },
      ]}
    >
      {entries.map((e) => (
        <Fragment key={e.seq}>
          <tr
            data-testid="audit-row"
            tabIndex={0}
            aria-selected={selected === e.seq}
            className={clsx("cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-900", selected === e.seq && "bg-indigo-50 dark:bg-indigo-950/60")}
            onClick={() => select(e.seq)}
            onKeyDown={(k) => k.key === "Enter" && select(e.seq)}
          >
            <td className="tabular px-3 py-1.5 text-zinc-500">{e.seq}</td>
            <td className="px-3 py-1.5">
              {/* Compliance quotes the exact time; the relative one is for reading. */}
              <span className="tabular block text-xs">{exactUtc(e.ts)}</span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                <RelativeTime iso={e.ts} />
              </span>
            </td>
            <td className="truncate px-3" title={e.actor}>
              {e.actor}
            </td>
            <td className="truncate px-3 font-mono text-xs" title={e.action}>
              {e.action}
            </td>
            <td className="truncate px-3" title={e.target}>
              {e.target}
            </td>
            <td className="px-3">
              <StatusBadge status={e.outcome} />
            </td>
            <td className="truncate px-3 font-mono text-xs text-zinc-500" title={e.ip ?? undefined}>
              {e.ip ?? "—"}
            </td>
          </tr>
          {selected === e.seq && (
            <tr aria-label={`Entry ${e.seq} in full`}>
              <td colSpan={7} className="bg-zinc-50/60 px-3 py-3 dark:bg-zinc-900/60">
                <EntryDetail entry={e} />
              </td>
            </tr>
          )}
        </Fragment>
      ))}
    </Table>
  );
}

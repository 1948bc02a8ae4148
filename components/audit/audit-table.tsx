"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import clsx from "clsx";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ChainedEntry } from "@/lib/audit/chain";
import { Table } from "@/components/ui/table";

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
    <Table
      columns={[{ label: "#" }, { label: "Time" }, { label: "Actor" }, { label: "Action" }, { label: "Target" }, { label: "Outcome" }, { label: "Address" }]}
    >
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
    </Table>
  );
}

"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Siren } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
import { INCIDENT_STATUSES } from "@/drizzle/schema/incidents";
import { IncidentStatusBadge, SeverityBadge, targetLabel } from "./badges";
import { incidentsQuery, parseStatus } from "./query-options";

/** Incidents, open first (most severe, newest), the status filter kept in the URL. */
export function IncidentsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const status = parseStatus(params.get("status"));
  const { data } = useSuspenseQuery({ ...incidentsQuery(status), refetchInterval: useRefreshInterval() });

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set("status", value);
    else next.delete("status");
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        Status
        <Select aria-label="Status" value={status ?? ""} onChange={(e) => setStatus(e.target.value)}>
          <option value="">all</option>
          {INCIDENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </label>
      {data.length === 0 ? (
        <EmptyState icon={Siren} title={status ? `No ${status} incidents` : "No incidents"}>
          {status ? "Nothing matches this filter." : "No alert rule has fired yet. Rules are managed under Alert rules."}
        </EmptyState>
      ) : (
        <Table
          className="whitespace-nowrap"
          columns={[{ label: "Severity" }, { label: "Incident" }, { label: "Target" }, { label: "Status" }, { label: "Opened" }, { label: "Acknowledged by" }]}
        >
          {data.map((incident) => (
            <tr key={incident.id} data-testid="incident-row" className="h-10 hover:bg-zinc-50 dark:hover:bg-zinc-900">
              <td className="px-3">
                <SeverityBadge severity={incident.severity} />
              </td>
              <td className="max-w-md px-3">
                <Link href={`/incidents/${incident.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {incident.rule}
                </Link>
                <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">{incident.summary}</span>
              </td>
              <td className="px-3">{targetLabel(incident.target)}</td>
              <td className="px-3">
                <IncidentStatusBadge status={incident.status} />
              </td>
              <td className="px-3 text-zinc-600 dark:text-zinc-400">
                <RelativeTime iso={incident.opened_at} />
              </td>
              <td className="px-3 text-zinc-600 dark:text-zinc-400">{incident.acknowledged_by ?? "—"}</td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}

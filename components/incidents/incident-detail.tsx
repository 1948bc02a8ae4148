"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { MetricChart } from "@/components/models/metric-chart";
import { Panel } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { IncidentStatusBadge, SeverityBadge, targetLabel } from "./badges";
import { IncidentActions } from "./incident-actions";
import { incidentQuery } from "./query-options";
import { Timeline } from "./timeline";

const BEFORE_MS = 2 * 3_600_000;

/** The incident on one screen: what fired, since when, how bad, what changed just before, and what to do. */
export function IncidentDetailView({
  id,
  modelVersions,
  canManage,
  rollback,
}: {
  id: string;
  /** The affected model's versions, newest first (chart colours); null when the incident is not about a model. */
  modelVersions: string[] | null;
  canManage: boolean;
  rollback: { model: string; toVersion: string } | null;
}) {
  const { data: incident } = useSuspenseQuery({ ...incidentQuery(id), refetchInterval: useRefreshInterval() });
  const target = incident.target;
  const metric = typeof incident.condition.metric === "string" ? incident.condition.metric : null;
  const threshold = typeof incident.condition.threshold === "number" ? incident.condition.threshold : undefined;
  const from = new Date(Date.parse(incident.opened_at) - BEFORE_MS).toISOString();
  const failures = incident.timeline
    .filter((e) => e.kind === "pipeline_failed")
    .map((e) => ({ ts: e.at, kind: "pipeline_failed" as const, text: "pipeline failed" }));

  return (
    <div className="space-y-5">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={incident.severity} />
          <IncidentStatusBadge status={incident.status} />
          <span className="text-sm text-zinc-600 dark:text-zinc-400">{targetLabel(target)}</span>
        </div>
        <h1 className="text-xl font-semibold tracking-tight">{incident.rule}</h1>
        <p className="text-zinc-700 dark:text-zinc-300">{incident.summary}</p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Opened <RelativeTime iso={incident.opened_at} />
          {incident.acknowledged_by && (
            <>
              {" "}
              · acknowledged by {incident.acknowledged_by} {incident.acknowledged_at && <RelativeTime iso={incident.acknowledged_at} />}
            </>
          )}
          {incident.resolved_at && (
            <>
              {" "}
              · resolved {incident.resolved_by ? `by ${incident.resolved_by} ` : ""}
              <RelativeTime iso={incident.resolved_at} />
            </>
          )}
        </p>
        {(incident.description || incident.runbook_url) && (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {incident.description}{" "}
            {incident.runbook_url && (
              <a
                href={incident.runbook_url}
                target="_blank"
                rel="noreferrer"
                className="inline-flex items-center gap-1 text-indigo-700 hover:underline dark:text-indigo-300"
              >
                Runbook <ExternalLink aria-hidden className="size-3.5" />
              </a>
            )}
          </p>
        )}
      </header>

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-5">
          {metric && modelVersions && "model" in target && (
            <MetricChart
              model={target.model}
              metric={metric}
              title={`${metric} since two hours before it fired`}
              versions={modelVersions}
              exampleVersion={target.version ?? modelVersions[0] ?? "v1"}
              window={{ from }}
              version={target.version}
              threshold={threshold}
              markers={failures}
              controls={
                <Link href={`/models/${encodeURIComponent(target.model)}`} className="text-xs text-indigo-700 hover:underline dark:text-indigo-300">
                  Model page
                </Link>
              }
            />
          )}
          <Panel title="Timeline">
            <Timeline entries={incident.timeline} />
          </Panel>
        </div>
        <div className="space-y-5">
          <IncidentActions incident={incident} canManage={canManage} rollback={rollback} />
        </div>
      </div>
    </div>
  );
}

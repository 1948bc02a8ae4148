"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { DeclaredMetrics } from "@/components/models/declared-metrics";
import { useRefreshInterval } from "@/components/hooks/use-refresh-interval";
import { RelativeTime } from "@/components/ui/relative-time";
import { StageBadge, StatusBadge, StatusIcon } from "@/components/ui/status-badge";
import clsx from "clsx";
import { gateTitle, type Viewer } from "@/lib/governance/viewer";
import { DecisionPanel } from "./decision-panel";
import { promotionQuery } from "./query-options";

const EVENT_TEXT: Record<string, string> = {
  requested: "requested the promotion",
  approved: "approved",
  rejected: "rejected",
  waived: "waived a gate",
  withdrawn: "withdrew the request",
  executed: "executed: the stage changed",
};

function describeRequired(required: Record<string, number | undefined>): string {
  return Object.entries(required)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([role, n]) => `${n} ${role}`)
    .join(" + ");
}

export function PromotionDetailView({ id, viewer }: { id: string; viewer: Viewer }) {
  const { data: p } = useSuspenseQuery({ ...promotionQuery(id), refetchInterval: useRefreshInterval() });
  return (
    <>
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight">
              <Link
                href={`/models/${p.model}`}
                className="text-indigo-700 underline decoration-indigo-300 underline-offset-4 hover:decoration-2 dark:text-indigo-300"
              >
                {p.model}
              </Link>{" "}
              {p.version} → {p.target_stage}
            </h1>
            <StatusBadge status={p.status} />
          </div>
          <p className="mt-1 text-zinc-600 dark:text-zinc-400">
            Requested by {p.requested_by} · <RelativeTime iso={p.created_at} /> · policy v{p.policy.version} ({describeRequired(p.required_approvals)}, metric
            tolerance {(p.policy.metric_tolerance * 100).toPrecision(3).replace(/\.?0+$/, "")}%).
          </p>
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">“{p.justification}”</p>
          {p.decision_reason && (
            <p className="mt-1 text-sm text-red-700 dark:text-red-300">
              {p.status === "rejected" ? "Rejected" : "Closed"} by {p.decided_by}: {p.decision_reason}
            </p>
          )}
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="compare-heading">
            <h2 id="compare-heading" className="mb-2 font-medium">
              Candidate {p.version} <StageBadge stage={p.comparison.candidate.stage} /> against{" "}
              {p.comparison.production ? (
                <>
                  {p.status === "executed" ? "the production version it replaced" : "production"} {p.comparison.production.version}
                </>
              ) : (
                "production: none to compare against"
              )}
            </h2>
            <DeclaredMetrics metrics={p.comparison.candidate.metrics} production={p.comparison.production} />
          </section>
          <section aria-labelledby="gates-heading">
            <h2 id="gates-heading" className="mb-2 font-medium">
              Gates
            </h2>
            <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {p.gates.map((g) => (
                <li
                  key={g.name}
                  className={clsx(
                    "flex items-start gap-3 border-l-2 px-3 py-2",
                    g.status === "waived" ? "border-l-amber-500 bg-amber-50/60 dark:border-l-amber-400 dark:bg-amber-950/30" : "border-l-transparent",
                    g.status === "not_applicable" && "bg-zinc-50 dark:bg-zinc-900/60",
                  )}
                  data-testid="gate"
                  data-status={g.status}
                >
                  <StatusIcon status={g.status} />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className={g.status === "not_applicable" ? "font-medium text-zinc-600 dark:text-zinc-400" : "font-medium"}>
                        {gateTitle(g.name)}
                      </span>
                      <StatusBadge status={g.status} />
                    </div>
                    <p className="text-sm text-zinc-600 dark:text-zinc-400">
                      {g.status === "not_applicable" ? `Not applicable: ${g.detail}` : `${p.version}: ${g.detail}`}
                    </p>
                    {g.production && (
                      <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="gate-production">
                        Production {g.production}
                      </p>
                    )}
                    {g.waived && (
                      <p className="text-sm text-amber-800 dark:text-amber-300" data-testid="gate-waiver">
                        Waived by <span className="font-medium">{g.waived.by}</span> <RelativeTime iso={g.waived.at} />: “{g.waived.reason}”
                      </p>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-2 font-medium">
              Approvals and events
            </h2>
            <ol className="space-y-2 border-l border-zinc-200 pl-4 dark:border-zinc-800">
              {p.events.map((e, i) => (
                <li key={i} data-testid="promotion-event">
                  <div>
                    <span className="font-medium">{e.actor}</span> {EVENT_TEXT[e.kind] ?? e.kind}
                    {typeof e.detail.role === "string" && <span className="text-zinc-500"> as {e.detail.role}</span>}
                    {typeof e.detail.gate === "string" && <span className="text-zinc-500"> “{gateTitle(e.detail.gate)}”</span>}
                  </div>
                  {(["comment", "reason"] as const).map((field) =>
                    typeof e.detail[field] === "string" ? (
                      <p key={field} className="text-sm text-zinc-600 dark:text-zinc-400">
                        “{e.detail[field] as string}”
                      </p>
                    ) : null,
                  )}
                  <div className="text-xs text-zinc-500">
                    <RelativeTime iso={e.at} />
                  </div>
                </li>
              ))}
            </ol>
            {p.status === "pending" && Object.keys(p.missing_approvals).length > 0 && (
              <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Still needed: {describeRequired(p.missing_approvals)}.</p>
            )}
          </section>
        </div>
        <div>
          <DecisionPanel promotion={p} viewer={viewer} />
        </div>
      </div>
    </>
  );
}

/**
 * "Needs attention": one list, most urgent first, mixing what is broken, what is silently
 * broken, and what waits for the viewer. Pure, so the ordering rules are tested as a table.
 */
export type AttentionKind =
  | "incident_critical"
  | "incident_open"
  | "pipeline_failing"
  | "pipeline_stale"
  | "model_drifting"
  | "approval_waiting"
  | "review_waiting"
  | "pipeline_volume"
  | "model_degraded";

export interface AttentionItem {
  kind: AttentionKind;
  severity: "critical" | "warning" | "info";
  title: string;
  why: string;
  href: string;
  /** When it started, where known: older first within a kind. */
  since: string | null;
}

/**
 * Lower comes first. A critical incident nobody has acknowledged is what pages someone, so it
 * leads; lesser ones follow what is broken (they often repeat it). The silent failure (stale) sits
 * right behind the loud one.
 */
const URGENCY: Record<AttentionKind, number> = {
  incident_critical: 0,
  pipeline_failing: 1,
  pipeline_stale: 2,
  model_drifting: 3,
  incident_open: 4,
  approval_waiting: 5,
  review_waiting: 6,
  pipeline_volume: 7,
  model_degraded: 8,
};

export interface AttentionInput {
  pipelines: { name: string; status: string; reason: string; overdue_since: string | null; last_run: { finished_at: string | null } | null }[];
  /** `status_since`: when a degradation began; `drift_since`: when the current drift episode began. */
  models: {
    name: string;
    status: string;
    production_version: string | null;
    status_reason?: string | null;
    status_since?: string | null;
    drift_since?: string | null;
  }[];
  /** Promotion requests the viewer can act on now. */
  approvalsForViewer: { id: string; model: string; version: string; target_stage: string; requested_by: string; created_at: string }[];
  /** Break-glass rollbacks the viewer must acknowledge. */
  reviewsForViewer: { id: string; model: string; to_version: string; by: string; at: string }[];
  /** Incidents nobody has acknowledged yet; acknowledged ones have someone on them. */
  openIncidents?: { id: string; rule: string; severity: "critical" | "warning" | "info"; summary: string; opened_at: string }[];
}

const path = (segment: string, name: string) => `/${segment}/${encodeURIComponent(name)}`;

export function needsAttention(input: AttentionInput): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const i of input.openIncidents ?? []) {
    items.push({
      kind: i.severity === "critical" ? "incident_critical" : "incident_open",
      severity: i.severity === "critical" ? "critical" : "warning",
      title: `Incident: ${i.rule}`,
      why: `${i.summary}; nobody has acknowledged it`,
      href: `/incidents/${i.id}`,
      since: i.opened_at,
    });
  }
  for (const p of input.pipelines) {
    if (p.status === "failing")
      items.push({
        kind: "pipeline_failing",
        severity: "critical",
        title: `Pipeline ${p.name} is failing`,
        why: p.reason,
        href: path("pipelines", p.name),
        since: p.last_run?.finished_at ?? null,
      });
    else if (p.status === "stale")
      items.push({
        kind: "pipeline_stale",
        severity: "critical",
        title: `Pipeline ${p.name} stopped running`,
        why: p.reason,
        href: path("pipelines", p.name),
        since: p.overdue_since,
      });
    else if (p.status === "volume_anomaly")
      items.push({
        kind: "pipeline_volume",
        severity: "warning",
        title: `Pipeline ${p.name} wrote too few rows`,
        why: p.reason,
        href: path("pipelines", p.name),
        since: p.last_run?.finished_at ?? null,
      });
  }
  for (const m of input.models) {
    if (m.status === "drifting")
      items.push({
        kind: "model_drifting",
        severity: "warning",
        title: `${m.name} is drifting`,
        why: `Half or more of the features of ${m.production_version ?? "its production version"} drifted in the last 24 h`,
        href: `/drift?model=${encodeURIComponent(m.name)}`,
        since: m.drift_since ?? null,
      });
    else if (m.status === "degraded")
      items.push({
        kind: "model_degraded",
        severity: "warning",
        title: `${m.name} is degraded`,
        why: m.status_reason ?? "Its serving metrics are outside their usual range",
        href: path("models", m.name),
        since: m.status_since ?? null,
      });
  }
  for (const a of input.approvalsForViewer) {
    items.push({
      kind: "approval_waiting",
      severity: "info",
      title: `Approve ${a.model} ${a.version} → ${a.target_stage}?`,
      why: `Requested by ${a.requested_by}; your decision counts`,
      href: `/approvals/${a.id}`,
      since: a.created_at,
    });
  }
  for (const r of input.reviewsForViewer) {
    items.push({
      kind: "review_waiting",
      severity: "info",
      title: `Review the rollback of ${r.model} to ${r.to_version}`,
      why: `Break-glass rollback by ${r.by} awaits acknowledgement`,
      href: "/approvals",
      since: r.at,
    });
  }
  return items.sort((a, b) => URGENCY[a.kind] - URGENCY[b.kind] || (a.since ?? "\uffff").localeCompare(b.since ?? "\uffff") || a.title.localeCompare(b.title));
}

/** A model drifts on a day when half or more of its features do. */
const DRIFTED_DAY_SHARE = 0.5;

/**
 * When the current drift episode began: the first day of the run of drifted days that ends at
 * the latest drifted one (today's partial day may not count yet). Without a drifted day in the
 * strip, the 24-hour window that judged the model drifting.
 */
export function driftOnset(strip: readonly { day: string; share_drifted: number }[], windowFrom: string): string {
  let end = strip.length - 1;
  while (end >= 0 && strip[end].share_drifted < DRIFTED_DAY_SHARE) end--;
  if (end < 0 || end < strip.length - 2) return windowFrom;
  let start = end;
  while (start > 0 && strip[start - 1].share_drifted >= DRIFTED_DAY_SHARE) start--;
  return `${strip[start].day}T00:00:00.000Z`;
}
